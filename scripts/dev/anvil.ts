// Starts anvil (from the npm package @foundry-rs/anvil) as a child process and waits until it answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';

const require = createRequire(import.meta.url);
const anvilBin = path.join(path.dirname(require.resolve('@foundry-rs/anvil/package.json')), 'bin.mjs');

export type StartAnvilParameters = {
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly chainId: number;
  /** A file the ledger is loaded from and saved to, so a restart keeps everything. */
  readonly stateFile?: string;
  /** A state file (anvil's SerializableState JSON) the ledger starts from, never written back. */
  readonly loadStateFile?: string;
  /** A file anvil writes the ledger to when it stops (anvil's SerializableState JSON). */
  readonly dumpStateFile?: string;
  readonly hardfork?: string;
  /** Besu-style permissioned networks: zero base fee and zero gas price. */
  readonly zeroGas?: boolean;
  readonly blockTime?: number;
  /** With blockTime: mine transactions at once and empty blocks every blockTime seconds. */
  readonly mixedMining?: boolean;
};

export type Anvil = {
  readonly rpcUrl: string;
  readonly port: number;
  readonly process: ChildProcess;
  /** Stops anvil; with a state file, anvil writes the ledger to it first. */
  stop(): Promise<void>;
};

/** The mnemonic anvil uses by default: its accounts are the embedded network's development accounts. */
export const developmentMnemonic = 'test test test test test test test test test test test junk';

export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForRpc(url: string, child: ChildProcess, output: () => string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`anvil exited with code ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`anvil did not answer at ${url} within ${timeoutMs} ms:\n${output()}`);
}

export async function startAnvil(params: StartAnvilParameters): Promise<Anvil> {
  const host = params.host ?? '127.0.0.1';
  const port = params.port === undefined || params.port === 0 ? await freePort(host) : params.port;
  const args = ['--host', host, '--port', String(port), '--chain-id', String(params.chainId), '--mnemonic', developmentMnemonic];
  if (params.stateFile) args.push('--state', params.stateFile, '--state-interval', '5', '--preserve-historical-states');
  if (params.loadStateFile) args.push('--load-state', params.loadStateFile);
  // Written once, when anvil stops (not every few seconds: a large ledger's state takes long to write).
  if (params.dumpStateFile) args.push('--dump-state', params.dumpStateFile, '--state-interval', '31536000');
  if (params.hardfork) args.push('--hardfork', params.hardfork);
  if (params.zeroGas) args.push('--base-fee', '0', '--gas-price', '0');
  if (params.blockTime) args.push('--block-time', String(params.blockTime));
  if (params.blockTime && params.mixedMining) args.push('--mixed-mining');
  const child = spawn(process.execPath, [anvilBin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const rpcUrl = `http://${host}:${port}`;
  try {
    await waitForRpc(rpcUrl, child, () => log, params.loadStateFile ? 600_000 : undefined);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    rpcUrl,
    port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        // A large state dump takes minutes; killing anvil during it would leave half a file.
        const timer = setTimeout(() => child.kill('SIGKILL'), params.dumpStateFile ? 900_000 : 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        // SIGINT makes anvil dump its state file before it exits.
        child.kill('SIGINT');
      }),
  };
}
