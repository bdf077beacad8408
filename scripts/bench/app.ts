// `npm run --silent bench:app -- --out FILE`: what the app costs a user, measured not asserted.
//   initial_js_gzip_bytes  gzip bytes of the JavaScript the first page load needs (entry + modulepreloads)
//   total_js_gzip_bytes    gzip bytes of all JavaScript in the production build
//   verdict_ms_median      median ms from choosing a certificate to the trust verdict, read from the
//                          page's performance measure 'verdict' on the embedded ledger, in Chromium
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { freePort } from '../dev/anvil.ts';
import { ensureEmbeddedLedger } from '../dev/embedded.ts';

const { values } = parseArgs({ options: { out: { type: 'string' }, runs: { type: 'string' } } });
const root = path.resolve(import.meta.dirname, '..', '..');
const dist = path.join(root, 'dist');

await build({ root, logLevel: 'warn' });

const gzipBytes = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const initialFiles = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\/([^"]+\.js)"/g)].map((m) => m[1]!);
const initial = initialFiles.reduce((sum, f) => sum + gzipBytes(path.join(dist, f)), 0);
const allJs = readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.js'));
const total = allJs.reduce((sum, f) => sum + gzipBytes(path.join(dist, 'assets', f)), 0);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? null : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Opens the identity page, picks a demo identity, and reads the 'verdict' measure, `runs` times. */
async function measureVerdict(runs: number): Promise<number[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pki-ledger-bench-'));
  const ledger = await ensureEmbeddedLedger({ dataDir, port: await freePort() });
  process.env.PKI_NETWORK_FILE = ledger.networkFile;
  const port = await freePort();
  const server = await preview({ root, preview: { host: '127.0.0.1', port, strictPort: true }, logLevel: 'warn' });
  const browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${port}/#/identity`);
      const { chooseDemoIdentity } = await import('./appVerdict.ts');
      await chooseDemoIdentity(page);
      const ms = await page.waitForFunction(() => performance.getEntriesByName('verdict', 'measure').at(-1)?.duration, undefined, { timeout: 30_000 });
      times.push(Number(await ms.jsonValue()));
      await page.close();
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    await ledger.anvil.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return times;
}

let verdictTimes: number[] = [];
let verdictError: string | undefined;
try {
  verdictTimes = await measureVerdict(Number(values.runs ?? 7));
} catch (error) {
  verdictError = error instanceof Error ? error.message.split('\n')[0] : String(error);
}

const result = {
  initial_js_gzip_bytes: initial,
  total_js_gzip_bytes: total,
  verdict_ms_median: median(verdictTimes),
  ...(verdictError ? { verdict_error: verdictError } : { verdict_ms_runs: verdictTimes.map((t) => Math.round(t * 10) / 10) }),
  initial_js_files: initialFiles,
};
const text = JSON.stringify(result, null, 2) + '\n';
if (values.out) writeFileSync(values.out, text);
process.stdout.write(text);
