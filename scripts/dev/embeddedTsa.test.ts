import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseNetworkConfig } from '../../app/ledger/index.ts';
import { createTimestampRequest, fromPem, parseCertificate, readTimestampResponse, verifyTimestampToken } from '../../app/pki/index.ts';
import { createRelay } from '../../relay/server.ts';
import { startEmbeddedTsa } from './embeddedTsa.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'embedded-tsa-'));
const networkFile = path.join(dataDir, 'network.json');
writeFileSync(networkFile, JSON.stringify({ chainId: 31337, rpcUrl: 'http://127.0.0.1:1', contracts: { trustStore: '0x5FbDB2315678afecb367f032d93F642f64180aa3' } }));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the embedded default time-stamping authority', () => {
  it('answers through the relay with tokens anchored at the root network.json lists, and keeps that root across restarts', async () => {
    const first = await startEmbeddedTsa({ dataDir, networkFile });
    const relay = createRelay({ port: 0, tsaUrl: first.url, tsaOnLoopback: first.local });
    const base = await relay.listen();
    try {
      const roots = parseNetworkConfig(JSON.parse(readFileSync(networkFile, 'utf8'))).tsaRoots ?? [];
      expect(roots).toHaveLength(1);
      const data = globalThis.crypto.getRandomValues(new Uint8Array(64));
      const request = await createTimestampRequest({ data });
      const response = await fetch(`${base}/tsa`, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: request.der.slice() });
      expect(response.status).toBe(200);
      const token = readTimestampResponse(new Uint8Array(await response.arrayBuffer()));
      const checked = await verifyTimestampToken({ token, data, nonce: request.nonce, trustAnchors: [await parseCertificate(fromPem(roots[0]!, 'CERTIFICATE'))] });
      expect(checked).toMatchObject({ anchored: true });
      expect(checked.tsaName).toContain('Local Test Time-Stamping Authority');
    } finally {
      await relay.close();
      await first.close();
    }
    const rootBefore = readFileSync(networkFile, 'utf8');
    const second = await startEmbeddedTsa({ dataDir, networkFile });
    await second.close();
    expect(JSON.parse(readFileSync(networkFile, 'utf8')).tsaRoots).toEqual(JSON.parse(rootBefore).tsaRoots);
  });
});
