// The app's read actions against a node that refuses eth_getLogs over 100 blocks, as Besu does over
// --rpc-max-logs-range: a real HTTP proxy in front of anvil, contracts deployed and transactions signed
// with real keys, and more blocks between them than one log request may span.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { createPublicClient, hexToBytes, http, keccak256, sha256, toHex, type Address } from 'viem';
import { getContractEvents } from 'viem/actions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
/* eslint-disable app/layers -- the test signs with real keys; the ledger's code never imports app/pki */
import { createCmsSignature, cryptoKeySigner } from '@/pki';
/* eslint-enable app/layers */
import { transactionRegistryAbi } from '@abi/TransactionRegistry';
import { getLedgerChanges } from './changes';
import { getIdentityHistory } from './identity';
import { indexedDbLogCache } from './indexedDbLogCache';
import { getLogPage, memoryLogCache, type LogWindow } from './logs';
import { isLedgerReadChanged } from './queryKeys';
import { deployBrazilChinaTestLedger, registerTestHolder, type TestHolder, type TestLedgerContracts } from './test/ledgerPki';
import { localLedger } from './test/localLedger';
import { startRangeLimitedNode, type RangeLimitedNode } from './test/rangeLimitedNode';
import {
  createTransaction,
  getInbox,
  getSignTypedData,
  getTransactionHistory,
  getTransactionsPage,
  seatFor,
  signTransaction,
  TransactionStatus,
  type Terms,
} from './transactions';
import { getTrustStoreHistory, getTrustStoreHistoryPage } from './trustStore';

const LIMIT = 100n;
const { chain, rpcUrl, publicClient, testClient, wallets, fund, mined } = localLedger();
// Accounts no other test file uses, so nonces are not shared.
const [deployer, brAuthority, cnAuthority, brazilian, chinese, otherChinese] = wallets(60, 61, 62, 63, 64, 65);

const terms = (n: number): Terms => ({ amount: BigInt(n) * 100n, decimals: 2, currency: 'USD', paymentReference: `SCALE-${n}`, memoHash: keccak256(toHex(n)) });

let node: RangeLimitedNode;
let client: ReturnType<typeof createPublicClient>;
let contracts: TestLedgerContracts;
let fromBlock: bigint;
let brHolder: TestHolder;
let cnHolder: TestHolder;
/** Transaction ids: [0..2] completed, [3..4] open (waiting for the CN party), in creation order. */
const ids: bigint[] = [];

async function sign(holder: TestHolder, w: typeof brazilian, id: bigint, partyIndex: number) {
  const address = contracts.transactionRegistry;
  const { digest } = await getSignTypedData(publicClient, { address, id, partyIndex, account: w.account.address });
  const cms = await createCmsSignature({ content: hexToBytes(digest), signerCertificate: holder.der, sign: cryptoKeySigner(holder.privateKey) });
  await mined(signTransaction(w, { address, id, partyIndex, signedAttributes: toHex(cms.signedAttributes), signature: toHex(cms.signature) }));
}

/**
 * Spreads what follows over more blocks than one log request may span. All at one timestamp (interval 0):
 * anvil otherwise dates each mined block a second later, and the other test files share this node's clock.
 */
const gap = () => testClient.mine({ blocks: Number(LIMIT) + 37, interval: 0 });

beforeAll(async () => {
  await fund(deployer, brAuthority, cnAuthority, brazilian, chinese, otherChinese);
  node = await startRangeLimitedNode({ upstream: rpcUrl, maxRange: LIMIT });
  client = createPublicClient({ chain, transport: http(node.url) });
  fromBlock = (await publicClient.getBlockNumber({ cacheTime: 0 })) + 1n;
  const { br, cn, contracts: deployed } = await deployBrazilChinaTestLedger({ publicClient, deployer, brazilAuthority: brAuthority, chinaAuthority: cnAuthority, brazil: { caKey: 'rsa-2048' } });
  contracts = deployed;
  [brHolder, cnHolder] = await Promise.all([br.issueHolder('ANA ESCALA:11122233344'), cn.issueHolder('Zhang Scale')]);
  await gap();
  await mined(registerTestHolder(brazilian, { publicClient, address: contracts.identityRegistry, holder: brHolder, anchorHash: br.root.identity }));
  await mined(registerTestHolder(chinese, { publicClient, address: contracts.identityRegistry, holder: cnHolder, anchorHash: cn.root.identity }));
  const deadline = (await publicClient.getBlock()).timestamp + 86_400n;
  for (let n = 0; n < 5; n++) {
    await gap();
    const created = await createTransaction(brazilian, {
      address: contracts.transactionRegistry,
      parties: [{ country: 'BR' }, { country: 'CN', account: chinese.account.address }],
      payloadHash: sha256(toHex(`scale ${n}`)),
      terms: terms(n),
      deadline,
    });
    await mined(Promise.resolve(created));
    ids.push(created.id);
    await sign(brHolder, brazilian, created.id, 0);
    if (n < 3) await sign(cnHolder, chinese, created.id, 1);
  }
}, 240_000);

