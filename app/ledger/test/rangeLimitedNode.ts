// Test support: a real HTTP JSON-RPC proxy in front of anvil that refuses eth_getLogs over `maxRange`
// blocks as Hyperledger Besu does (--rpc-max-logs-range), and records every log range asked.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

type JsonRpcRequest = { readonly id: number | string; readonly method: string; readonly params?: readonly unknown[] };

export type RangeLimitedNode = {
  readonly url: string;
  /** Block spans (to - from + 1) of the eth_getLogs requests forwarded or refused, in order. */
  readonly logRanges: bigint[];
  /** JSON-RPC methods received, in order (a batch counts each member). */
  readonly methods: string[];
  readonly refused: number;
  close(): Promise<void>;
};

export async function startRangeLimitedNode(params: { readonly upstream: string; readonly maxRange: bigint }): Promise<RangeLimitedNode> {
  const logRanges: bigint[] = [];
  const methods: string[] = [];
  let refused = 0;
  const forward = async (body: unknown) => {
    const response = await fetch(params.upstream, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return (await response.json()) as unknown;
  };
  const blockOf = async (tag: unknown): Promise<bigint> => {
    if (typeof tag === 'string' && tag.startsWith('0x')) return BigInt(tag);
    if (tag === 'earliest') return 0n;
    const answer = (await forward({ jsonrpc: '2.0', id: 0, method: 'eth_blockNumber', params: [] })) as { result: string };
    return BigInt(answer.result);
  };
  const answer = async (request: JsonRpcRequest) => {
    methods.push(request.method);
    if (request.method === 'eth_getLogs') {
      const filter = (request.params?.[0] ?? {}) as { fromBlock?: string; toBlock?: string; blockHash?: string };
      if (filter.blockHash === undefined) {
        const span = (await blockOf(filter.toBlock ?? 'latest')) - (await blockOf(filter.fromBlock ?? 'latest')) + 1n;
        logRanges.push(span);
        if (span > params.maxRange) {
          refused++;
          return { jsonrpc: '2.0', id: request.id, error: { code: -32602, message: `Requested range exceeds maximum range limit (${params.maxRange})` } };
        }
      }
    }
    return forward(request);
  };
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      const body = JSON.parse(text) as JsonRpcRequest | JsonRpcRequest[];
      void (Array.isArray(body) ? Promise.all(body.map(answer)) : answer(body)).then(
        (result) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(result));
        },
        (error: unknown) => {
          res.writeHead(502);
          res.end(String(error));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    logRanges,
    methods,
    get refused() {
      return refused;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
