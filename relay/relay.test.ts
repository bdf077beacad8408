// The relay's happy paths against real servers on 127.0.0.1: a CRL made by `openssl ca -gencrl`, a real
// `openssl ocsp` responder, CORS, and the cache. Upstreams are on loopback, so these relays run with
// allowLoopbackForTests; the refusals are in ssrf.test.ts, with the production policy.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCrlTimes } from './crl-times.ts';
import { createRelay, type Relay, type RelayConfig } from './server.ts';
import { freePort, makeTestCa, startOpensslOcsp, startTestServer, type OcspResponder, type TestCa, type TestServer } from './testing.ts';

let ca: TestCa;
let upstream: TestServer;
const relays: Relay[] = [];

async function startRelay(config: RelayConfig = {}): Promise<string> {
  const relay = createRelay({ port: 0, allowLoopbackForTests: true, ...config });
  relays.push(relay);
  return relay.listen();
}

const crlUrl = (path = '/ca.crl') => `${upstream.url}${path}`;
const viaRelay = (relay: string, url: string) => `${relay}/crl?url=${encodeURIComponent(url)}`;

beforeAll(async () => {
  ca = makeTestCa({ crlHours: 1 });
  upstream = await startTestServer((req, res) => {
    if (req.url?.startsWith('/ca.crl') || req.url?.startsWith('/other')) {
      res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(ca.crlDer);
    } else if (req.url === '/garbage') {
      res.writeHead(200).end('not a CRL');
    } else res.writeHead(404).end();
  });
});

afterAll(async () => {
  await Promise.all(relays.map((r) => r.close()));
  await upstream?.close();
  ca?.remove();
});

