/**
 * Revocation relay benchmark: `npm run --silent bench:relay -- --out FILE [--runs N]`.
 *
 * What the relay adds to a cached CRL fetch on loopback: the median of N fetches of one CRL (made by
 * `openssl ca -gencrl`) straight from its server on 127.0.0.1, and through the relay with the CRL in the
 * relay's cache, sampled in turn so that load on the machine hits both alike. Both with Node's fetch and
 * keep-alive, as a browser would. The goal is relay_added_ms <= 5.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { createRelay } from '../../relay/server';
import { makeTestCa, startTestServer } from '../../relay/testing';

const args = process.argv.slice(2);
const out = args[args.indexOf('--out') + 1];
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 301;
if (!args.includes('--out') || !out || !(runs > 0)) {
  process.stderr.write('usage: bench:relay -- --out FILE [--runs N]\n');
  process.exit(2);
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const quantile = (xs: number[], q: number) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * q))] as number;
const round = (x: number) => Math.round(x * 1000) / 1000;

const ca = makeTestCa({ crlHours: 24 });
const upstream = await startTestServer((_req, res) => res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(ca.crlDer));
// The upstream is on loopback, so this relay allows loopback: a benchmark harness, never a deployment.
const relay = createRelay({ port: 0, allowLoopbackForTests: true });
const relayUrl = await relay.listen();
const direct = `${upstream.url}/ca.crl`;
const viaRelay = `${relayUrl}/crl?url=${encodeURIComponent(direct)}`;

async function timed(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers: { origin: 'http://127.0.0.1:5173' } });
  const body = new Uint8Array(await response.arrayBuffer());
  const elapsed = performance.now() - started;
  if (response.status !== 200 || body.length !== ca.crlDer.length) throw new Error(`${url}: HTTP ${response.status}, ${body.length} bytes`);
  return elapsed;
}

try {
  for (let i = 0; i < 50; i++) {
    await timed(direct); // warm-up: JIT, connections, and the relay's cache
    await timed(viaRelay);
  }
  const upstreamBefore = upstream.requests.length;
  const directSamples: number[] = [];
  const relaySamples: number[] = [];
  for (let i = 0; i < runs; i++) {
    directSamples.push(await timed(direct));
    relaySamples.push(await timed(viaRelay));
  }
  const relayUpstreamHits = upstream.requests.length - upstreamBefore - runs; // direct fetches excluded
  const directMs = quantile(directSamples, 0.5);
  const relayMs = quantile(relaySamples, 0.5);
  const result = {
    runs,
    crl_bytes: ca.crlDer.length,
    direct_ms: round(directMs),
    relay_cached_ms: round(relayMs),
    relay_added_ms: round(relayMs - directMs),
    direct_p90_ms: round(quantile(directSamples, 0.9)),
    relay_cached_p90_ms: round(quantile(relaySamples, 0.9)),
    relay_upstream_requests: relayUpstreamHits,
    goal_relay_added_ms: 5,
    load_average_1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    cpus: cpus().length,
  };
  process.stderr.write(
    `direct ${result.direct_ms} ms, relay (cached) ${result.relay_cached_ms} ms: the relay adds ${result.relay_added_ms} ms (median of ${runs}; goal <= 5 ms)\n`,
  );
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  process.stderr.write(`wrote ${out}\n`);
} finally {
  await relay.close();
  await upstream.close();
  ca.remove();
}
