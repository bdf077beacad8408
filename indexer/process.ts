// Runs the indexer (Ponder) as a child process: `npm start` beside the embedded ledger, the tests and
// bench:scale. Production runs `npm run indexer -- start` itself with DATABASE_URL (see README.md).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { indexedBlockOf } from '../app/ledger/indexer/getIndexedBlock.ts';
import { freePort } from '../scripts/dev/anvil.ts';

export const indexerRoot = import.meta.dirname;
// ponder's package exports hide package.json, so its bin is found from the project's node_modules.
const ponderBin = path.resolve(indexerRoot, '..', 'node_modules', 'ponder', 'dist', 'esm', 'bin', 'ponder.js');

export type StartIndexerParameters = {
  /** The network.json whose ledger and contracts are indexed. */
  readonly networkFile: string;
  /** PostgreSQL (production, the test); without it, the embedded PGlite database in `dataDir`. */
  readonly databaseUrl?: string;
  readonly dataDir?: string;
  /** The PostgreSQL schema the tables live in (Ponder refuses to reuse one of another build). */
  readonly schema?: string;
  /** 0 or absent: a free port. */
  readonly port?: number;
  readonly pollingMs?: number;
  /**
   * Resolve only when the indexer has indexed this block (e.g. the ledger's latest), not as soon as it
   * listens. Ponder's /ready only means "historical sync done": the last 30 blocks of an unknown chain
   * count as unfinalized and are indexed by its realtime sync a moment later.
   */
  readonly waitForBlock?: bigint;
  readonly timeoutMs?: number;
};

export type Indexer = {
  /** The API's origin, e.g. http://127.0.0.1:42069 */
  readonly url: string;
  readonly process: ChildProcess;
  /** The last lines it printed (for errors). */
  output(): string;
  stop(): Promise<void>;
};

export async function startIndexer(params: StartIndexerParameters): Promise<Indexer> {
  const port = params.port || (await freePort());
  const env: NodeJS.ProcessEnv = { ...process.env, INDEXER_NETWORK_FILE: params.networkFile, INDEXER_POLLING_MS: String(params.pollingMs ?? 1_000) };
  delete env.DATABASE_URL;
  delete env.DATABASE_PRIVATE_URL;
  if (params.databaseUrl) env.DATABASE_URL = params.databaseUrl;
  if (params.dataDir) env.INDEXER_DATA_DIR = params.dataDir;
  const args = [ponderBin, '--root', indexerRoot, '--log-level', process.env.INDEXER_LOG_LEVEL ?? 'warn', 'start', '--schema', params.schema ?? 'indexer', '--port', String(port), '--hostname', '127.0.0.1'];
  const child = spawn(process.execPath, args, { cwd: indexerRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-8_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    });
  const started = Date.now();
  const endpoint = params.waitForBlock === undefined ? '/health' : '/status';
  // Seen here: right after its start Ponder's /status may report the target block and then fall back
  // to an earlier one while its realtime sync settles, so the block must hold for several polls.
  let held = 0;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The indexer exited with code ${child.exitCode}:\n${output}`);
    if (Date.now() - started > (params.timeoutMs ?? 60_000)) {
      await stop();
      throw new Error(`The indexer did not answer ${endpoint} within ${params.timeoutMs ?? 60_000} ms:\n${output}`);
    }
    try {
      const response = await fetch(url + endpoint);
      const reached = response.ok && (params.waitForBlock === undefined || indexedBlock(await response.json()) >= params.waitForBlock);
      held = reached ? held + 1 : 0;
      if (held >= (params.waitForBlock === undefined ? 1 : 4)) break;
    } catch {
      held = 0; // not listening yet
    }
    await new Promise((r) => setTimeout(r, params.waitForBlock === undefined ? 200 : 500));
  }
  return { url, process: child, output: () => output, stop };
}

/** The block the indexer has indexed up to, from Ponder's /status (-1: none yet). */
export function indexedBlock(status: unknown): bigint {
  return indexedBlockOf(status) ?? -1n;
}
