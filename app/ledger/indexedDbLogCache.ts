import type { LogCache, LogWindow } from './logs';

const STORE = 'logWindows';

/**
 * A LogCache in IndexedDB, so history read once survives a reload: one record per chain and filter
 * (the key names both), the logs stored as structured clones (bigints included). Undefined where the
 * environment has no IndexedDB; a failing database degrades to no cache rather than failing reads.
 */
export function indexedDbLogCache(params: { readonly name?: string; readonly indexedDB?: IDBFactory } = {}): LogCache | undefined {
  const factory = params.indexedDB ?? globalThis.indexedDB;
  if (!factory) return undefined;
  let opened: Promise<IDBDatabase> | undefined;
  const open = () =>
    (opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(params.name ?? 'pki-ledger-logs', 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
    }));
  const run = async <result>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest): Promise<result | undefined> => {
    try {
      const db = await open();
      return await new Promise<result>((resolve, reject) => {
        const request = act(db.transaction(STORE, mode).objectStore(STORE));
        request.onsuccess = () => resolve(request.result as result);
        request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
      });
    } catch {
      return undefined; // private browsing, quota: read from the ledger instead
    }
  };
  return {
    get: <log>(key: string) => run<LogWindow<log>>('readonly', (store) => store.get(key)),
    put: async (key, window) => {
      await run('readwrite', (store) => store.put(window, key));
    },
  };
}
