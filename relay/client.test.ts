// The engine's own CRL download (app/pki fetchCrl) through the relay: the relay serves bytes, the engine
// parses them; an SSRF refusal reaches the engine as a download failure ("no status"), never as "good".
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CrlFetchError, createCrlCache, fetchCrl } from '../app/pki/index.ts';
import { relayedCrlFetch } from './client.ts';
import { createRelay, type Relay } from './server.ts';
import { makeTestCa, startTestServer, type TestCa, type TestServer } from './testing.ts';

let ca: TestCa;
let upstream: TestServer;
let relay: Relay;
let relayUrl: string;

beforeAll(async () => {
  ca = makeTestCa();
  upstream = await startTestServer((_req, res) => res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(ca.crlDer));
  relay = createRelay({ port: 0, allowLoopbackForTests: true });
  relayUrl = await relay.listen();
});

afterAll(async () => {
  await relay?.close();
  await upstream?.close();
  ca?.remove();
});

it("the engine's fetchCrl reads a CRL through the relay", async () => {
  const crl = await fetchCrl(`${upstream.url}/ca.crl`, { fetch: relayedCrlFetch(relayUrl), cache: createCrlCache() });
  expect(crl.nextUpdate?.getTime()).toBeGreaterThan(Date.now());
  expect(upstream.requests).toHaveLength(1);
});

it('a refused URL is a CrlFetchError for the engine', async () => {
  const download = fetchCrl('http://169.254.169.254/latest/meta-data/', { fetch: relayedCrlFetch(relayUrl), cache: createCrlCache() });
  await expect(download).rejects.toBeInstanceOf(CrlFetchError);
  await expect(download).rejects.toMatchObject({ details: 'HTTP status 403' });
});
