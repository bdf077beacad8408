import { zeroAddress, type Address, type Client, type Hex } from 'viem';
import { getBlock, getBlockNumber } from 'viem/actions';
import { countryToBytes2 } from '../countries';
import { ContractRefusedError, toLedgerError } from '../errors';
import {
  getTransactionSummaries,
  ledgerTransactionLists,
  waitsFor,
  type GetInboxParameters,
  type GetTransactionsPageParameters,
  type InboxPage,
  type TransactionLists,
  type TransactionsPage,
  type TransactionSummary,
} from '../transactions';
import { IndexerUnavailableError, type IndexerClient } from './client';
import { getIndexedTransactions } from './getIndexedTransactions';

/** Why a page came from the ledger instead: the indexer failed, lags the ledger, or listed what the ledger contradicts. */
export type IndexerFallbackReason = 'unavailable' | 'behind' | 'mismatch';

export type IndexerTransactionListsParameters = {
  readonly indexer: IndexerClient;
  /** Answers when the indexer cannot (default: the ledger's lists). */
  readonly fallback?: TransactionLists;
  /**
   * Blocks the indexer's page may lag the ledger's head before it is not used: a lagging indexer misses
   * the newest transactions, and the summaries shown are read at the page's block. Default 0.
   */
  readonly maxLagBlocks?: bigint;
  /** Told each time a page falls back (diagnostics, tests). */
  readonly onFallback?: (reason: IndexerFallbackReason, list: 'inbox' | 'transactions') => void;
};

type IndexedPage = { readonly items: readonly TransactionSummary[]; readonly next?: bigint };

/**
 * The app's transaction lists (TransactionLists) paged from an indexer: one page of its ids with the block
 * it claims the page is of (number and hash), then, in one batch, the ledger's head, that block's hash and
 * the ledger's summaries of those ids at that block (one `summariesOf` call), so every item shown is the
 * ledger's. Two HTTP requests when the client's transport batches (the app's does). The page is used only
 * if the claimed block is the ledger's (its hash), at most `maxLagBlocks` below its head and not above
 * it, and the ledger agrees that every
 * listed id belongs to the list (an unknown id, a finished one in the inbox, one of another person:
 * the indexer lies or is stale); otherwise the page comes from the ledger. A wrong indexer can still hide
 * transactions (leave them out), never show one the ledger does not put on the list.
 */
export function indexerTransactionLists(params: IndexerTransactionListsParameters): TransactionLists {
  const fallback = params.fallback ?? ledgerTransactionLists;
  const maxLag = params.maxLagBlocks ?? 0n;

  async function indexedPage(
    client: Client,
    query: {
      readonly list: 'inbox' | 'transactions';
      readonly address: Address;
      readonly country: string;
      readonly account: Address;
      readonly belowId: bigint | undefined;
      readonly limit: number;
      readonly belongs: (summary: TransactionSummary) => boolean;
    },
  ): Promise<IndexedPage | IndexerFallbackReason> {
    let indexed: Awaited<ReturnType<typeof getIndexedTransactions>>;
    try {
      indexed = await getIndexedTransactions(params.indexer, { list: query.list, account: query.account, country: query.country, cursor: query.belowId?.toString(), limit: query.limit });
    } catch (error) {
      if (error instanceof IndexerUnavailableError) return 'unavailable';
      throw toLedgerError(error);
    }
    const ids = indexed.ids;
    const next = indexed.next === undefined ? undefined : BigInt(indexed.next);
    // The answer's own shape: at most a page, newest first, below the cursor, continuing below its last.
    const ordered = ids.every((id, i) => id > 0n && (i === 0 ? query.belowId === undefined || id < query.belowId : id < ids[i - 1]!));
    if (ids.length > query.limit || !ordered || (next !== undefined && (ids.length === 0 || next > ids.at(-1)!))) return 'mismatch';
    // Started together, so a batching transport (the app's) sends them as one request: the ledger's head,
    // the hash of the block the indexer claims, and the summaries at that block, so the check that the
    // indexer reached the ledger and what is shown are of the same block.
    const at = indexed.block.number;
    const [head, block, read] = await Promise.allSettled([
      getBlockNumber(client, { cacheTime: 0 }),
      getBlock(client, { blockNumber: at }),
      getTransactionSummaries(client, { address: query.address, ids, blockNumber: at }),
    ]);
    if (head.status === 'rejected') throw toLedgerError(head.reason);
    // A block the ledger does not have yet: a lie, or an indexer following a node ahead of this one.
    if (at > head.value) return 'mismatch';
    if (head.value - at > maxLag) return 'behind';
    // Not the ledger's block at that height: a forged hash, or a page of a branch the ledger left (reorg).
    if (block.status === 'rejected' || block.value.hash === null || block.value.hash.toLowerCase() !== indexed.block.hash.toLowerCase()) return 'mismatch';
    if (read.status === 'rejected') {
      // summariesOf reverts on an id the ledger never had.
      if (read.reason instanceof ContractRefusedError && read.reason.errorName === 'TransactionRegistry__UnknownTransaction') return 'mismatch';
      throw read.reason;
    }
    const summaries = read.value;
    if (!summaries.every(query.belongs)) return 'mismatch';
    return { items: summaries, next };
  }

  const fellBack = (reason: IndexerFallbackReason, list: 'inbox' | 'transactions') => params.onFallback?.(reason, list);

  async function getInbox(client: Client, p: GetInboxParameters): Promise<InboxPage> {
    const country = countryToBytes2(p.country);
    const page = await indexedPage(client, {
      list: 'inbox',
      address: p.address,
      country: p.country,
      account: p.account,
      belowId: p.belowId,
      limit: p.limit,
      belongs: (summary) => waitsFor(summary, country, p.account),
    });
    if (typeof page !== 'string') return { items: page.items, next: page.next, source: 'indexer' };
    fellBack(page, 'inbox');
    return fallback.getInbox(client, p);
  }

  async function getTransactionsPage(client: Client, p: GetTransactionsPageParameters): Promise<TransactionsPage> {
    const account = p.account;
    // The indexer keeps the list under the inbox only; a ledger cursor continues on the ledger.
    if (!p.notWaiting || account === undefined || (p.before !== undefined && !('belowId' in p.before))) return fallback.getTransactionsPage(client, p);
    const country = countryToBytes2(p.country);
    const page = await indexedPage(client, {
      list: 'transactions',
      address: p.address,
      country: p.country,
      account,
      belowId: p.before?.belowId,
      limit: p.limit,
      belongs: (summary) => hasPartyFor(summary, country, account) && !waitsFor(summary, country, account),
    });
    if (typeof page !== 'string') return { items: page.items, next: page.next === undefined ? undefined : { belowId: page.next }, source: 'indexer' };
    fellBack(page, 'transactions');
    return fallback.getTransactionsPage(client, p);
  }

  return { getInbox, getTransactionsPage };
}

/** A party of `country` naming no wallet or `account`: what the ledger's `PartyRequired` topics select. */
function hasPartyFor(summary: TransactionSummary, country: Hex, account: Address): boolean {
  const me = account.toLowerCase();
  return summary.transaction.parties.some(
    (party) => party.country.toLowerCase() === country.toLowerCase() && (party.account === zeroAddress || party.account.toLowerCase() === me),
  );
}
