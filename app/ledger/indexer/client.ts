import { LedgerError } from '../errors';

/**
 * The indexer's HTTP API (network.json `indexerUrl`). Not trusted: it only says which transactions and
 * events to look at; every item shown is read again from the ledger.
 */
export type IndexerClient = {
  readonly url: string;
  readonly fetch: typeof globalThis.fetch;
  /** Milliseconds before a request counts as failed (and the app falls back to the ledger). */
  readonly timeoutMs: number;
};

export type CreateIndexerClientParameters = {
  readonly url: string;
  readonly fetch?: typeof globalThis.fetch;
  readonly timeoutMs?: number;
};

export function createIndexerClient(params: CreateIndexerClientParameters): IndexerClient {
  return {
    url: params.url.replace(/\/$/, ''),
    fetch: params.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: params.timeoutMs ?? 5_000,
  };
}

/** The indexer did not answer, or answered something else than its API's shape. */
export class IndexerUnavailableError extends LedgerError {
  override name = 'IndexerUnavailableError';
  constructor(url: string, details: string, cause?: unknown) {
    super('The indexer does not answer.', { cause, details: `${url}: ${details}`, messageKey: 'ledger.indexerUnavailable', params: { url } });
  }
}

/** GET `path` with `query` (undefined values left out), as JSON. */
export async function _getJson(client: IndexerClient, path: string, query: Readonly<Record<string, string | number | undefined>>): Promise<unknown> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
  const url = `${client.url}${path}${search.size ? `?${search}` : ''}`;
  let response: Response;
  try {
    response = await client.fetch(url, { signal: AbortSignal.timeout(client.timeoutMs), headers: { accept: 'application/json' } });
  } catch (error) {
    throw new IndexerUnavailableError(client.url, error instanceof Error ? error.message : String(error), error);
  }
  if (!response.ok) throw new IndexerUnavailableError(client.url, `HTTP ${response.status}`);
  try {
    return await response.json();
  } catch (error) {
    throw new IndexerUnavailableError(client.url, 'not JSON', error);
  }
}
