// What the app's lists cost with the indexer (network.json `indexerUrl`): the page as the app reads it
// through indexerTransactionLists (one page of ids with its block from the indexer; the ledger's head,
// that block's hash and one summariesOf call at it in one JSON-RPC batch), with every HTTP request and
// response byte counted, indexer and ledger apart. Used by bench:scale (inbox.N.indexer.*, history.N.indexer.*).
import { createPublicClient, http, type Address } from 'viem';
import { createIndexerClient, indexerTransactionLists, type IndexerFallbackReason } from '../../app/ledger/indexer';
import { embeddedLedger } from '../../app/ledger/networks';

export type MeasureIndexerInboxParameters = {
  readonly indexerUrl: string;
  readonly rpcUrl: string;
  readonly transactionRegistry: Address;
  readonly account: Address;
  /** The account's country (seats open to any identity of it). */
  readonly country: string;
  /** `inbox` (default) or `history`: the list under it (waiting for others, or finished). */
  readonly list?: 'inbox' | 'history';
  /** Page size (the app's default: 20). */
  readonly limit?: number;
  /** History fallback: the deployment block. */
  readonly fromBlock?: bigint;
  /** Blocks the indexer may lag (default 0, as the app). */
  readonly maxLagBlocks?: bigint;
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
  /** Why the page came from the ledger, if it did. */
  readonly fallback?: IndexerFallbackReason;
};

export async function measureIndexerInbox(params: MeasureIndexerInboxParameters): Promise<MeasureIndexerInboxResult> {
  let indexerRequests = 0;
  let ledgerRequests = 0;
  let bytes = 0;
  let fallback: IndexerFallbackReason | undefined;
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
    chain: { ...embeddedLedger, rpcUrls: { default: { http: [params.rpcUrl] } } },
    // Batching as the app's transport does (app/config/wagmi.ts).
    transport: http(params.rpcUrl, {
      batch: true,
      onFetchRequest: () => void ledgerRequests++,
      onFetchResponse: (response) => size(response).then(() => undefined),
    }),
  });
  const lists = indexerTransactionLists({ indexer, maxLagBlocks: params.maxLagBlocks, onFallback: (reason) => (fallback = reason) });
  const common = { address: params.transactionRegistry, account: params.account, country: params.country, limit: params.limit ?? 20 };
  const started = performance.now();
  const page =
    params.list === 'history'
      ? await lists.getTransactionsPage(client, { ...common, chainId: embeddedLedger.id, notWaiting: true, fromBlock: params.fromBlock })
      : await lists.getInbox(client, common);
  const ms = Math.round(performance.now() - started);
  return {
    requests: indexerRequests + ledgerRequests,
    ms,
    bytes,
    indexerRequests,
    ledgerRequests,
    items: page.items.length,
    source: page.source ?? 'ledger',
    ...(fallback ? { fallback } : {}),
  };
}
