import type { Address, Client } from 'viem';
import { getContractEvents } from 'viem/actions';
import { identityRegistryAbi } from '@abi/IdentityRegistry';
import { _byChainOrder } from '../_writeContract';
import { toLedgerError } from '../errors';
import type { IdentityRegistryParameters } from './types';

export type GetIdentityHistoryParameters = IdentityRegistryParameters & {
  /** The deployment block; earlier blocks hold nothing of this contract. */
  readonly fromBlock?: bigint;
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
    const range = { address: params.address, fromBlock: params.fromBlock ?? 0n, toBlock: 'latest' } as const;
    if (params.account) {
      const args = { account: params.account };
      const [registered, withdrawn] = await Promise.all([
        getContractEvents(client, { abi: identityRegistryAbi, eventName: 'IdentityRegistered', args, ...range }),
        getContractEvents(client, { abi: identityRegistryAbi, eventName: 'IdentityWithdrawn', args, ...range }),
      ]);
      return _byChainOrder([...registered, ...withdrawn]);
    }
    return _byChainOrder(await getContractEvents(client, { abi: identityRegistryAbi, ...range }));
  } catch (error) {
    throw toLedgerError(error);
  }
}

export type GetIdentityHistoryReturnType = Awaited<ReturnType<typeof getIdentityHistory>>;
