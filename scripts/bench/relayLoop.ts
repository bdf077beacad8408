/**
 * Relay-loop latency on the embedded network (issue 15): `npm run --silent bench:routes -- [--runs N] [--out FILE]`.
 *
 * Starts the two embedded ledgers in a throw-away folder (free ports, the routes voted, the relayer in
 * this process as npm start runs it), then N times: China's member suspends China's demo root on the
 * Chinese ledger, and the clock runs from sending that transaction until the Brazilian ledger's PeerTrust
 * reports the route Withdrawn (polled every 25 ms); the root is then reinstated by governance and the
 * announcement's way back measured the same way. Median, min and max. The relayer polls every 250 ms, so
 * up to one poll interval is part of each figure. Not a test: nothing here passes or fails on speed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createPublicClient, createWalletClient, http, type Hex, type PublicClient } from 'viem';
import { readContract, waitForTransactionReceipt } from 'viem/actions';
import { peerTrustAbi } from '../../contracts-abi/PeerTrust.ts';
import { chainOf, executeProposal, proposeReinstateAnchor, RouteStatus, suspendAnchor } from '../../app/ledger/index.ts';
import { parseCertificateSync } from '../../app/pki/index.ts';
import { developmentAccount } from '../dev/accounts.ts';
import { ensureEmbeddedPeers } from '../dev/peers.ts';
import { startEmbeddedRoutes } from '../dev/peering.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, out: { type: 'string' } } });
const runs = Number(values.runs);

const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-routes-'));
const peers = await ensureEmbeddedPeers({ dataDir, port: 0 });
const routes = await startEmbeddedRoutes({ peers, holdSeconds: 120, keepaliveSeconds: 30, relayerLog: () => {} });
try {
  const cn = peers.ledgers.CN;
  const br = peers.ledgers.BR;
  const route = routes.routes.find((r) => r.fromCountry === 'CN')!;
  const cnClient = createPublicClient({ chain: chainOf(cn.network), transport: http(cn.anvil.rpcUrl) }) as PublicClient;
  const brClient = createPublicClient({ chain: chainOf(br.network), transport: http(br.anvil.rpcUrl) }) as PublicClient;
  const chinaMember = createWalletClient({ chain: chainOf(cn.network), transport: http(cn.anvil.rpcUrl), account: developmentAccount(2) });
  const root = cn.roots.find((r) => r.country === 'CN')!;
  const anchorHash: Hex = `0x${parseCertificateSync(root.der).identity}`;
  const statusOnB = async () => (await readContract(brClient, { abi: peerTrustAbi, address: route.peerTrust, functionName: 'route', args: [anchorHash] })).status;
  const until = async (status: number, started: number) => {
    for (;;) {
      if ((await statusOnB()) === status) return performance.now() - started;
      if (performance.now() - started > 60_000) throw new Error(`the route did not become ${status} on the Brazilian ledger within 60 s`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  await until(RouteStatus.Active, performance.now());
  const withdrawal: number[] = [];
  const announcement: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await waitForTransactionReceipt(cnClient, { hash: (await suspendAnchor(chinaMember, { address: cn.network.contracts.trustStore, anchorHash, reason: `bench run ${i}` })).hash });
    withdrawal.push(await until(RouteStatus.Withdrawn, t));
    const proposed = await proposeReinstateAnchor(chinaMember, { address: cn.network.contracts.trustStore, anchorHash });
    await waitForTransactionReceipt(cnClient, { hash: proposed.hash });
    t = performance.now();
    await waitForTransactionReceipt(cnClient, { hash: (await executeProposal(chinaMember, { address: cn.network.contracts.trustStore, id: proposed.proposalId })).hash });
    announcement.push(await until(RouteStatus.Active, t));
  }
  const stats = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return { median_ms: Math.round(s[Math.floor(s.length / 2)]!), min_ms: Math.round(s[0]!), max_ms: Math.round(s.at(-1)!), runs: s.length };
  };
  const result = {
    'routes.withdrawal_to_peer': stats(withdrawal),
    'routes.announcement_to_peer': stats(announcement),
    relayer: routes.relayer.relays.map((r) => ({ name: r.name, relays: r.relay.stats().relays, failures: r.relay.stats().failures })),
    loadavg_1m: Math.round(loadavg()[0]! * 100) / 100,
  };
  const text = JSON.stringify(result, null, 2);
  if (values.out) writeFileSync(values.out, text + '\n');
  console.log(text);
} finally {
  await routes.stop();
  await peers.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
