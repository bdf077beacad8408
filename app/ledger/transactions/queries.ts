import type { Address, Client } from 'viem';
import { contractKeys, type LedgerQueryOptions } from '../queryKeys';
import { findSigningParty } from './findSigningParty';
import { getPartyTransactions } from './getPartyTransactions';
import { getSignTypedData } from './getSignTypedData';
import { getTransaction } from './getTransaction';
import { ledgerTransactionLists, type InboxPage, type TransactionLists, type TransactionsCursor, type TransactionsPage } from './lists';
import type { LogCache } from '../logs';
import { getExpiredOpenTransactions } from './unlistExpiredTransactions';

/** Which TransactionRegistry, on which ledger (none on a network without one). */
export type TransactionRegistryQueryParameters = { readonly chainId: number; readonly address: Address | undefined };

/** Every read of one TransactionRegistry lives under this key. */
export const transactionRegistryKeys = (chainId: number, address: Address | undefined) => contractKeys(chainId, 'transactionRegistry', address);

/** Transactions with a party this wallet (of `country`) may sign, each with the party it would sign now. */
export function partyTransactionsQueryOptions(
  client: Client,
  params: TransactionRegistryQueryParameters & { readonly country: string | undefined; readonly account: Address | undefined; readonly fromBlock?: bigint },
) {
  const { address, country, account } = params;
  return {
    queryKey: [...transactionRegistryKeys(params.chainId, address), 'partyTransactions', country, account],
    enabled: address !== undefined && country !== undefined && account !== undefined,
    queryFn: async () => {
      const found = await getPartyTransactions(client, { address: address!, country: country!, account: account!, fromBlock: params.fromBlock });
      // Which party this wallet would sign, by the contract's own rules (undefined: nothing to sign).
      return Promise.all(
        found.map(async (transaction) => ({
          ...transaction,
          signingParty: await findSigningParty(client, { address: address!, id: transaction.id, account: account! }),
        })),
      );
    },
  } satisfies LedgerQueryOptions<readonly unknown[], unknown>;
}

export function transactionQueryOptions(client: Client, params: TransactionRegistryQueryParameters & { readonly id: bigint | undefined }) {
  const { address, id } = params;
  return {
    queryKey: [...transactionRegistryKeys(params.chainId, address), 'transaction', id?.toString()],
    enabled: address !== undefined && id !== undefined,
    queryFn: () => getTransaction(client, { address: address!, id: id! }),
  } satisfies LedgerQueryOptions<readonly unknown[], unknown>;
}

/** The exact EIP-712 data this wallet's identity signs for party `partyIndex` of transaction `id`. */
export function signTypedDataQueryOptions(
  client: Client,
  params: TransactionRegistryQueryParameters & { readonly id: bigint; readonly partyIndex: number; readonly account: Address | undefined },
) {
  const { address, id, partyIndex, account } = params;
  return {
    queryKey: [...transactionRegistryKeys(params.chainId, address), 'signTypedData', id.toString(), partyIndex, account],
    enabled: address !== undefined && account !== undefined,
    queryFn: () => getSignTypedData(client, { address: address!, id, partyIndex, account: account! }),
  } satisfies LedgerQueryOptions<readonly unknown[], unknown>;
}

/** Where the lists read from, besides the registry: the ledger's log range and the history cache. */
export type TransactionListQueryParameters = TransactionRegistryQueryParameters & {
  readonly country: string | undefined;
  readonly account: Address | undefined;
  readonly pageSize?: number;
  readonly fromBlock?: bigint;
  readonly maxRange?: bigint;
  readonly cache?: LogCache;
  /** The lists' source (default: the ledger; an indexer answers the same shapes). */
  readonly lists?: TransactionLists;
};

const PAGE_SIZE = 20;

/** Whose list: the registry, the person's country and wallet (all known once the list is enabled). */
type ListOwner = { readonly address: Address; readonly country: string; readonly account: Address };

/**
 * Options for useInfiniteQuery over one of this person's lists, newest first, a page at a time ("load
 * more"): keyed by the list's name, the person's country and wallet, enabled once all three are known.
 */
function personalListQueryOptions<page extends { readonly next?: cursor }, cursor>(
  params: TransactionListQueryParameters,
  list: string,
  readPage: (lists: TransactionLists, owner: ListOwner, pageParam: cursor | undefined) => Promise<page>,
) {
  const { address, country, account } = params;
  const lists = params.lists ?? ledgerTransactionLists;
  return {
    queryKey: [...transactionRegistryKeys(params.chainId, address), list, country, account?.toLowerCase()] as const,
    enabled: address !== undefined && country !== undefined && account !== undefined,
    initialPageParam: undefined as cursor | undefined,
    queryFn: ({ pageParam }: { readonly pageParam: cursor | undefined }): Promise<page> => readPage(lists, { address: address!, country: country!, account: account! }, pageParam),
    getNextPageParam: (last: page) => last.next,
  };
}

/** Options for useInfiniteQuery: what waits for this person, newest first, a page at a time ("load more"). */
export function inboxQueryOptions(client: Client, params: TransactionListQueryParameters) {
  return personalListQueryOptions<InboxPage, bigint>(params, 'inbox', (lists, owner, belowId) =>
    lists.getInbox(client, { ...owner, belowId, limit: params.pageSize ?? PAGE_SIZE }),
  );
}

/** Options for useInfiniteQuery: this person's other transactions (waiting for others, or finished), newest first, a page at a time. */
export function transactionHistoryQueryOptions(client: Client, params: TransactionListQueryParameters) {
  return personalListQueryOptions<TransactionsPage, TransactionsCursor>(params, 'history', (lists, owner, before) =>
    lists.getTransactionsPage(client, {
      chainId: params.chainId,
      ...owner,
      notWaiting: true,
      before,
      limit: params.pageSize ?? PAGE_SIZE,
      fromBlock: params.fromBlock,
      maxRange: params.maxRange,
      cache: params.cache,
    }),
  );
}

/** Most expired ids one prune offers (one `unlistExpired` call; about 2.2M gas for 100). */
export const PRUNE_LIMIT = 100;

/**
 * Expired transactions still on `country`'s open list (newest first, at most PRUNE_LIMIT): what the
 * transactions page offers to take off with `unlistExpiredTransactions`.
 */
export function expiredOpenQueryOptions(client: Client, params: TransactionRegistryQueryParameters & { readonly country: string | undefined }) {
  const { address, country } = params;
  return {
    queryKey: [...transactionRegistryKeys(params.chainId, address), 'expiredOpen', country],
    enabled: address !== undefined && country !== undefined,
    queryFn: () => getExpiredOpenTransactions(client, { address: address!, country: country!, limit: PRUNE_LIMIT }),
  } satisfies LedgerQueryOptions<readonly unknown[], unknown>;
}
