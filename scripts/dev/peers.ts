// The embedded default with trust routes: a Brazilian and a Chinese ledger (two anvils, two chain ids),
// each with its own Trust Store governed by its own country's authority, the demo root of that country
// voted on its own ledger, and the peering agreements voted on both. Each ledger keeps its state in
// data/ledgers/<country>/; data/network.json describes both (the Brazilian one also at the top level,
// so a reader of the one-ledger format still finds a ledger).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Address, Hex } from 'viem';
import type { LedgerPeering, NetworkConfig } from '../../app/ledger/index.ts';
import { ensureDemoRoots, type DemoRoots } from './demoRoots.ts';
import { ensureEmbeddedLedger, type EmbeddedLedger } from './embedded.ts';

/**
 * Brazil keeps chain id 31337 and port 8545, what the single embedded ledger has always had; China's
 * ledger is 31338 on the next port. One authority governs each (the pilot's shape: sovereign Trust Stores
 * that recognise each other's roots by route, not by a shared vote).
 */
export const peerLedgers = [
  { country: 'BR', chainId: 31337, name: 'Brazilian ledger (embedded)', portOffset: 0 },
  { country: 'CN', chainId: 31338, name: 'Chinese ledger (embedded)', portOffset: 1 },
] as const;

export type PeerCountry = (typeof peerLedgers)[number]['country'];

export type EmbeddedPeers = {
  readonly ledgers: Readonly<Record<PeerCountry, EmbeddedLedger>>;
  /** data/network.json with both ledgers and the peerings. */
  readonly networkFile: string;
  readonly demoDir: string | undefined;
  stop(): Promise<void>;
};

export type EnsureEmbeddedPeersParameters = {
  readonly dataDir: string;
  /** The Brazilian ledger's port; the Chinese one listens on the next. 0: free ports. */
  readonly port: number;
  /** The QBFT-like block period of both anvils (empty blocks keep routes provable). */
  readonly blockPeriodSeconds?: number;
  readonly log?: (line: string) => void;
  readonly demoRoots?: (dataDir: string) => Promise<DemoRoots>;
};

const jsonBigint = (_: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);

export async function ensureEmbeddedPeers(params: EnsureEmbeddedPeersParameters): Promise<EmbeddedPeers> {
  const log = params.log ?? (() => {});
  const started: EmbeddedLedger[] = [];
  const stop = () => Promise.all(started.map((l) => l.anvil.stop())).then(() => {});
  try {
    // The demo PKIs live once, beside the served network.json (the Identity page finds them there).
    const roots = await (params.demoRoots ?? ensureDemoRoots)(params.dataDir);
    for (const peer of peerLedgers) {
      started.push(
        await ensureEmbeddedLedger({
          dataDir: path.join(params.dataDir, 'ledgers', peer.country),
          port: params.port === 0 ? 0 : params.port + peer.portOffset,
          chain: { id: peer.chainId, name: peer.name },
          memberCountries: [peer.country],
          blockPeriodSeconds: params.blockPeriodSeconds ?? 2,
          demoRoots: async () => roots,
          log: (line) => log(`[${peer.country}] ${line}`),
        }),
      );
    }
    const [br, cn] = started as [EmbeddedLedger, EmbeddedLedger];
    const networkFile = path.join(params.dataDir, 'network.json');
    writeFileSync(networkFile, JSON.stringify(networkFileOf([br.network, cn.network]), jsonBigint, 2));
    return { ledgers: { BR: br, CN: cn }, networkFile, demoDir: roots.demoDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Both ledgers, the first also at the top level (the one-ledger format), and a route each way. */
export function networkFileOf(ledgers: readonly [NetworkConfig, ...NetworkConfig[]]) {
  const ids = ledgers.map((l) => l.chainId);
  return {
    ...ledgers[0],
    ledgers,
    peerings: ids.flatMap((from) => ids.filter((to) => to !== from).map((to) => ({ from, to }))),
  };
}

/**
 * Puts the voted routes into network.json: each peering's ledger id and hold timer, and on each ledger
 * the PeerTrust and light client it uses for its inbound route (the app reads routes and verifies
 * records there).
 */
export function writePeerings(
  networkFile: string,
  routes: readonly { readonly from: number; readonly to: number; readonly ledgerId: Hex; readonly holdSeconds: number; readonly peerTrust: Address; readonly lightClient: Address }[],
): void {
  const file = JSON.parse(readFileSync(networkFile, 'utf8')) as NetworkConfig & { ledgers: NetworkConfig[]; peerings: LedgerPeering[] };
  const withRoutes = (l: NetworkConfig): NetworkConfig => {
    const inbound = routes.find((r) => r.to === l.chainId);
    return inbound ? { ...l, contracts: { ...l.contracts, peerTrust: inbound.peerTrust, lightClient: inbound.lightClient } } : l;
  };
  const peerings: LedgerPeering[] = routes.map((r) => ({ from: r.from, to: r.to, ledgerId: r.ledgerId, holdSeconds: r.holdSeconds }));
  writeFileSync(networkFile, JSON.stringify({ ...withRoutes(file), ledgers: file.ledgers.map(withRoutes), peerings }, jsonBigint, 2));
}
