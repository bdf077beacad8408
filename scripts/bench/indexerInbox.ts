// What the app's inbox costs with the indexer: one page from the indexer's API, each listed transaction
// then read again from the ledger (app/ledger/indexer's getTransactionList, as the page runs it). For
// bench:scale (the integrator wires it in); counts every HTTP request and response byte, indexer and
// ledger apart.
import { createPublicClient, http, type Address } from 'viem';
import { createIndexerClient, getTransactionList } from '../../app/ledger/indexer';

export type MeasureIndexerInboxParameters = {
  readonly indexerUrl: string;
  readonly rpcUrl: string;
  readonly transactionRegistry: Address;
  readonly account: Address;
  /** The account's country (seats open to any identity of it). */
  readonly country: string;
  /** Page size (the app's default: 20). */
  readonly limit?: number;
  /** Send the ledger reads as JSON-RPC batches (one HTTP request per tick); the app's transport does not. */
  readonly batch?: boolean;
};

export type MeasureIndexerInboxResult = {
  /** All HTTP requests (indexer + ledger). */
  readonly requests: number;
  readonly ms: number;
  /** Response body bytes, indexer + ledger. */
  readonly bytes: number;
  readonly indexerRequests: number;
  readonly ledgerRequests: number;
  /** The transactions the first page shows (after the ledger check). */
  readonly items: number;
  readonly source: 'indexer' | 'ledger';
};

export async function measureIndexerInbox(params: MeasureIndexerInboxParameters): Promise<MeasureIndexerInboxResult> {
  let indexerRequests = 0;
  let ledgerRequests = 0;
  let bytes = 0;
  const size = async (response: Response) => (bytes += (await response.clone().arrayBuffer()).byteLength);
  const indexer = createIndexerClient({
    url: params.indexerUrl,
    fetch: async (input, init) => {
      indexerRequests++;
      const response = await globalThis.fetch(input, init);
      await size(response);
      return response;
    },
  });
  const client = createPublicClient({
    transport: http(params.rpcUrl, {
      batch: params.batch ?? false,
      onFetchRequest: () => void ledgerRequests++,
      onFetchResponse: (response) => size(response).then(() => undefined),
    }),
  });
  const started = performance.now();
  const page = await getTransactionList(client, {
    list: 'inbox',
    address: params.transactionRegistry,
    account: params.account,
    country: params.country,
    indexer,
    limit: params.limit ?? 20,
  });
  const ms = performance.now() - started;
  return { requests: indexerRequests + ledgerRequests, ms, bytes, indexerRequests, ledgerRequests, items: page.items.length, source: page.source };
}
