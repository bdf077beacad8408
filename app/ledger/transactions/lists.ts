import { zeroAddress, type Address, type Client, type ContractFunctionReturnType, type Hex } from 'viem';
import { getContractEvents } from 'viem/actions';
import { transactionRegistryAbi } from '@abi/TransactionRegistry';
import { _readContract } from '../_readContract';
import { countryToBytes2 } from '../countries';
import { getLogPage, type LogCache, type LogPosition } from '../logs';
import { TransactionStatus, type TransactionRegistryParameters } from './types';

/** A transaction as lists show it: its status now and, per party, the wallet that signed it (zero: unsigned). */
export type TransactionSummary = ContractFunctionReturnType<typeof transactionRegistryAbi, 'view', 'summariesOf'>[number];

/** Open: it can still be signed (proposed or partially signed, before its deadline). */
export const isOpenStatus = (status: number) => status === TransactionStatus.Proposed || status === TransactionStatus.PartiallySigned;

/**
 * Whether `account` (an identity of `country`) may sign `summary` now: open, a party of `country` unsigned
 * that names no wallet or `account`, and no party signed by `account`. The contract's `_waitsFor`, which
 * decides the inbox; the list under the inbox leaves these out.
 */
export function waitsFor(summary: TransactionSummary, country: Hex, account: Address): boolean {
  if (!isOpenStatus(summary.status)) return false;
  const me = account.toLowerCase();
  if (summary.signedBy.some((signer) => signer.toLowerCase() === me)) return false;
  return summary.transaction.parties.some(
    (party, i) =>
      summary.signedBy[i] === zeroAddress &&
      party.country.toLowerCase() === country.toLowerCase() &&
      (party.account === zeroAddress || party.account.toLowerCase() === me),
  );
}

/** Most calls one inbox page makes when the contract answers short pages (it examines a bounded number per call). */
const INBOX_CALLS = 5;

export type GetInboxParameters = TransactionRegistryParameters & {
  /** The person's country (their identity's) and wallet. */
  readonly country: string;
  readonly account: Address;
  /** Ids below this one (the previous page's `next`); none: the newest. */
  readonly belowId?: bigint;
  readonly limit: number;
};

export type InboxPage = {
  /** Newest first. */
  readonly items: readonly TransactionSummary[];
  /** The next page's `belowId`; undefined: the end. */
  readonly next?: bigint;
  /** Which list answered: the ledger's views, or an indexer's ids checked against the ledger. */
  readonly source?: ListSource;
};

/** Which list answered a page (the items are always the ledger's summaries). */
export type ListSource = 'ledger' | 'indexer';

/**
 * What waits for this person: open transactions with a party of their country they may sign now (naming
 * no wallet or theirs, unsigned, and none signed by them), newest first. The contract keeps the open
 * ones linked per country, so a page costs one call whatever the ledger's age.
 */
export async function getInbox(client: Client, params: GetInboxParameters): Promise<InboxPage> {
  const items: TransactionSummary[] = [];
  let below = params.belowId ?? 0n;
  for (let call = 0; call < INBOX_CALLS && items.length < params.limit; call++) {
    const [list, next] = await _readContract(client, {
      abi: transactionRegistryAbi,
      address: params.address,
      functionName: 'openTransactionsOf',
      args: [countryToBytes2(params.country), params.account, below, BigInt(params.limit - items.length)],
    });
    items.push(...list);
    if (next === 0n) return { items, source: 'ledger' };
    below = next;
  }
  return { items, next: below, source: 'ledger' };
}

/** Summaries of many transactions in one call, in the order asked; at `blockNumber` when given (else the latest). */
export async function getTransactionSummaries(
  client: Client,
  params: TransactionRegistryParameters & { readonly ids: readonly bigint[]; readonly blockNumber?: bigint },
) {
  if (params.ids.length === 0) return [];
  return _readContract(client, { abi: transactionRegistryAbi, address: params.address, functionName: 'summariesOf', args: [params.ids], blockNumber: params.blockNumber });
}

export type GetTransactionsPageParameters = TransactionRegistryParameters & {
  /** Names the chain in the cache's keys. */
  readonly chainId: number;
  /** Transactions with a party of this country... */
  readonly country: string;
  /** ...naming no wallet or this one (none: any). */
  readonly account?: Address;
  /**
   * Leave out what waits for `account` to sign (the inbox lists those): the list under the inbox, with what
   * waits for the other parties and what is finished (completed, cancelled, expired).
   */
  readonly notWaiting?: boolean;
  /** The deployment block: log reads start there. */
  readonly fromBlock?: bigint;
  /** Transactions below this position (the previous page's `next`); none: the newest. */
  readonly before?: TransactionsCursor;
  readonly limit: number;
  /** The most blocks one log request may span (the node's limit; default 1,000). */
  readonly maxRange?: bigint;
  readonly cache?: LogCache;
};

