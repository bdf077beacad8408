// Route verdicts against a real anvil node: a real PeerTrust (deployed by a real TrustStore) whose
// agreement uses the forge tests' light client double, so a test chooses the proven block's time. The
// page's verdict is checked against what the contracts decide: IdentityRegistry registers exactly when
// the verdict says "trusted by route", and the hold-timer comparison agrees with PeerTrust's at one block.
import { encodeFunctionData, keccak256, parseEther, stringToHex, toHex, type Address, type Hex } from 'viem';
import { deployContract, waitForTransactionReceipt } from 'viem/actions';
import { beforeAll, describe, expect, it } from 'vitest';
import { translate } from '@/i18n';
import {
  ContractRefusedError,
  deployIdentityRegistry,
  deployTrustStore,
  EMPTY_EXPORT_HEAD,
  executeProposal,
  EXPORT_HEAD_SLOT,
  exportLink,
  getPeerTrustAddress,
  getReceivedRoutes,
  getRevocation,
  getRoutedAnchors,
  getRouteNow,
  checkPath,
  ledgerIdOf,
  proposePeering,
  publishAnchorCertificate,
  RouteKind,
  RouteStatus,
  syncRoutes,
  type RouteEntry,
} from '@/ledger';
import { buildChinaTestPki, registerTestHolder, type ChinaTestPki, type TestHolder } from '@/ledger/test/ledgerPki';
import { localLedger } from '@/ledger/test/localLedger';
import { compileFakeLightClient } from '@/ledger/test/peerTestContracts';
import { peerName, routesOfForTest } from './routeTestSupport';
import { describeVerdict } from './present';
import { routeSnapshotOf, routeVerdict } from './routes';
import { assessIdentity } from './verdict';

const { publicClient, wallet, fund, mined } = localLedger();
// Accounts no other test file uses (the files share one node and run in parallel).
const deployer = wallet(140);
const brazil = wallet(141);
const relayer = wallet(142);
const HOLD = 600n;
const chainA = 7001n;
const genesisA = keccak256(toHex('routeapp ledger A genesis'));
const ledgerId = ledgerIdOf(chainA, genesisA);
const peerTrustStoreA: Address = '0x00000000000000000000000000000000000a11ce';
const fake = compileFakeLightClient();
const en = (key: string, values?: Readonly<Record<string, string | number>>) => translate('en', key, values);

let trustStore: Address;
let peerTrust: Address;
let lightClient: Address;
let identityRegistry: Address;
let china: ChinaTestPki;
let head: Hex = EMPTY_EXPORT_HEAD;
let seq = 0n;
let number = 0n;

const latestTime = async () => (await publicClient.getBlock()).timestamp;
const fakeWrite = (functionName: 'setHeader' | 'setStorage', args: readonly unknown[]) =>
  mined(relayer.sendTransaction({ to: lightClient, data: encodeFunctionData({ abi: fake.abi, functionName, args }) }).then((hash) => ({ hash })));

/** Relays entries (none: a keepalive) at a new block of A dated `timestamp`, as a relayer would. */
async function sync(kinds: readonly number[], timestamp: bigint) {
  const entries: RouteEntry[] = kinds.map((kind) => ({
    chainId: chainA,
    seq: ++seq,
    kind,
    country: stringToHex('CN', { size: 2 }),
    anchorHash: china.root.identity,
    spkiHash: china.root.keyHash,
    certificateHash: `0x${'00'.repeat(32)}`,
    at: timestamp,
  }));
  for (const e of entries) head = exportLink(head, e);
  number += 1n;
  const accountProof: Hex[] = [keccak256(toHex(`account ${number}`))];
  const storageProof: Hex[] = [keccak256(toHex(`storage ${number}`))];
  await fakeWrite('setHeader', [ledgerId, number, timestamp]);
  await fakeWrite('setStorage', [ledgerId, number, peerTrustStoreA, EXPORT_HEAD_SLOT, head, accountProof, storageProof]);
  await mined(syncRoutes(relayer, { address: peerTrust, ledgerId, blockNumber: number, accountProof, storageProof, entries }));
}

async function assess(holder: TestHolder) {
  const anchors = await getRoutedAnchors(publicClient, { address: peerTrust });
  return assessIdentity({
    certificate: holder.der,
    chain: [china.ca.der],
    anchors: [],
    revocationOf: (anchorHash, certificateHash) => getRevocation(publicClient, { address: trustStore, anchorHash, certificateHash }),
    checkPath: (certificateHashes, atTime) => checkPath(publicClient, { address: trustStore, certificateHashes, atTime }),
    routes: routesOfForTest(publicClient, peerTrust, anchors),
  });
}

/** Whether the IdentityRegistry of this ledger registers `holder` now (a fresh wallet each time). */
let nextWallet = 143;
async function registers(holder: TestHolder): Promise<true | string> {
  const w = wallet(nextWallet++);
  await mined(brazil.sendTransaction({ to: w.account.address, value: parseEther('1') }).then((hash) => ({ hash })));
  try {
    await mined(registerTestHolder(w, { publicClient, address: identityRegistry, holder, anchorHash: china.root.identity }));
    return true;
  } catch (error) {
    return error instanceof ContractRefusedError ? error.errorName : String(error);
  }
}

