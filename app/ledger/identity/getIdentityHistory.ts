import type { Address, Client } from 'viem';
import { getContractEvents } from 'viem/actions';
import { identityRegistryAbi } from '@abi/IdentityRegistry';
import { _byChainOrder } from '../_writeContract';
import { toLedgerError } from '../errors';
import { getLogsSince } from '../logs';
import type { IdentityRegistryParameters } from './types';

export type GetIdentityHistoryParameters = IdentityRegistryParameters & {
  /** The deployment block; earlier blocks hold nothing of this contract. */
  readonly fromBlock?: bigint;
  /** The most blocks one log request may span (the node's limit; default 1,000). */
  readonly maxRange?: bigint;
  /** Only the registrations and withdrawals of this wallet (IntermediateVerified events are left out). */
  readonly account?: Address;
};

/**
 * The registry's events oldest first: IdentityRegistered (with the holder certificate's DER, its key
 * hash and the path's tbsCertificate hashes, so anyone can re-check it), IdentityWithdrawn (certificate
 * and key hash) and IntermediateVerified (with the CA's DER).
 */
export async function getIdentityHistory(client: Client, params: GetIdentityHistoryParameters) {
  try {
    const since = { fromBlock: params.fromBlock, maxRange: params.maxRange };
    if (params.account) {
      const args = { account: params.account };
      const [registered, withdrawn] = await Promise.all([
        getLogsSince(client, { ...since, read: (range) => getContractEvents(client, { abi: identityRegistryAbi, address: params.address, eventName: 'IdentityRegistered', args, ...range }) }),
        getLogsSince(client, { ...since, read: (range) => getContractEvents(client, { abi: identityRegistryAbi, address: params.address, eventName: 'IdentityWithdrawn', args, ...range }) }),
      ]);
      return _byChainOrder([...registered, ...withdrawn]);
    }
    return _byChainOrder(await getLogsSince(client, { ...since, read: (range) => getContractEvents(client, { abi: identityRegistryAbi, address: params.address, ...range }) }));
  } catch (error) {
    throw toLedgerError(error);
  }
}

export type GetIdentityHistoryReturnType = Awaited<ReturnType<typeof getIdentityHistory>>;
