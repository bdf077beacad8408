import type { Client } from 'viem';
import { getContractEvents } from 'viem/actions';
import { trustStoreAbi } from '@abi/TrustStore';
import { _byChainOrder } from '../_writeContract';
import { toLedgerError } from '../errors';
import { getLogPage, getLogsSince, type LogCache, type LogPosition } from '../logs';
import type { TrustStoreParameters } from './types';

export type GetTrustStoreHistoryParameters = TrustStoreParameters & {
  /** The deployment block; earlier blocks hold nothing of this contract. */
  readonly fromBlock?: bigint;
  /** The most blocks one log request may span (the node's limit; default 1,000). */
  readonly maxRange?: bigint;
};

/** Every governance event of the Trust Store, oldest first: enough to rebuild its whole history. */
export async function getTrustStoreHistory(client: Client, params: GetTrustStoreHistoryParameters) {
  try {
    const events = await getLogsSince(client, { ...params, read: (range) => getContractEvents(client, { abi: trustStoreAbi, address: params.address, ...range }) });
    return _byChainOrder(events);
  } catch (error) {
    throw toLedgerError(error);
  }
}

export type GetTrustStoreHistoryReturnType = Awaited<ReturnType<typeof getTrustStoreHistory>>;

export type GetTrustStoreHistoryPageParameters = GetTrustStoreHistoryParameters & {
  /** Names the chain in the cache's keys. */
  readonly chainId: number;
  /** Events below this position (the previous page's `next`); none: the newest. */
  readonly before?: LogPosition;
  readonly limit: number;
  readonly cache?: LogCache;
};

/** One page of the Trust Store's governance events, newest first, read back from the newest block only as far as the page needs. */
export async function getTrustStoreHistoryPage(client: Client, params: GetTrustStoreHistoryPageParameters) {
  return getLogPage(client, {
    key: `${params.chainId}:trustStore:${params.address.toLowerCase()}:all`,
    fromBlock: params.fromBlock ?? 0n,
    before: params.before,
    limit: params.limit,
    maxRange: params.maxRange,
    cache: params.cache,
    read: (range) => getContractEvents(client, { abi: trustStoreAbi, address: params.address, ...range }),
  });
}

export type GetTrustStoreHistoryPageReturnType = Awaited<ReturnType<typeof getTrustStoreHistoryPage>>;
