// `npm run --silent bench:app -- --out FILE`: what the app costs a user, measured not asserted.
//   initial_js_gzip_bytes  gzip bytes of the JavaScript the first page load needs (entry + modulepreloads)
//   total_js_gzip_bytes    gzip bytes of all JavaScript in the production build
//   verdict_ms_median      median ms from choosing a certificate to the trust verdict, read from the
//                          page's performance measure 'verdict' on the embedded ledger, in Chromium. The
//                          bench chooses as a person does: the page has loaded and gone quiet (no request for
//                          500 ms) and `verdict_think_ms` more have passed (--think-ms, default 1000, less than
//                          anyone takes to read the page). The page prepares what does not depend on the choice
//                          meanwhile (anchors, routes, the PKCS#12 worker); --think-ms 0 clicks as soon as the
//                          button shows, and then that preparation is part of the figure.
//   start_first_load_ms    median ms, in a cold browser (new profile each run), from navigating to the
//                          app served by `npm start` until the Trust Store's anchors are visible
//   verdict_cpu_ms_median  with --trace: median CPU ms, per renderer thread (page, PKCS#12 worker, thread
//                          pool: WebCrypto and compilation), spent between the same two marks, read from a
//                          Chromium trace of each run; unlike the wall time it hardly moves with the load of
//                          a shared machine, so it says where the time goes
// --only verdict|start measures only that one (the other's figures are null); --runs N (default 7).
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { freePort } from '../dev/anvil.ts';
import { ensureEmbeddedLedger } from '../dev/embedded.ts';

const { values } = parseArgs({ options: { out: { type: 'string' }, runs: { type: 'string' }, trace: { type: 'boolean', default: false }, only: { type: 'string' }, 'think-ms': { type: 'string' } } });
const thinkMs = Number(values['think-ms'] ?? 1000);
if (!Number.isInteger(thinkMs) || thinkMs < 0) throw new Error('--think-ms takes a whole number of milliseconds');
if (values.only !== undefined && values.only !== 'verdict' && values.only !== 'start') throw new Error('--only takes verdict or start');
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

const chromiumOptions = {
  executablePath: process.env.PLAYWRIGHT_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

type TraceEvent = { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string } };
const threadNames = { CrRendererMain: 'page', 'DedicatedWorker thread': 'worker', ThreadPoolForegroundWorker: 'pool' } as const;

/** CPU ms of the renderer's threads between the 'verdict-start' and 'verdict-end' marks of a Chromium trace. */
function verdictCpu(trace: Buffer): Record<string, number> {
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const start = events.findLast((e) => e.name === 'verdict-start');
  const end = events.findLast((e) => e.name === 'verdict-end');
  if (!start || !end) return {};
  const names = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name ?? '']));
  const cpu: Record<string, number> = {};
  for (const e of events) {
    if (e.ph !== 'X' || e.pid !== start.pid || e.ts < start.ts || e.ts > end.ts) continue;
    if (e.name !== 'ThreadControllerImpl::RunTask' && e.name !== 'ThreadPool_RunTask') continue;
    const thread = threadNames[names.get(`${e.pid}:${e.tid}`) as keyof typeof threadNames];
    if (thread) cpu[thread] = (cpu[thread] ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000;
  }
  return cpu;
}
const cpuRuns: Record<string, number>[] = [];

/** Opens the identity page, picks a demo identity, and reads the 'verdict' measure, `runs` times. */
async function measureVerdict(runs: number): Promise<number[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pki-ledger-bench-'));
  const ledger = await ensureEmbeddedLedger({ dataDir, port: await freePort() });
  process.env.PKI_NETWORK_FILE = ledger.networkFile;
  const port = await freePort();
  const server = await preview({ root, preview: { host: '127.0.0.1', port, strictPort: true }, logLevel: 'warn' });
  const browser = await chromium.launch(chromiumOptions);
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${port}/#/identity`);
      const { chooseDemoIdentity } = await import('./appVerdict.ts');
      if (thinkMs > 0) {
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(thinkMs);
      }
      if (values.trace) await browser.startTracing(undefined, { categories: ['toplevel', 'blink.user_timing', '__metadata'] });
      await chooseDemoIdentity(page);
      const ms = await page.waitForFunction(() => performance.getEntriesByName('verdict', 'measure').at(-1)?.duration, undefined, { timeout: 30_000 });
      if (values.trace) cpuRuns.push(verdictCpu(await browser.stopTracing()));
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

/** Runs `npm start` as a user does (own ports, a throw-away data folder) and times cold first loads. */
async function measureStartFirstLoad(runs: number): Promise<number[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pki-ledger-bench-start-'));
  const [port, rpcPort, relayPort] = [await freePort(), await freePort(), await freePort()];
  const start = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'start.ts')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), RPC_PORT: String(rpcPort), RELAY_PORT: String(relayPort), PKI_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const times: number[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let out = '';
      start.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Press Ctrl-C to stop.')) resolve();
      });
      start.once('exit', (code) => reject(new Error(`npm start exited (${code}) before it was ready:\n${out}`)));
    });
    for (let i = 0; i < runs; i++) {
      const browser = await chromium.launch(chromiumOptions);
      try {
        const page = await browser.newPage();
        const t0 = Date.now();
        await page.goto(`http://127.0.0.1:${port}/`);
        // The app opens on the Brazilian ledger, whose Trust Store governs Brazil's anchors (China's reach it by route).
        await page.getByTestId('anchors-BR').getByTestId('anchor').first().waitFor({ timeout: 30_000 });
        times.push(Date.now() - t0);
      } finally {
        await browser.close();
      }
    }
  } finally {
    start.kill('SIGTERM');
    await new Promise((resolve) => start.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
  return times;
}

/** Runs a measurement; a failure becomes its first line in the result instead of ending the bench. */
async function attempt(measure: (runs: number) => Promise<number[]>): Promise<{ times: number[]; error?: string }> {
  try {
    return { times: await measure(Number(values.runs ?? 7)) };
  } catch (error) {
    return { times: [], error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
}

const skipped = async (): Promise<{ times: number[]; error?: string }> => ({ times: [] });
const { times: startTimes, error: startError } = values.only === 'verdict' ? await skipped() : await attempt(measureStartFirstLoad);
const { times: verdictTimes, error: verdictError } = values.only === 'start' ? await skipped() : await attempt(measureVerdict);

const result = {
  initial_js_gzip_bytes: initial,
  total_js_gzip_bytes: total,
  verdict_ms_median: median(verdictTimes),
  verdict_think_ms: thinkMs,
  ...(verdictError ? { verdict_error: verdictError } : { verdict_ms_runs: verdictTimes.map((t) => Math.round(t * 10) / 10) }),
  ...(values.trace
    ? {
        verdict_cpu_ms_median: Object.fromEntries(
          Object.values(threadNames).map((thread) => [thread, Math.round(median(cpuRuns.map((run) => run[thread] ?? 0)) ?? 0)]),
        ),
      }
    : {}),
  start_first_load_ms: median(startTimes),
  ...(startError ? { start_error: startError } : { start_first_load_ms_runs: startTimes }),
  initial_js_files: initialFiles,
};
const text = JSON.stringify(result, null, 2) + '\n';
if (values.out) writeFileSync(values.out, text);
process.stdout.write(text);
