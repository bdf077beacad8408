// The relayer and B's light client when ledger A reorganises (anvil_reorg on a real anvil), end to end:
// two anvils, A's validators' signing process, the route A -> B voted by B's governance, the relay loop
// on the real contracts. QBFT never reorganises a sealed block, so a reorg of a relayed block is, for B,
// two sealed headers at one height; anvil does reorganise, which is what this test uses.
//
// What happens, and what is asserted:
// - A block B already proved is replaced: the relayer does not carry the replacement (B has that
//   number; it only moves forward), B keeps the state root it proved, and a proof from the new fork
//   does not verify against it. The light client is not fooled.
// - The relayer recovers on its own: the next export entry on the new fork reaches B in one relay.
// - A reorg that drops an entry B already replayed: A's export head no longer extends B's, so B refuses
//   every later sync (the relayer logs and retries with backoff); B never rewinds, and once its proof is
//   older than the hold timer the route fails closed (Stale).
// - The replaced header itself, sealed and submitted by anyone: the light client takes it as evidence
//   of equivocation and freezes that peer rather than switching forks.
import { createPublicClient, createTestClient, createWalletClient, http, numberToHex, type Hex, type PublicClient, type RpcBlock } from 'viem';
import { readContract, waitForTransactionReceipt, writeContract } from 'viem/actions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peerTrustAbi } from '../contracts-abi/PeerTrust.ts';
import { ledgerLightClientAbi } from '../contracts-abi/LedgerLightClient.ts';
import { deployTrustStore, executeProposal, EXPORT_HEAD_SLOT, proposeAddAnchor, RouteStatus, suspendAnchor, syncRoutesWithHeader } from '../app/ledger/index.ts';
import { buildChinaTestPki } from '../app/ledger/test/ledgerPki.ts';
import { startAnvil, type Anvil } from '../scripts/dev/anvil.ts';
import { developmentAccount } from '../scripts/dev/accounts.ts';
import { ensureEmbeddedRoute, type EmbeddedRoute } from '../scripts/dev/peering.ts';
import { startSealer, type SealerProcess } from '../scripts/interop/sealer.ts';
import { peeringBindings } from './bindings.ts';
import { ledgerChain, qbftSealer, rpcSource, rpcTarget } from './ledgers.ts';
import { createPeeringRelay, type PeeringRelay } from './loop.ts';

const hold = 600;
let a: Anvil;
let b: Anvil;
let sealer: SealerProcess;
let route: EmbeddedRoute;
let relay: PeeringRelay;
let aClient: PublicClient;
let bClient: PublicClient;
let trustStoreA: Hex;
let anchorHash: Hex;
const lines: string[] = [];

const chainA = { chainId: 5101, name: 'A' };
const chainB = { chainId: 5102, name: 'B' };
const aTest = () => createTestClient({ mode: 'anvil', transport: http(a.rpcUrl) });
const wallet = (rpcUrl: string, chainId: number, index: number) => createWalletClient({ chain: ledgerChain({ chainId, rpcUrl }), transport: http(rpcUrl), account: developmentAccount(index) });
const mined = async (client: PublicClient, p: Promise<{ hash: Hex }>) => {
  const receipt = await waitForTransactionReceipt(client, { hash: (await p).hash });
  expect(receipt.status).toBe('success');
  return receipt;
};
const routeOnB = () => readContract(bClient, { abi: peerTrustAbi, address: route.peerTrust, functionName: 'route', args: [anchorHash] });
const peerOnB = () => readContract(bClient, { abi: peerTrustAbi, address: route.peerTrust, functionName: 'peer', args: [route.ledgerId] });
const blockOfA = (n: bigint) => aClient.request({ method: 'eth_getBlockByNumber', params: [numberToHex(n), false] }) as Promise<RpcBlock>;
/** An unrelated transaction on A (it changes A's state root): a transfer from account 9. */
/** anvil_reorg (not in viem's test actions): replaces A's last `depth` blocks, the new ones carrying `txs` ([raw tx, block offset]). */
async function reorgA(depth: number, txs: readonly (readonly [Hex, number])[]) {
  const response = await fetch(a.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'anvil_reorg', params: [depth, txs] }) });
  const body = (await response.json()) as { error?: { message: string } };
  if (body.error) throw new Error(`anvil_reorg: ${body.error.message}`);
}
const transferOnA = (value: bigint) => wallet(a.rpcUrl, chainA.chainId, 9).sendTransaction({ to: developmentAccount(8).address, value }).then((hash) => ({ hash }));