afterAll(async () => {
  await node?.close();
});

describe('reads that scale, against a node that refuses log ranges over 100 blocks', () => {
  it('the proxy refuses what the old reads asked: one eth_getLogs from the deployment block', async () => {
    const before = node.refused;
    await expect(getContractEvents(client, { abi: transactionRegistryAbi, address: contracts.transactionRegistry, fromBlock, toBlock: 'latest' })).rejects.toThrow(
      /exceeds maximum range/,
    );
    expect(node.refused).toBe(before + 1);
  });

  it('answers the inbox in one call: only what waits for the person, newest first, paged', async () => {
    const address = contracts.transactionRegistry;
    const cn = chinese.account.address;
    const first = await getInbox(client, { address, country: 'CN', account: cn, limit: 1 });
    expect(first.items.map((s) => s.id)).toEqual([ids[4]]);
    expect(seatFor(first.items[0]!, { country: 'CN', account: cn })).toBe(1);
    const second = await getInbox(client, { address, country: 'CN', account: cn, belowId: first.next, limit: 1 });
    expect(second.items.map((s) => s.id)).toEqual([ids[3]]);
    expect(second.next).toBeUndefined(); // the end: the older ones are completed, unlinked from the list
    // The seats name Chinese's wallet: another CN wallet has nothing waiting; the BR party signed everything.
    expect((await getInbox(client, { address, country: 'CN', account: otherChinese.account.address, limit: 10 })).items).toEqual([]);
    expect((await getInbox(client, { address, country: 'BR', account: brazilian.account.address, limit: 10 })).items).toEqual([]);
  });

  it('pages what does not wait for the person (waiting for others, or finished) newest first from topic-filtered logs, never over the range limit', async () => {
    const start = node.logRanges.length;
    // The Chinese signer: the open ones wait for them (the inbox lists those), so only the completed ones remain.
    const base = { chainId: chain.id, address: contracts.transactionRegistry, country: 'CN', account: chinese.account.address, notWaiting: true, fromBlock, maxRange: LIMIT };
    const first = await getTransactionsPage(client, { ...base, limit: 2 });
    expect(first.items.map((s) => [s.id, s.status])).toEqual([
      [ids[2], TransactionStatus.Completed],
      [ids[1], TransactionStatus.Completed],
    ]);
    const second = await getTransactionsPage(client, { ...base, limit: 2, before: first.next });
    expect(second.items.map((s) => s.id)).toEqual([ids[0]]);
    expect(second.next).toBeUndefined();
    // The Brazilian proposer signed every one: the open ones wait for China, so they are listed here too.
    expect((await getTransactionsPage(client, { ...base, country: 'BR', account: brazilian.account.address, limit: 10 })).items.map((s) => s.id)).toEqual([...ids].reverse());
    // Without `notWaiting`: everything naming the person, what waits for them included.
    expect((await getTransactionsPage(client, { ...base, notWaiting: false, limit: 10 })).items.map((s) => s.id)).toEqual([...ids].reverse());
    // Another CN wallet: the CN seats name Chinese's wallet, so the node's topic filter leaves nothing.
    expect((await getTransactionsPage(client, { ...base, country: 'CN', account: otherChinese.account.address, limit: 10 })).items).toEqual([]);
    const asked = node.logRanges.slice(start);
    expect(asked.length).toBeGreaterThan(5);
    expect(asked.every((span) => span <= LIMIT)).toBe(true);
  });

  it('reads whole histories (governance, identities, one transaction) in ranges the node accepts', async () => {
    const start = node.logRanges.length;
    const governance = await getTrustStoreHistory(client, { address: contracts.trustStore, fromBlock, maxRange: LIMIT });
    expect(governance.filter((e) => e.eventName === 'AnchorAdded')).toHaveLength(2);
    const identities = await getIdentityHistory(client, { address: contracts.identityRegistry, fromBlock, maxRange: LIMIT, account: chinese.account.address });
    expect(identities.map((e) => e.eventName)).toEqual(['IdentityRegistered']);
    const history = await getTransactionHistory(client, { address: contracts.transactionRegistry, id: ids[0]!, fromBlock, maxRange: LIMIT });
    expect(history.map((e) => e.eventName)).toEqual(['TransactionCreated', 'TransactionSigned', 'TransactionSigned', 'TransactionCompleted']);
    const page = await getTrustStoreHistoryPage(client, { chainId: chain.id, address: contracts.trustStore, fromBlock, maxRange: LIMIT, limit: 3 });
    expect(page.items).toHaveLength(3);
    expect(page.items[0]!.eventName).toBe(governance.at(-1)!.eventName);
    expect(node.logRanges.slice(start).every((span) => span <= LIMIT)).toBe(true);
  });

  it('tells which reads the new blocks changed, reading only those blocks', async () => {
    const address = contracts.transactionRegistry;
    const head = await publicClient.getBlockNumber({ cacheTime: 0 });
    await sign(cnHolder, chinese, ids[3]!, 1);
    const now = await publicClient.getBlockNumber({ cacheTime: 0 });
    const start = node.methods.length;
    const changes = await getLedgerChanges(client, { addresses: [contracts.trustStore, contracts.identityRegistry, address], fromBlock: head + 1n, toBlock: now, maxRange: LIMIT });
    expect(node.methods.slice(start)).toEqual(['eth_getLogs']);
    const params = { chainId: chain.id, transactionRegistry: address, contracts: changes.contracts, firstTopics: changes.firstTopics };
    const registryKey = (name: string, ...parts: unknown[]) => ['ledger', chain.id, 'transactionRegistry', address.toLowerCase(), name, ...parts];
    expect(isLedgerReadChanged(registryKey('inbox', 'CN', chinese.account.address.toLowerCase()), params)).toBe(true);
    expect(isLedgerReadChanged(registryKey('transaction', ids[3]!.toString()), params)).toBe(true);
    expect(isLedgerReadChanged(registryKey('transaction', ids[0]!.toString()), params)).toBe(false);
    expect(isLedgerReadChanged(['ledger', chain.id, 'verifiedTransaction', address, ids[3]!.toString()], params)).toBe(true);
    expect(isLedgerReadChanged(['ledger', chain.id, 'trustStore', contracts.trustStore.toLowerCase(), 'members'], params)).toBe(false);
    // An empty block changes nothing; a governance event changes every read of the ledger.
    await testClient.mine({ blocks: 1 });
    const empty = await getLedgerChanges(client, { addresses: [address], fromBlock: now + 1n, toBlock: now + 1n });
    expect(isLedgerReadChanged(registryKey('inbox'), { ...params, contracts: empty.contracts, firstTopics: empty.firstTopics })).toBe(false);
    const governance = { ...params, contracts: new Set<Address>([contracts.trustStore]), firstTopics: new Map() };
    expect(isLedgerReadChanged(['ledger', chain.id, 'trustStore', contracts.trustStore.toLowerCase(), 'members'], governance)).toBe(true);
    expect(isLedgerReadChanged(['ledger', chain.id + 1, 'trustStore', contracts.trustStore.toLowerCase(), 'members'], governance)).toBe(false);
    expect((await getInbox(client, { address, country: 'CN', account: chinese.account.address, limit: 10 })).items.map((s) => s.id)).toEqual([ids[4]]);
  });

  it('keeps history in IndexedDB across a reload: only new blocks are read, after checking the last block hash', async () => {
    const factory = new IDBFactory();
    const base = { chainId: chain.id, address: contracts.transactionRegistry, country: 'BR', account: brazilian.account.address, fromBlock, maxRange: LIMIT, limit: 10 };
    const firstLoad = node.logRanges.length;
    const cold = await getTransactionsPage(client, { ...base, cache: indexedDbLogCache({ indexedDB: factory }) });
    const coldReads = node.logRanges.length - firstLoad;
    expect(coldReads).toBeGreaterThan(5);
    // A reload: a new cache object on the same database.
    const reload = node.methods.length;
    const warm = await getTransactionsPage(client, { ...base, cache: indexedDbLogCache({ indexedDB: factory }) });
    expect(warm.items.map((s) => s.id)).toEqual(cold.items.map((s) => s.id));
    const methods = node.methods.slice(reload);
    expect(methods.filter((m) => m === 'eth_getLogs').length).toBeLessThanOrEqual(1);
    expect(methods).toContain('eth_getBlockByNumber');
  });

  it('drops a cached window whose last block hash is not the chain\'s (a reorganisation)', async () => {
    const cache = memoryLogCache();
    const key = `${chain.id}:test:reorg`;
    const head = await publicClient.getBlockNumber({ cacheTime: 0 });
    const forged: LogWindow<{ blockNumber: bigint; logIndex: number; forged: true }> = {
      fromBlock,
      toBlock: head,
      toHash: `0x${'ab'.repeat(32)}`,
      logs: [{ blockNumber: head, logIndex: 0, forged: true }],
    };
    await cache.put(key, forged);
    const read = (range: { fromBlock: bigint; toBlock: bigint }) =>
      getContractEvents(client, { abi: transactionRegistryAbi, address: contracts.transactionRegistry, eventName: 'TransactionCompleted', ...range });
    const page = await getLogPage(client, { key, fromBlock, limit: 10, maxRange: LIMIT, cache, read });
    expect(page.items.some((log) => 'forged' in log)).toBe(false);
    expect(page.items).toHaveLength(4);
  });
});
