// The validators' signing process of an embedded ledger: anvil does not run QBFT, so this process holds
// test validator keys and seals commit hashes the way Besu's validators do (r || s || v, v in {0, 1}).
// It runs apart from the relayer, which only sees seals. Protocol: app/ledger/interop/sealer.ts.
//
//   tsx scripts/interop/sealer.ts --seed NAME --validators 4 [--host 127.0.0.1] [--port 0]
//   tsx scripts/interop/sealer.ts --keys-file FILE            (a JSON array of private keys)
//
// On start it prints one JSON line: { "url": "http://127.0.0.1:PORT", "validators": [...] }.
// Test keys only: keys derived from a seed are public knowledge.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isHex, keccak256, stringToHex, type Address, type Hex } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { qbftSeal } from '../../app/ledger/interop/qbft.ts';

export type SealerKeys = { readonly seed: string; readonly validators: number } | { readonly keysFile: string };

/** Test validator keys derived from `seed` (keccak256 of "seed/i"), ordered by address as Besu orders validators. */
export function deriveValidatorKeys(seed: string, count: number): Hex[] {
  const keys = Array.from({ length: count }, (_, i) => keccak256(stringToHex(`${seed}/${i}`)));
  return sortByAddress(keys);
}

function sortByAddress(keys: readonly Hex[]): Hex[] {
  const address = (k: Hex) => privateKeyToAddress(k).toLowerCase();
  return [...keys].sort((a, b) => (address(a) < address(b) ? -1 : 1));
}

/** Besu's quorum of n validators: ceil(2n / 3). */
export function qbftQuorum(n: number): number {
  return Math.ceil((2 * n) / 3);
}

async function readBody(request: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 4096) throw new Error('the request is too large');
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

/** The HTTP server of the signing process (exported for the process itself; tests start the process). */
export function sealerServer(keys: readonly Hex[]): http.Server {
  const validators: Address[] = keys.map((k) => privateKeyToAddress(k));
  const send = (response: http.ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  return http.createServer((request, response) => {
    void (async () => {
      if (request.method === 'GET' && request.url === '/validators') return send(response, 200, { validators });
      if (request.method !== 'POST' || request.url !== '/seal') return send(response, 404, { error: 'unknown path' });
      const body = await readBody(request);
      const { commitHash, count } = (typeof body === 'object' && body !== null ? body : {}) as { commitHash?: unknown; count?: unknown };
      if (typeof commitHash !== 'string' || !isHex(commitHash) || commitHash.length !== 66) {
        return send(response, 400, { error: 'commitHash must be 32 bytes of hex' });
      }
      const n = count === undefined ? qbftQuorum(keys.length) : count;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > keys.length) {
        return send(response, 400, { error: `count must be an integer from 1 to ${keys.length}` });
      }
      const seals = await Promise.all(keys.slice(0, n).map((k) => qbftSeal(commitHash, k)));
      send(response, 200, { seals });
    })().catch((error: unknown) => send(response, 400, { error: error instanceof Error ? error.message : String(error) }));
  });
}

export type SealerProcess = {
  readonly url: string;
  readonly validators: readonly Address[];
  readonly process: ChildProcess;
  stop(): Promise<void>;
};

/** Starts the signing process as a child process and waits for its address. */
export async function startSealer(keys: SealerKeys, options: { readonly host?: string; readonly port?: number } = {}): Promise<SealerProcess> {
  const args = 'seed' in keys ? ['--seed', keys.seed, '--validators', String(keys.validators)] : ['--keys-file', keys.keysFile];
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...args, '--host', options.host ?? '127.0.0.1', '--port', String(options.port ?? 0)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill();
    });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the sealer exited with code ${code}`)));
  });
  const started = JSON.parse(first) as { url: string; validators: Address[] };
  return { url: started.url, validators: started.validators, process: child, stop };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      validators: { type: 'string', default: '4' },
      'keys-file': { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '0' },
    },
  });
  let keys: Hex[];
  if (values['keys-file']) {
    const parsed = JSON.parse(readFileSync(values['keys-file'], 'utf8')) as unknown;
    if (!Array.isArray(parsed) || !parsed.every((k): k is Hex => typeof k === 'string' && isHex(k) && k.length === 66)) {
      throw new Error(`${values['keys-file']} is not a JSON array of 32-byte hex keys`);
    }
    keys = sortByAddress(parsed);
  } else if (values.seed) {
    keys = deriveValidatorKeys(values.seed, Number(values.validators));
  } else {
    throw new Error('give --seed NAME (test keys) or --keys-file FILE');
  }
  const server = sealerServer(keys);
  server.listen(Number(values.port), values.host, () => {
    const { port } = server.address() as AddressInfo;
    process.stdout.write(`${JSON.stringify({ url: `http://${values.host}:${port}`, validators: keys.map((k) => privateKeyToAddress(k)) })}\n`);
  });
  const close = () => server.close(() => process.exit(0));
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
}