describe('the relayer when ledger A reorganises (anvil_reorg, real anvils and contracts)', () => {
  beforeAll(async () => {
    [a, b, sealer] = await Promise.all([startAnvil({ chainId: chainA.chainId, port: 0 }), startAnvil({ chainId: chainB.chainId, port: 0 }), startSealer({ seed: 'reorg-test A', validators: 4 })]);
    aClient = createPublicClient({ transport: http(a.rpcUrl) }) as PublicClient;
    bClient = createPublicClient({ transport: http(b.rpcUrl) }) as PublicClient;
    // A is governed by China's member (#2), B by Brazil's (#1), as the embedded ledgers are.
    trustStoreA = (await deployTrustStore(wallet(a.rpcUrl, chainA.chainId, 0), { members: [{ account: developmentAccount(2).address, country: 'CN', name: 'CN' }] })).address;
    const trustStoreB = (await deployTrustStore(wallet(b.rpcUrl, chainB.chainId, 0), { members: [{ account: developmentAccount(1).address, country: 'BR', name: 'BR' }] })).address;
    const cn = await buildChinaTestPki();
    anchorHash = cn.root.identity;
    const china = wallet(a.rpcUrl, chainA.chainId, 2);
    const proposed = await proposeAddAnchor(china, { address: trustStoreA, der: cn.root.hex, country: 'CN', exceptions: 0 });
    await mined(aClient, Promise.resolve(proposed));
    await mined(aClient, executeProposal(china, { address: trustStoreA, id: proposed.proposalId }));
    route = await ensureEmbeddedRoute({
      from: { chainId: chainA.chainId, name: chainA.name, rpcUrl: a.rpcUrl, contracts: { trustStore: trustStoreA }, country: 'CN' },
      to: { chainId: chainB.chainId, name: chainB.name, rpcUrl: b.rpcUrl, contracts: { trustStore: trustStoreB }, country: 'BR' },
      sealer,
      holdSeconds: hold,
      log: () => {},
    });
    relay = createPeeringRelay({
      name: 'A -> B',
      ledgerId: route.ledgerId,
      source: rpcSource({ ...chainA, rpcUrl: a.rpcUrl, trustStore: trustStoreA }, peeringBindings),
      sealer: qbftSealer(sealer.url),
      target: rpcTarget({ ...chainB, rpcUrl: b.rpcUrl, lightClient: route.lightClient, peerTrust: route.peerTrust }, developmentAccount(5), peeringBindings),
      keepaliveSeconds: 5,
      log: (line) => lines.push(line),
    });
    const first = await relay.tick();
    expect(first).toMatchObject({ kind: 'relayed', entries: 1 });
    expect((await routeOnB()).status).toBe(RouteStatus.Active);
  }, 120_000);
  afterAll(() => Promise.all([a?.stop(), b?.stop(), sealer?.stop()]));

  it('keeps the state root it proved when a proved block is replaced, refuses a proof from the new fork, and relays on from the new fork', async () => {
    // Block N of A (an unrelated transfer), proved on B by a keepalive.
    await aTest().increaseTime({ seconds: 10 });
    const { blockNumber: n } = await mined(aClient, transferOnA(1n));
    await expect(relay.tick()).resolves.toMatchObject({ kind: 'relayed', number: n, keepalive: true });
    const proved = await readContract(bClient, { abi: ledgerLightClientAbi, address: route.lightClient, functionName: 'headerAt', args: [route.ledgerId, n] });
    const before = await blockOfA(n);
    expect(proved.stateRoot).toBe(before.stateRoot);

    // A reorganises block N away: the new block N carries another transfer, so another state root.
    const replacement = await wallet(a.rpcUrl, chainA.chainId, 9).prepareTransactionRequest({ to: developmentAccount(8).address, value: 2n });
    const signed = await wallet(a.rpcUrl, chainA.chainId, 9).signTransaction(replacement);
    await reorgA(1, [[signed, 0]]);
    const after = await blockOfA(n);
    expect(after.hash).not.toBe(before.hash);
    expect(after.stateRoot).not.toBe(before.stateRoot);

    // The relayer has nothing to carry (B proved number N already and only moves forward)...
    await expect(relay.tick()).resolves.toEqual({ kind: 'idle', reason: 'no-new-block' });
    // ...B still holds the state root of the block it proved...
    const still = await readContract(bClient, { abi: ledgerLightClientAbi, address: route.lightClient, functionName: 'headerAt', args: [route.ledgerId, n] });
    expect(still.stateRoot).toBe(before.stateRoot);
    // ...and a proof of A's export head from the new fork does not verify against it.
    const source = rpcSource({ ...chainA, rpcUrl: a.rpcUrl, trustStore: trustStoreA }, peeringBindings);
    const forked = await source.exportProof(n);
    await expect(
      readContract(bClient, {
        abi: ledgerLightClientAbi,
        address: route.lightClient,
        functionName: 'verifyStorage',
        args: [route.ledgerId, n, trustStoreA, EXPORT_HEAD_SLOT, [...forked.accountProof], [...forked.storageProof]],
      }),
    ).rejects.toThrow();

    // The relayer recovers without help: China suspends its root on the new fork, one relay carries it.
    // (anvil dates the new fork's blocks from its own clock, not after the replaced block: the light
    // client takes only headers newer in number and time than what it proved, so A's clock moves on.)
    await aTest().increaseTime({ seconds: 30 });
    await mined(aClient, suspendAnchor(wallet(a.rpcUrl, chainA.chainId, 2), { address: trustStoreA, anchorHash, reason: 'after the reorg' }));
    await expect(relay.tick()).resolves.toMatchObject({ kind: 'relayed', entries: 1, keepalive: false });
    expect((await routeOnB()).status).toBe(RouteStatus.Withdrawn);
  }, 120_000);

  it('refuses to rewind when the reorg drops an entry B replayed: every later sync fails and the route stays withdrawn', async () => {
    const replayed = await peerOnB();
    // The suspension's block is reorganised away: on A's new fork China's root is active again.
    await reorgA(1, []);
    await aTest().increaseTime({ seconds: 60 });
    await mined(aClient, transferOnA(3n));
    // The new fork's export head does not extend what B replayed: B refuses the sync.
    await expect(relay.tick()).rejects.toThrow(/PeerTrust__HeadMismatch|reverted/);
    const peer = await peerOnB();
    expect(peer.seq).toBe(replayed.seq);
    expect(peer.head).toBe(replayed.head);
    // B is not talked back into trusting the root: it stays withdrawn until B's governance registers the peer again.
    expect((await routeOnB()).status).toBe(RouteStatus.Withdrawn);
  }, 120_000);

  it('names the light client\'s refusal when a relay in one transaction brings a header at a number B already proved', async () => {
    const { provenNumber } = await peerOnB();
    const forkedHeader = await qbftSealer(sealer.url).seal(await blockOfA(provenNumber));
    const proof = await rpcSource({ ...chainA, rpcUrl: a.rpcUrl, trustStore: trustStoreA }, peeringBindings).exportProof(provenNumber);
    const relayerWallet = wallet(b.rpcUrl, chainB.chainId, 6);
    await expect(
      syncRoutesWithHeader(relayerWallet, { address: route.peerTrust, ledgerId: route.ledgerId, headerRlp: forkedHeader, accountProof: proof.accountProof, storageProof: proof.storageProof, entries: [] }),
    ).rejects.toThrow(/LedgerLightClient__NumberTaken/);
  }, 60_000);

  it('freezes the peer, rather than switching forks, when the replaced header is sealed and submitted', async () => {
    const { provenNumber } = await peerOnB();
    // The header B proved at that number, as A's node now returns it (the new fork), sealed by A's validators.
    const forkedHeader = await qbftSealer(sealer.url).seal(await blockOfA(provenNumber));
    const submitter = wallet(b.rpcUrl, chainB.chainId, 6);
    await mined(bClient, writeContract(submitter, { abi: ledgerLightClientAbi, address: route.lightClient, functionName: 'submitHeader', args: [route.ledgerId, forkedHeader] }).then((hash) => ({ hash })));
    expect(await readContract(bClient, { abi: ledgerLightClientAbi, address: route.lightClient, functionName: 'isFrozen', args: [route.ledgerId] })).toBe(true);
  }, 60_000);
});
