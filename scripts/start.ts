// `npm start`: the embedded default. Starts (or resumes) a Brazilian and a Chinese ledger, each with its
// own Trust Store governed by its own authority, the peering voted on both, their validators' signing
// processes and the trust-route relayer (in this process, both directions); `--single-ledger` runs the
// one ledger both countries govern instead. It deploys and seeds the Trust Stores when needed, runs the
// revocation relay (and the indexer with --indexer), serves the app's production build on 127.0.0.1 and
// prints what a new user needs.
// `npm run dev` serves the sources with hot reload instead (developers). Ctrl-C stops it all.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createPublicClient, http } from 'viem';
import { readContract } from 'viem/actions';
import { peerTrustAbi } from '../contracts-abi/PeerTrust.ts';
import { createServer, preview } from 'vite';
import type { DemoManifest } from '../app/pki/testing.ts';
import { startIndexer, type Indexer } from '../indexer/process.ts';
import { createRelay } from '../relay/server.ts';
import { ensureAppBuild } from './dev/appBuild.ts';
import { startEmbeddedTsa } from './dev/embeddedTsa.ts';
import { writeIndexerUrl, writeRelayUrl } from './dev/networkFilePlugin.ts';
import { developmentAccount, embeddedRoles } from './dev/accounts.ts';
import { developmentMnemonic } from './dev/anvil.ts';
import { defaultDataDir, ensureEmbeddedLedger, type EmbeddedLedger } from './dev/embedded.ts';
import { ensureEmbeddedPeers } from './dev/peers.ts';
import { startEmbeddedRoutes, type EmbeddedRoutes } from './dev/peering.ts';
import { getPeerTrustAddress } from '../app/ledger/index.ts';

const { values: flags } = parseArgs({
  options: {
    dev: { type: 'boolean', default: false },
    indexer: { type: 'boolean', default: process.env.PKI_INDEXER === '1' },
    'single-ledger': { type: 'boolean', default: false },
    // The default since the routes run in npm start; still accepted.
    'two-ledgers': { type: 'boolean', default: false },
  },
});
if (flags['single-ledger'] && flags['two-ledgers']) throw new Error('give --single-ledger or --two-ledgers, not both');
// The routes' hold timer and the relayer's keepalive (a third of it, as relayer/README.md advises).
const holdSeconds = Number(process.env.PKI_ROUTE_HOLD_SECONDS ?? 120);
const keepaliveSeconds = Math.max(1, Math.floor(holdSeconds / 4));
const port = Number(process.env.PORT ?? 5173);
const rpcPort = Number(process.env.RPC_PORT ?? 8545);
const relayPort = Number(process.env.RELAY_PORT ?? 8790);
const indexerPort = Number(process.env.INDEXER_PORT ?? 42069);
const log = (line: string) => console.log(`• ${line}`);
const appOrigin = `http://127.0.0.1:${port}`;

// PKI_DATA_DIR: another state folder than data/ (bench:app starts a throw-away one).
const dataDir = process.env.PKI_DATA_DIR ? path.resolve(process.env.PKI_DATA_DIR) : defaultDataDir;
let ledgers: readonly EmbeddedLedger[];
let networkFile: string;
let demoDir: string | undefined;
let stopLedgers: () => Promise<void>;
let routes: EmbeddedRoutes | undefined;
if (flags['single-ledger']) {
  const ledger = await ensureEmbeddedLedger({ port: rpcPort, log, dataDir });
  ({ networkFile, demoDir } = ledger);
  ledgers = [ledger];
  stopLedgers = () => ledger.anvil.stop();
} else {
  const peers = await ensureEmbeddedPeers({ dataDir, port: rpcPort, log });
  ({ networkFile, demoDir } = peers);
  ledgers = [peers.ledgers.BR, peers.ledgers.CN];
  try {
    routes = await startEmbeddedRoutes({
      peers,
      holdSeconds,
      keepaliveSeconds,
      log,
      // Keepalives every few seconds would drown the console: news and failures only.
      relayerLog: (line) => {
        if (!/, keepalive, /.test(line)) log(line);
      },
    });
  } catch (error) {
    await peers.stop();
    throw error;
  }
  const started = routes;
  stopLedgers = async () => {
    await started.stop();
    await peers.stop();
  };
}
process.env.PKI_NETWORK_FILE = networkFile;

// The page fetches CRLs and OCSP answers through the relay (the CAs' endpoints send no CORS headers);
// it verifies every byte itself, so the relay is not trusted. network.json tells the app where it is.
// Signature timestamps: RELAY_TSA_URL, else a local test TSA whose root network.json lists (tsaRoots).
const tsa = await startEmbeddedTsa({ dataDir, networkFile, log });
const relay = createRelay({ port: relayPort, allowedOrigins: [appOrigin, `http://localhost:${port}`], tsaUrl: tsa.url, tsaOnLoopback: tsa.local });
const relayUrl = await relay.listen();
writeRelayUrl(networkFile, relayUrl);