/**
 * Where a list's next page starts: below a log position (the ledger's `PartyRequired` logs) or below a
 * transaction id (an indexer's pages; ids grow with the blocks, so either source can continue it).
 */
export type TransactionsCursor = LogPosition | { readonly belowId: bigint };

export type TransactionsPage = {
  readonly items: readonly TransactionSummary[];
  readonly next?: TransactionsCursor;
  readonly source?: ListSource;
};

/** Most log pages one history page reads when most candidates are still open. */
const HISTORY_ROUNDS = 5;

/**
 * A person's transactions newest first, from the `PartyRequired` logs the node filters by country and
 * account topics (read back from the newest block in ranges the node accepts, cached by the caller's
 * cache), with their status from one `summariesOf` call per page.
 */
export async function getTransactionsPage(client: Client, params: GetTransactionsPageParameters): Promise<TransactionsPage> {
  const country = countryToBytes2(params.country);
  const account = params.account === undefined ? undefined : [zeroAddress, params.account];
  const key = `${params.chainId}:transactionRegistry:${params.address.toLowerCase()}:party:${country}:${params.account?.toLowerCase() ?? '*'}`;
  const items: TransactionSummary[] = [];
  const seen = new Set<bigint>();
  // An indexer's cursor (an id) continues on the ledger from the newest log, ids below it only.
  const belowId = params.before && 'belowId' in params.before ? params.before.belowId : undefined;
  let before = params.before && 'belowId' in params.before ? undefined : params.before;
  const read = (range: { fromBlock: bigint; toBlock: bigint }) =>
    getContractEvents(client, { abi: transactionRegistryAbi, address: params.address, eventName: 'PartyRequired', args: { country, account }, strict: true, ...range });
  const accept = belowId === undefined ? undefined : (log: Awaited<ReturnType<typeof read>>[number]) => log.args.id < belowId;
  for (let round = 0; round < HISTORY_ROUNDS && items.length < params.limit; round++) {
    const page = await getLogPage(client, {
      key,
      fromBlock: params.fromBlock ?? 0n,
      before,
      accept,
      limit: params.limit - items.length,
      maxRange: params.maxRange,
      cache: params.cache,
      read,
    });
    const ids = [...new Set(page.items.map((log) => log.args.id))].filter((id) => !seen.has(id));
    ids.forEach((id) => seen.add(id));
    const summaries = await getTransactionSummaries(client, { address: params.address, ids });
    items.push(...summaries.filter((s) => !params.notWaiting || params.account === undefined || !waitsFor(s, country, params.account)));
    before = page.next;
    if (!before) break;
  }
  return { items, next: before, source: 'ledger' };
}

/**
 * The functions the app's transaction lists go through. An indexer (network.json `indexerUrl`,
 * `indexerTransactionLists` in ../indexer) answers the same shapes from its ids, each page checked
 * against the ledger's summaries; every record the person opens is still read from the ledger.
 */
export type TransactionLists = {
  readonly getInbox: typeof getInbox;
  readonly getTransactionsPage: typeof getTransactionsPage;
};

export const ledgerTransactionLists: TransactionLists = { getInbox, getTransactionsPage };

/**
 * The party of a listed transaction this wallet would sign, by the contract's rules as far as the summary
 * shows them (unsigned, of the wallet identity's country, naming no wallet or this one, and no party
 * signed by this wallet); undefined when none. The sign panel reads the exact party from the ledger.
 */
export function seatFor(summary: TransactionSummary, params: { readonly country: string; readonly account: Address }): number | undefined {
  if (!isOpenStatus(summary.status)) return undefined;
  const country = countryToBytes2(params.country).toLowerCase();
  const account = params.account.toLowerCase();
  if (summary.signedBy.some((signer) => signer.toLowerCase() === account)) return undefined;
  const index = summary.transaction.parties.findIndex(
    (party, i) =>
      party.country.toLowerCase() === country &&
      (party.account === zeroAddress || party.account.toLowerCase() === account) &&
      summary.signedBy[i] === zeroAddress,
  );
  return index < 0 ? undefined : index;
}
