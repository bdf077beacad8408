import { indexedDbLogCache, type LogCache } from '@/ledger';

let cache: LogCache | undefined | null = null;

/** The page's history cache (IndexedDB, per chain and filter); undefined where the browser has none. */
export function ledgerLogCache(): LogCache | undefined {
  if (cache === null) cache = indexedDbLogCache();
  return cache;
}