describe('a trust route as the page words it, against the contracts (real anvil)', () => {
  beforeAll(async () => {
    await fund(deployer, brazil, relayer);
    ({ address: trustStore } = await deployTrustStore(deployer, { members: [{ account: brazil.account.address, country: 'BR', name: 'ITI (test)' }] }));
    peerTrust = await getPeerTrustAddress(publicClient, { address: trustStore });
    const deployed = await deployContract(deployer, { abi: fake.abi, bytecode: fake.bytecode, args: [peerTrust] });
    lightClient = (await waitForTransactionReceipt(publicClient, { hash: deployed })).contractAddress!;
    const proposed = await proposePeering(brazil, {
      address: trustStore,
      agreement: {
        ledgerId,
        chainId: chainA,
        genesisHash: genesisA,
        countries: [stringToHex('CN', { size: 2 })],
        validators: [],
        trustingPeriod: 86_400n,
        trustedHeaderRlp: '0xc0',
        holdTime: HOLD,
        trustStore: peerTrustStoreA,
        transactionRegistry: '0x00000000000000000000000000000000000b0b00',
        lightClient,
      },
    });
    await mined(Promise.resolve(proposed));
    await mined(executeProposal(brazil, { address: trustStore, id: proposed.proposalId }));
    ({ address: identityRegistry } = await deployIdentityRegistry(deployer, { trustStore }));
    china = await buildChinaTestPki();
  });

  it('says "trusted by route" for a holder under an announced, fresh, published anchor, and the registry registers it', async () => {
    await sync([RouteKind.Announce], await latestTime());
    await mined(publishAnchorCertificate(relayer, { address: peerTrust, der: china.root.hex }));
    const holder = await china.issueHolder('Li Lei');
    const { verdict } = await assess(holder);
    expect(verdict).toMatchObject({ trusted: true, anchorHash: china.root.identity, country: 'CN' });
    const text = describeVerdict(await assess(holder), en, 'en').text;
    expect(text).toMatch(new RegExp(`^Trusted by route from ${peerName(chainA)}, proven at block 1 \\(\\d+ seconds? ago\\)\\.$`));
    expect(await registers(holder)).toBe(true);
    const received = await getReceivedRoutes(publicClient, { address: peerTrust, ledgerId });
    expect(received.map((r) => [r.kind, r.seq, r.country, r.der])).toEqual([['announced', 1n, 'CN', china.root.hex]]);
  });

  it('fails closed when the last proof is older than the hold timer: one sentence, and the registry refuses too', async () => {
    await sync([], (await latestTime()) - HOLD - 30n);
    const holder = await china.issueHolder('Han Meimei');
    const result = await assess(holder);
    expect(result.verdict).toMatchObject({ trusted: false, reason: 'route', revokedIndex: undefined });
    expect(describeVerdict(result, en, 'en').text).toMatch(
      new RegExp(`^Not trusted: the route from ${peerName(chainA)} was last proven at block 2, \\d+ minutes ago, longer than its hold timer of 10 minutes; it counts again once a relayer brings a fresh proof\\.$`),
    );
    expect(await registers(holder)).toBe('IdentityRegistry__RouteNotLive');
  });

  it('compares the hold timer exactly as PeerTrust does, at the same block, around the boundary', async () => {
    for (const offset of [-2n, -1n, 0n, 1n, 2n, 3n]) {
      await sync([], (await latestTime()) - HOLD + offset);
      const now = await getRouteNow(publicClient, { address: peerTrust, anchorHash: china.root.identity });
      const page = routeVerdict(routeSnapshotOf(now, 'A', 'CN'), now.blockTime).status;
      expect({ offset, page }).toEqual({ offset, page: Number(now.status) === RouteStatus.Stale ? 'stale' : 'trusted' });
    }
    // 18 mined transactions: past 30 s on a loaded machine (the full suite at load 5 and more).
  }, 180_000);

  it('says the peer withdrew the anchor once the withdrawal is relayed, and the registry refuses', async () => {
    await sync([RouteKind.Withdraw], await latestTime());
    const holder = await china.issueHolder('Wang Fang');
    const result = await assess(holder);
    expect(result.verdict).toMatchObject({ trusted: false, reason: 'route' });
    expect(describeVerdict(result, en, 'en').text).toBe(`Not trusted: ${peerName(chainA)} withdrew this anchor (proven at block ${number}).`);
    expect(await registers(holder)).toBe('IdentityRegistry__RouteNotLive');
    const received = await getReceivedRoutes(publicClient, { address: peerTrust, ledgerId });
    expect(received.map((r) => [r.kind, r.seq])).toEqual([['withdrawn', seq]]);
  });
});
