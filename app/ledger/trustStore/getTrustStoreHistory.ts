import type { Client } from 'viem';
import { getContractEvents } from 'viem/actions';
import { trustStoreAbi } from '@abi/TrustStore';
import { _byChainOrder } from '../_writeContract';
import { toLedgerError } from '../errors';
import type { TrustStoreParameters } from './types';

export type GetTrustStoreHistoryParameters = TrustStoreParameters & {
  /** The deployment block; earlier blocks hold nothing of this contract. */
  readonly fromBlock?: bigint;
};

/** Every governance event of the Trust Store, oldest first: enough to rebuild its whole history. */
export async function getTrustStoreHistory(client: Client, params: GetTrustStoreHistoryParameters) {
  try {
    const events = await getContractEvents(client, {
      abi: trustStoreAbi,
      address: params.address,
      fromBlock: params.fromBlock ?? 0n,
      toBlock: 'latest',
    });
    return _byChainOrder(events);
  } catch (error) {
    throw toLedgerError(error);
  }
}

export type GetTrustStoreHistoryReturnType = Awaited<ReturnType<typeof getTrustStoreHistory>>;
