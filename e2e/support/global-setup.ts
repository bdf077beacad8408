// Runs the embedded default for the end-to-end tests: a fresh real anvil ledger with the real
// contracts deployed and governance seeded, and the production build served by `vite preview`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { preview } from 'vite';
import { freePort } from '../../scripts/dev/anvil.ts';
import { ensureEmbeddedLedger } from '../../scripts/dev/embedded.ts';
import { writeRelayUrl } from '../../scripts/dev/networkFilePlugin.ts';
import { createRelay } from '../../relay/server.ts';
import { startEmbeddedTsa } from '../../scripts/dev/embeddedTsa.ts';

export default async function globalSetup() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pki-ledger-e2e-'));
  const ledger = await ensureEmbeddedLedger({ dataDir, port: await freePort() });
  process.env.PKI_NETWORK_FILE = ledger.networkFile;
  // The time-stamping authority as npm start runs it: a local `openssl ts` TSA whose root network.json lists.
  const tsa = await startEmbeddedTsa({ dataDir, networkFile: ledger.networkFile });
  // The relay as npm start runs it, except that the tests' CRL and OCSP servers listen on loopback.
  const relay = createRelay({ port: 0, allowedOrigins: [`http://127.0.0.1:${process.env.E2E_PORT}`], allowLoopbackForTests: true, tsaUrl: tsa.url, tsaOnLoopback: tsa.local });
  const relayUrl = await relay.listen();
  writeRelayUrl(ledger.networkFile, relayUrl);
  const server = await preview({ preview: { host: '127.0.0.1', port: Number(process.env.E2E_PORT), strictPort: true } });
  // The specs read the ledger's facts from here (a worker process does not share our memory).
  writeFileSync(path.join(dataDir, 'e2e.json'), JSON.stringify({ rpcUrl: ledger.anvil.rpcUrl, network: ledger.networkFile }));
  process.env.E2E_DATA_DIR = dataDir;
  return async () => {
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    await relay.close();
    await tsa.close();
    await ledger.anvil.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
