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
