import type { Address, Client } from 'viem';
import type { LedgerQueryOptions } from '../queryKeys';
import { findSigningParty, getPartyTransactions, TransactionStatus } from '../transactions';
import { transactionRegistryKeys, type TransactionRegistryQueryParameters } from '../transactions/queries';
import { checkIndexedTransactions, type CheckedTransaction } from './checkIndexedTransactions';
import { IndexerUnavailableError, type IndexerClient } from './client';
import { getIndexedTransactions } from './getIndexedTransactions';

export type TransactionListPage = {
  readonly items: readonly CheckedTransaction[];
  /** The cursor of the next page (indexer only); undefined: no more. */
  readonly next: string | undefined;
  /** Where the list came from: the indexer (items checked on the ledger), or the ledger alone. */
  readonly source: 'indexer' | 'ledger';
};

export type GetTransactionListParameters = {
  /** The TransactionRegistry. */
  readonly address: Address;
  readonly list: 'inbox' | 'history';
  readonly account: Address;
  /** The wallet's country (its identity's): seats open to any identity of it. */
  readonly country: string | undefined;
  /** The deployment block (ledger fallback). */
  readonly fromBlock?: bigint;
  /** Absent when network.json names no indexer. */
  readonly indexer?: IndexerClient;
  readonly cursor?: string;
  readonly limit?: number;
};

export type IndexedTransactionListQueryParameters = TransactionRegistryQueryParameters &
  Omit<GetTransactionListParameters, 'address' | 'account'> & { readonly account: Address | undefined };

const open = new Set<TransactionStatus>([TransactionStatus.Proposed, TransactionStatus.PartiallySigned]);

/**
 * The inbox (open transactions waiting for this wallet) or history (finished ones it took part in),
 * newest first. With an indexer: one page of its list, each item read again from the ledger
 * (checkIndexedTransactions). Without one, or when it fails: the ledger's own event reads, all at once.
 */
export async function getTransactionList(client: Client, params: GetTransactionListParameters): Promise<TransactionListPage> {
  const { address, account, country, list } = params;
  if (params.indexer) {
    try {
      const page = await getIndexedTransactions(params.indexer, { list, account, country, cursor: params.cursor, limit: params.limit });
      const items = await checkIndexedTransactions(client, { address, account, list, ids: page.ids });
      return { items, next: page.next, source: 'indexer' } satisfies TransactionListPage;
    } catch (error) {
      // Only the indexer's failure falls back; a ledger failure is the ledger's error.
      if (!(error instanceof IndexerUnavailableError)) throw error;
    }
  }
  const found = country === undefined ? [] : await getPartyTransactions(client, { address, country, account, fromBlock: params.fromBlock });
  const withParty = await Promise.all(
    found.map(async (t) => ({ ...t, signingParty: open.has(t.status) ? await findSigningParty(client, { address, id: t.id, account }) : undefined })),
  );
  const items = withParty.filter((t) => (list === 'inbox' ? open.has(t.status) && t.signingParty !== undefined : !open.has(t.status))).reverse();
  return { items, next: undefined, source: 'ledger' } satisfies TransactionListPage;
}

/** Query options of getTransactionList, under the TransactionRegistry's key so new blocks refresh it. */
export function transactionListQueryOptions(client: Client, params: IndexedTransactionListQueryParameters) {
  const { address, account } = params;
  return {
    queryKey: [
      ...transactionRegistryKeys(params.chainId, address),
      'list',
      params.list,
      params.country,
      account,
      params.indexer?.url,
      params.cursor,
      params.limit,
    ],
    enabled: address !== undefined && account !== undefined && (params.list === 'history' || params.country !== undefined),
    queryFn: () => {
      const { chainId: _, ...rest } = params;
      return getTransactionList(client, { ...rest, address: address!, account: account! });
    },
  } satisfies LedgerQueryOptions<readonly unknown[], TransactionListPage>;
}
