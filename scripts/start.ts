// `npm start`: the embedded default. Starts (or resumes) the local ledger, deploys and seeds the Trust
// Store when needed, serves the app on 127.0.0.1 and prints what a new user needs. Ctrl-C stops it all.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createServer } from 'vite';
import type { DemoManifest } from '../app/pki/testing.ts';
import { developmentAccount, embeddedRoles } from './dev/accounts.ts';
import { developmentMnemonic } from './dev/anvil.ts';
import { ensureEmbeddedLedger } from './dev/embedded.ts';

const port = Number(process.env.PORT ?? 5173);
const rpcPort = Number(process.env.RPC_PORT ?? 8545);

const ledger = await ensureEmbeddedLedger({ port: rpcPort, log: (l) => console.log(`• ${l}`) });
process.env.PKI_NETWORK_FILE = ledger.networkFile;
const server = await createServer({ server: { host: '127.0.0.1', port, strictPort: true } });
await server.listen();
const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;

const lines = [
  '',
  'PKI Ledger — the embedded default is running.',
  '',
  `  App                  ${url}`,
  `  Ledger RPC           ${ledger.anvil.rpcUrl}   (chain id ${ledger.network.chainId})`,
  `  Trust Store          ${ledger.network.contracts.trustStore}`,
  ...Object.entries(ledger.network.contracts)
    .filter(([name]) => name !== 'trustStore')
    .map(([name, address]) => `  ${name.replace(/^./, (c) => c.toUpperCase()).replace(/([a-z])([A-Z])/g, '$1 $2').padEnd(20)} ${address}`),
  `  State                data/ (delete it to start over)`,
  '',
  '  Development accounts (mnemonic "' + developmentMnemonic + '"):',
  ...embeddedRoles.map((r) => `    #${r.index} ${developmentAccount(r.index).address}  ${r.role}${'country' in r ? ` ${r.country}: ${r.name}` : ''}`),
  '',
  '  Demo trust anchors: ' + ledger.roots.map((r) => `${r.country} (${path.relative(process.cwd(), r.file)})`).join(', '),
  ...demoIdentities(ledger.demoDir),
  '',
  'Press Ctrl-C to stop.',
];
console.log(lines.join('\n'));

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping: saving the ledger state…');
  await server.close();
  await ledger.anvil.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

function demoIdentities(dir: string | undefined): string[] {
  const file = dir && path.join(dir, 'manifest.json');
  if (!file || !existsSync(file)) return [];
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as DemoManifest;
  const holders = manifest.pkis.flatMap((pki) => pki.holders.filter((h) => h.pkcs12).map((h) => `    ${pki.country} ${h.subject}\n      ${path.relative(process.cwd(), path.join(dir, h.pkcs12!))}`));
  return ['', `  Demo identities (PKCS#12, password "${manifest.password}"):`, ...holders];
}
