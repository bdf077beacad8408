// Two peered embedded ledgers for e2e/interop.spec.ts, started inside the spec's worker (playwright.config's
// global setup serves the single shared ledger to every other spec): the Brazilian and the Chinese
// ledger on free ports, the peerings voted on both with a short hold timer, the validators' signing
// processes, the relayer in this process, and the production build served by `vite preview` on
// another free port with this network.json (the served file is read from PKI_NETWORK_FILE at each
// request, and this worker's environment is its own).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { preview } from 'vite';
import { freePort } from '../../scripts/dev/anvil.ts';
import { ensureAppBuild } from '../../scripts/dev/appBuild.ts';
import { startEmbeddedRoutes, type EmbeddedRoutes } from '../../scripts/dev/peering.ts';
import { ensureEmbeddedPeers, type EmbeddedPeers } from '../../scripts/dev/peers.ts';

export type TwoLedgers = {
  readonly url: string;
  readonly peers: EmbeddedPeers;
  readonly routes: EmbeddedRoutes;
  readonly holdSeconds: number;
  stop(): Promise<void>;
};

export async function startTwoLedgers(params: { readonly holdSeconds: number; readonly keepaliveSeconds: number }): Promise<TwoLedgers> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pki-ledger-interop-'));
  const peers = await ensureEmbeddedPeers({ dataDir, port: 0 });
  const routes = await startEmbeddedRoutes({ peers, holdSeconds: params.holdSeconds, keepaliveSeconds: params.keepaliveSeconds, relayerLog: () => {} });
  // The worker runs the other spec files after this one, and they read the shared ledger's file from here.
  const sharedNetworkFile = process.env.PKI_NETWORK_FILE;
  process.env.PKI_NETWORK_FILE = peers.networkFile;
  await ensureAppBuild(() => {});
  const port = await freePort();
  const server = await preview({ preview: { host: '127.0.0.1', port, strictPort: true }, logLevel: 'warn' });
  return {
    url: `http://127.0.0.1:${port}`,
    peers,
    routes,
    holdSeconds: params.holdSeconds,
    stop: async () => {
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
      await routes.stop();
      await peers.stop();
      if (sharedNetworkFile === undefined) delete process.env.PKI_NETWORK_FILE;
      else process.env.PKI_NETWORK_FILE = sharedNetworkFile;
      // anvil may still be writing its state file as it exits.
      rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    },
  };
}