// --indexer (or PKI_INDEXER=1): the lists page from an indexer (Ponder) with its embedded database, which
// it rebuilds from the ledger at every start (seconds on a local ledger). Without it the app reads the ledger.
let indexer: Indexer | undefined;
if (flags.indexer) {
  const dataDir = path.join(path.dirname(networkFile), 'indexer');
  rmSync(dataDir, { recursive: true, force: true });
  indexer = await startIndexer({ networkFile: networkFile, dataDir, port: indexerPort });
}
writeIndexerUrl(networkFile, indexer?.url);

// Vite's dev and preview servers add their own SIGTERM (and stdin end) listener that closes the server and
// exits the process (Vite 8 setupSIGTERMListener), racing stop() below: the process was gone before the
// anvils and the sealers were stopped, and they were left running (a SIGTERM from the bench, not Ctrl-C,
// which reaches the whole process group). stop() closes the server itself, so those listeners are removed.
const sigtermBefore = process.listeners('SIGTERM');
const stdinEndBefore = process.stdin.listeners('end');
let closeServer: () => Promise<void>;
if (flags.dev) {
  const server = await createServer({ server: { host: '127.0.0.1', port, strictPort: true } });
  await server.listen();
  closeServer = () => server.close();
} else {
  await ensureAppBuild(log);
  const server = await preview({ preview: { host: '127.0.0.1', port, strictPort: true }, logLevel: 'warn' });
  closeServer = () => new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}
for (const listener of process.listeners('SIGTERM')) if (!sigtermBefore.includes(listener)) process.off('SIGTERM', listener);
for (const listener of process.stdin.listeners('end')) if (!stdinEndBefore.includes(listener)) process.stdin.off('end', listener as () => void);
const url = `${appOrigin}/`;

const lines = [
  '',
  'PKI Ledger — the embedded default is running.',
  '',
  `  App                  ${url}${flags.dev ? '   (sources, hot reload)' : '   (production build; npm run dev for hot reload)'}`,
  `  Revocation relay     ${relayUrl}`,
  ...ledgers.flatMap((ledger) => [
    '',
    `  ${ledger.network.name}${ledger.network.country ? `, governed by ${ledger.network.country}` : ''}`,
    `  Ledger RPC           ${ledger.anvil.rpcUrl}   (chain id ${ledger.network.chainId})`,
    `  Trust Store          ${ledger.network.contracts.trustStore}`,
    ...Object.entries(ledger.network.contracts)
      .filter(([name]) => name !== 'trustStore')
      .map(([name, address]) => `  ${name.replace(/^./, (c) => c.toUpperCase()).replace(/([a-z])([A-Z])/g, '$1 $2').padEnd(20)} ${address}`),
  ]),
  ...(routes ? ['', ...(await routeLines(routes))] : []),
  ...(indexer ? ['', `  Indexer              ${indexer.url}`] : []),
  '',
  `  State                ${path.relative(process.cwd(), dataDir) || '.'}/ (delete it to start over)`,
  '',
  '  Development accounts (mnemonic "' + developmentMnemonic + '"):',
  ...embeddedRoles.map((r) => `    #${r.index} ${developmentAccount(r.index).address}  ${r.role}${'country' in r ? ` ${r.country}: ${r.name}` : 'name' in r ? ` (${r.name})` : ''}`),
  '',
  '  Demo trust anchors: ' + (ledgers[0]?.roots ?? []).map((r) => `${r.country} (${path.relative(process.cwd(), r.file)})`).join(', '),
  ...demoIdentities(demoDir),
  '',
  'Press Ctrl-C to stop.',
];
console.log(lines.join('\n'));

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping: saving the ledger state…');
  await closeServer();
  await relay.close();
  await tsa.close();
  await indexer?.stop();
  await stopLedgers();
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

/** The peerings and the relayer for the banner: what each ledger last proved of the other. */
async function routeLines(r: EmbeddedRoutes): Promise<string[]> {
  const lines = [`  Trust routes         relayer running in this process (${r.relayer.relays.map((x) => x.name).join(', ')}), keepalive every ${keepaliveSeconds} s`];
  for (const route of r.routes) {
    const target = ledgers.find((l) => l.network.chainId === route.to)!;
    const client = createPublicClient({ transport: http(target.anvil.rpcUrl) });
    const peerTrust = await getPeerTrustAddress(client, { address: target.network.contracts.trustStore });
    const peer = await readContract(client, { abi: peerTrustAbi, address: peerTrust, functionName: 'peer', args: [route.ledgerId] });
    const proven = peer.provenNumber === 0n ? 'not proven yet (the relayer proves it within seconds)' : `last proven block ${peer.provenNumber}`;
    lines.push(`    ${route.fromCountry} -> ${route.toCountry}   peering voted on chain ${route.to}, hold timer ${route.holdSeconds} s, ${proven}`);
    lines.push(`      sealer of ${route.fromCountry} (test validator keys) ${r.sealers[route.fromCountry].url}`);
  }
  return lines;
}
