// Serves /network.json (where the app finds the ledger and its contracts) from the data folder in the
// dev server and in `vite preview`; a real deployment puts the file beside index.html instead.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Connect, Plugin } from 'vite';

/** The network.json being served: PKI_NETWORK_FILE (set by `npm start` and the tests), else data/. */
export function servedNetworkFile(): string {
  return process.env.PKI_NETWORK_FILE ?? path.resolve(import.meta.dirname, '..', '..', 'data', 'network.json');
}

export function networkFilePlugin(): Plugin {
  const file = servedNetworkFile;
  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    if (req.url?.split('?')[0] !== '/network.json') return next();
    const f = file();
    if (!existsSync(f)) {
      res.statusCode = 404;
      res.end(JSON.stringify({ error: `No ${f}: run npm start, or npm run deploy for a real network.` }));
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.setHeader('cache-control', 'no-store');
    res.end(readFileSync(f));
  };
  return {
    name: 'pki-ledger-network-file',
    configureServer: (server) => void server.middlewares.use(middleware),
    configurePreviewServer: (server) => void server.middlewares.use(middleware),
  };
}

/** Names the revocation relay in a network.json (npm start and the e2e setup run one beside the ledger). */
export function writeRelayUrl(networkFile: string, relayUrl: string): void {
  writeFileSync(networkFile, JSON.stringify({ ...(JSON.parse(readFileSync(networkFile, 'utf8')) as object), relayUrl }, null, 2));
}

/**
 * Names the indexer in a network.json (`npm start -- --indexer` runs one beside the ledger), or removes
 * a name left from an earlier run when none runs now.
 */
export function writeIndexerUrl(networkFile: string, indexerUrl: string | undefined): void {
  const { indexerUrl: _, ...network } = JSON.parse(readFileSync(networkFile, 'utf8')) as { indexerUrl?: string };
  writeFileSync(networkFile, JSON.stringify(indexerUrl ? { ...network, indexerUrl } : network, null, 2));
}
