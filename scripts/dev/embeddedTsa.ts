// The embedded default's time-stamping authority (signature timestamps, ICP-Brasil AD-RT), which the
// relay's POST /tsa forwards to. RELAY_TSA_URL names a real one (its roots are the deployer's to list in
// network.json). Without it, a local test TSA: `openssl ts -reply` behind 127.0.0.1 (relay/testing.ts),
// its keys kept in the data folder, and its root written into network.json as `tsaRoots`, the roots the
// page checks a TSA certificate against. A test TSA's timestamps have no legal weight: its name says so.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toPem } from '../../app/pki/index.ts';
import { startOpensslTsa } from '../../relay/testing.ts';

export type EmbeddedTsa = {
  readonly url: string;
  /** The local test TSA (the relay must be allowed to reach it on loopback). */
  readonly local: boolean;
  close(): Promise<void>;
};

export async function startEmbeddedTsa(parameters: { dataDir: string; networkFile: string; log?: (line: string) => void }): Promise<EmbeddedTsa> {
  const configured = process.env.RELAY_TSA_URL;
  if (configured) return { url: configured, local: false, close: async () => {} };
  const tsa = await startOpensslTsa({
    dir: path.join(parameters.dataDir, 'tsa'),
    days: 3650,
    rootSubject: '/O=PKI Ledger local test/CN=Local Test TSA Root',
    tsaSubject: '/O=PKI Ledger local test/CN=Local Test Time-Stamping Authority',
  });
  writeTsaRoots(parameters.networkFile, [toPem(new Uint8Array(tsa.caDer), 'CERTIFICATE')]);
  parameters.log?.(`Local test time-stamping authority at ${tsa.url} (RELAY_TSA_URL names a real one)`);
  return { url: tsa.url, local: true, close: () => tsa.stop() };
}

/** Lists the time-stamping roots in a network.json (`tsaRoots`, PEM). */
export function writeTsaRoots(networkFile: string, tsaRoots: readonly string[]): void {
  writeFileSync(networkFile, JSON.stringify({ ...(JSON.parse(readFileSync(networkFile, 'utf8')) as object), tsaRoots }, null, 2));
}