describe('CRL relay', () => {
  it('relays the bytes of a CRL made by openssl ca -gencrl unchanged, as application/pkix-crl', async () => {
    const relay = await startRelay();
    const response = await fetch(viaRelay(relay, crlUrl('/ca.crl?identical')));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pkix-crl');
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.equals(ca.crlDer)).toBe(true);
    // and openssl still reads it as the CA's CRL
    const file = join(ca.dir, 'relayed.der');
    writeFileSync(file, body);
    expect(execFileSync('openssl', ['crl', '-inform', 'DER', '-in', file, '-CAfile', ca.caCert, '-noout'], { encoding: 'utf8', stdio: 'pipe' })).toBe('');
  });

  it('answers CORS for the configured page origins only, without credentials, and answers preflights', async () => {
    const relay = await startRelay();
    const allowed = await fetch(viaRelay(relay, crlUrl('/ca.crl?cors')), { headers: { origin: 'http://localhost:5173' } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    expect(allowed.headers.get('vary')).toContain('Origin');

    const preflight = await fetch(`${relay}/ocsp?url=x`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();

    const foreign = await fetch(viaRelay(relay, crlUrl('/ca.crl?cors')), { headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves a CRL from its cache until nextUpdate: the upstream sees one request for two, then a new one after nextUpdate', async () => {
    let now = Date.now();
    const relay = await startRelay({ now: () => now });
    const url = crlUrl('/ca.crl?cached');
    const count = () => upstream.requests.filter((r) => r.url === '/ca.crl?cached').length;
    const first = await fetch(viaRelay(relay, url));
    const second = await fetch(viaRelay(relay, url));
    expect([first.headers.get('x-relay-cache'), second.headers.get('x-relay-cache')]).toEqual(['miss', 'hit']);
    expect(Buffer.from(await second.arrayBuffer()).equals(ca.crlDer)).toBe(true);
    expect(count()).toBe(1);
    // An hour later, past the CRL's nextUpdate, the relay fetches it again.
    now = readCrlTimes(ca.crlDer)!.nextUpdate!.getTime() + 1;
    await fetch(viaRelay(relay, url));
    expect(count()).toBe(2);
  });

  it('shares one upstream download between concurrent requests for one URL', async () => {
    const relay = await startRelay();
    const url = crlUrl('/ca.crl?shared');
    const answers = await Promise.all([1, 2, 3].map(() => fetch(viaRelay(relay, url))));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(upstream.requests.filter((r) => r.url === '/ca.crl?shared')).toHaveLength(1);
  });

  it('keeps bytes that are not a CRL only for the fallback TTL, and relays them unchanged (the page decides)', async () => {
    let now = Date.now();
    const relay = await startRelay({ now: () => now, cache: { fallbackTtlMs: 60_000 } });
    const url = crlUrl('/garbage');
    const first = await fetch(viaRelay(relay, url));
    expect(await first.text()).toBe('not a CRL');
    await fetch(viaRelay(relay, url));
    expect(upstream.requests.filter((r) => r.url === '/garbage')).toHaveLength(1);
    now += 61_000;
    await fetch(viaRelay(relay, url));
    expect(upstream.requests.filter((r) => r.url === '/garbage')).toHaveLength(2);
  });

  it('bounds the cache in entries and in bytes', async () => {
    const byEntries = createRelay({ port: 0, allowLoopbackForTests: true, cache: { maxEntries: 2 } });
    relays.push(byEntries);
    const relay = await byEntries.listen();
    for (const n of [1, 2, 3]) await fetch(viaRelay(relay, crlUrl(`/other?n=${n}`)));
    expect(byEntries.cache.size.entries).toBe(2);

    const byBytes = createRelay({ port: 0, allowLoopbackForTests: true, cache: { maxBytes: ca.crlDer.length * 2 - 1 } });
    relays.push(byBytes);
    const relay2 = await byBytes.listen();
    for (const n of [4, 5, 6]) await fetch(viaRelay(relay2, crlUrl(`/other?n=${n}`)));
    expect(byBytes.cache.size).toEqual({ entries: 1, bytes: ca.crlDer.length });
  });

  it('answers /health', async () => {
    const relay = await startRelay();
    const response = await fetch(`${relay}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true });
  });
});

describe('OCSP relay, against a real openssl ocsp responder', () => {
  let responder: OcspResponder;
  let responderUrl: string;

  beforeAll(async () => {
    responder = await startOpensslOcsp(ca, await freePort());
    responderUrl = responder.url;
  });

  afterAll(async () => responder?.stop());

  function makeRequest(leaf: string, name: string): Buffer {
    const out = join(ca.dir, `${name}.req.der`);
    execFileSync('openssl', ['ocsp', '-issuer', ca.caCert, '-cert', leaf, '-reqout', out], { stdio: 'pipe' });
    return readFileSync(out);
  }

  function verifyResponse(response: Buffer, leaf: string, name: string): string {
    const file = join(ca.dir, `${name}.resp.der`);
    writeFileSync(file, response);
    const run = spawnSync('openssl', ['ocsp', '-respin', file, '-no_nonce', '-CAfile', ca.caCert, '-issuer', ca.caCert, '-cert', leaf], {
      encoding: 'utf8',
    });
    expect(run.status, run.stderr + run.stdout).toBe(0);
    expect(run.stderr).toContain('Response verify OK');
    return run.stdout;
  }

  it('relays a POSTed OCSP request and the responder answer verifies: revoked', async () => {
    const relay = await startRelay();
    const request = makeRequest(ca.revokedLeaf, 'post');
    const response = await fetch(`${relay}/ocsp?url=${encodeURIComponent(responderUrl)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/ocsp-request', origin: 'http://127.0.0.1:5173' },
      body: new Uint8Array(request),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/ocsp-response');
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    const output = verifyResponse(Buffer.from(await response.arrayBuffer()), ca.revokedLeaf, 'post');
    expect(output).toMatch(/revoked\.pem: revoked/);
    expect(output).toMatch(/Reason: keyCompromise/);
  });

  it('relays the RFC 6960 GET form: good', async () => {
    const relay = await startRelay();
    const request = makeRequest(ca.goodLeaf, 'get');
    const response = await fetch(`${relay}/ocsp?url=${encodeURIComponent(responderUrl)}&request=${encodeURIComponent(request.toString('base64'))}`);
    expect(response.status).toBe(200);
    const output = verifyResponse(Buffer.from(await response.arrayBuffer()), ca.goodLeaf, 'get');
    expect(output).toMatch(/good\.pem: good/);
  });

  it('refuses an OCSP request body over the cap with 413', async () => {
    const relay = await startRelay({ maxOcspRequestBytes: 1024 });
    const response = await fetch(`${relay}/ocsp?url=${encodeURIComponent(responderUrl)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/ocsp-request' },
      body: new Uint8Array(4096),
    });
    expect(response.status).toBe(413);
  });
});
