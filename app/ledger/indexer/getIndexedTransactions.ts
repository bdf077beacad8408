import { isAddress, type Address, type Hex } from 'viem';
import { _getJson, IndexerUnavailableError, type IndexerClient } from './client';

export type IndexedTransactionsPage = {
  /** Transaction ids the indexer lists, newest first: only hints, to be read from the ledger. */
  readonly ids: readonly bigint[];
  /** The cursor of the next page; undefined on the last. */
  readonly next: string | undefined;
  /**
   * The block the indexer says the page is of (the newest it has indexed): a claim the app checks against
   * the ledger (its head, and that block's hash), so no separate `/status` request is needed.
   */
  readonly block: { readonly number: bigint; readonly hash: Hex };
};

export type GetIndexedTransactionsParameters = {
  /**
   * `inbox`: open transactions waiting for `account` (of `country`); `history`: finished ones it took part
   * in; `transactions`: the list under the inbox (a party of `country` naming no wallet or `account`, not
   * waiting for `account`).
   */
  readonly list: 'inbox' | 'history' | 'transactions';
  readonly account: Address;
  /** Inbox and transactions: the account's country (seats open to any identity of it). */
  readonly country?: string;
  readonly cursor?: string;
  readonly limit?: number;
};

/** One page of the indexer's inbox or history list. Only the ids are kept: nothing else of its answer is believed. */
export async function getIndexedTransactions(client: IndexerClient, params: GetIndexedTransactionsParameters): Promise<IndexedTransactionsPage> {
  if (!isAddress(params.account)) throw new TypeError('getIndexedTransactions needs an account address.');
  const body = await _getJson(client, `/${params.list}`, {
    account: params.account,
    country: params.list === 'history' ? undefined : params.country,
    cursor: params.cursor,
    limit: params.limit,
  });
  const page = body as { items?: unknown; next?: unknown } | null;
  const items = page?.items;
  if (!Array.isArray(items)) throw new IndexerUnavailableError(client.url, 'no items in the answer');
  const ids = items.map((item: unknown) => {
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || !/^[0-9]{1,78}$/.test(id)) throw new IndexerUnavailableError(client.url, 'an item without a decimal id');
    return BigInt(id);
  });
  const next = typeof page?.next === 'string' && /^[0-9]{1,78}$/.test(page.next) ? page.next : undefined;
  const block = (page as { block?: { number?: unknown; hash?: unknown } | null }).block;
  const number = block?.number;
  const hash = block?.hash;
  if (typeof number !== 'string' || !/^[0-9]{1,20}$/.test(number) || typeof hash !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(hash))
    throw new IndexerUnavailableError(client.url, 'no indexed block (number and hash) in the answer');
  return { ids, next, block: { number: BigInt(number), hash: hash as Hex } };
}
