/**
 * Query keys of ledger reads. Every read of a network lives under `ledgerKeys(chainId)`, and every read
 * of one contract under its contract's key, so one invalidation refreshes a contract or the whole ledger.
 */
export const ledgerKeys = (chainId: number) => ['ledger', chainId] as const;

export const contractKeys = (chainId: number, contract: string, address: string | undefined) =>
  [...ledgerKeys(chainId), contract, address?.toLowerCase()] as const;

/** A read's options for TanStack Query's useQuery/fetchQuery (plain data: this folder knows no React). */
export type LedgerQueryOptions<key extends readonly unknown[], data> = {
  readonly queryKey: key;
  readonly queryFn: () => Promise<data>;
  readonly enabled: boolean;
};

/** Reads of the TransactionRegistry that list transactions: any new transaction or status change may change them. */
const transactionListReads = new Set(['inbox', 'history', 'partyTransactions', 'expiredOpen']);

/**
 * Whether a cached read of ledger `chainId` may have changed with `changes` (what our contracts emitted in
 * new blocks). Governance and identity events are rare and feed many reads: they refresh the whole ledger.
 * Transaction events refresh the lists and the reads of the transactions they name, nothing else.
 */
export function isLedgerReadChanged(
  queryKey: readonly unknown[],
  params: {
    readonly chainId: number;
    readonly transactionRegistry: string | undefined;
    readonly contracts: ReadonlySet<string>;
    readonly firstTopics: ReadonlyMap<string, ReadonlySet<bigint>>;
  },
): boolean {
  if (queryKey[0] !== 'ledger' || queryKey[1] !== params.chainId || params.contracts.size === 0) return false;
  const registry = params.transactionRegistry?.toLowerCase();
  const others = [...params.contracts].some((address) => address.toLowerCase() !== registry);
  if (others) return true;
  const ids = new Set([...params.firstTopics].flatMap(([address, topics]) => (address.toLowerCase() === registry ? [...topics].map(String) : [])));
  const [, , kind, address, name, ...parts] = queryKey;
  if (kind === 'transactionRegistry') {
    if (address !== registry) return false;
    return transactionListReads.has(String(name)) || parts.some((part) => typeof part === 'string' && ids.has(part));
  }
  // Reads keyed by a transaction outside the registry's own keys (the re-verified record).
  if (kind === 'verifiedTransaction') return [address, name, ...parts].some((part) => typeof part === 'string' && ids.has(part));
  return false;
}
