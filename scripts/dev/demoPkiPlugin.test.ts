import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Connect, PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPkiPlugin } from './demoPkiPlugin.ts';

let dataDir: string;
let middleware: Connect.NextHandleFunction;

beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'demo-pki-plugin-'));
  mkdirSync(path.join(dataDir, 'demo-pki', 'br'), { recursive: true });
  writeFileSync(path.join(dataDir, 'demo-pki', 'manifest.json'), '{"version":1}');
  writeFileSync(path.join(dataDir, 'demo-pki', 'br', 'holder.p12'), new Uint8Array([0x30, 0x82]));
  writeFileSync(path.join(dataDir, 'demo-pki', 'notes.txt'), 'not served');
  writeFileSync(path.join(dataDir, 'network.json'), '{"secret":"beside, not inside"}');
  process.env.PKI_NETWORK_FILE = path.join(dataDir, 'network.json');
  const plugin = demoPkiPlugin();
  const hook = plugin.configurePreviewServer as (server: PreviewServer) => void;
  hook({ middlewares: { use: (m: Connect.NextHandleFunction) => (middleware = m) } } as unknown as PreviewServer);
});

afterAll(() => {
  delete process.env.PKI_NETWORK_FILE;
  rmSync(dataDir, { recursive: true, force: true });
});

function get(url: string): Promise<{ status: number; type: string | undefined; body: string; next: boolean }> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = {};
    const res = {
      statusCode: 200,
      setHeader: (name: string, value: string) => void (headers[name] = value),
      end: (body: string | Uint8Array = '') => resolve({ status: res.statusCode, type: headers['content-type'], body: Buffer.from(body).toString('latin1'), next: false }),
    };
    middleware({ url } as Connect.IncomingMessage, res as never, () => resolve({ status: 0, type: undefined, body: '', next: true }));
  });
}

describe('demoPkiPlugin', () => {
  it('serves the demo folder beside network.json', async () => {
    expect(await get('/demo-pki/manifest.json')).toMatchObject({ status: 200, type: 'application/json', body: '{"version":1}' });
    expect(await get('/demo-pki/br/holder.p12?x=1')).toMatchObject({ status: 200, type: 'application/x-pkcs12' });
  });

  it('serves nothing outside the folder, nor other kinds of files', async () => {
    expect((await get('/demo-pki/%2e%2e/network.json')).status).toBe(404);
    expect((await get('/demo-pki/..%2fnetwork.json')).status).toBe(404);
    expect((await get('/demo-pki/notes.txt')).status).toBe(404);
    expect((await get('/demo-pki/br')).status).toBe(404);
  });

  it('leaves other paths to the next handler', async () => {
    expect((await get('/network.json')).next).toBe(true);
  });
});
