// The indexer (Ponder) against a real PostgreSQL server this test starts and the shared anvil node: a
// seeded ledger (real identities, CMS-signed transactions), then the lists the app pages through, and a
// transaction created while it runs (realtime).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPublicClient, createTestClient, createWalletClient, http, sha256, toHex } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIndexerClient, indexerTransactionLists } from '../app/ledger/indexer';
import { createTransaction, ledgerTransactionLists, type TransactionSummary } from '../app/ledger/transactions';
import { embeddedLedger } from '../app/ledger/networks';
import { seedLedger, type SeededLedger } from '../app/ledger/test/seedLedger';
import { measureIndexerInbox } from '../scripts/bench/indexerInbox';
import { developmentMnemonic, startAnvil, type Anvil } from '../scripts/dev/anvil';
import { startPostgres, type Postgres } from './postgres';
import { indexedBlock, startIndexer, type Indexer } from './process';

// Its own anvil, not the shared one: blocks other test files mine would only make the indexer's
// catching up slower to observe.
const anvil: Anvil = await startAnvil({ chainId: embeddedLedger.id, port: 0 });
const rpcUrl = anvil.rpcUrl;
const chain = { ...embeddedLedger, rpcUrls: { default: { http: [rpcUrl] } } };
const publicClient = createPublicClient({ chain, transport: http(rpcUrl) });
const testClient = createTestClient({ chain, transport: http(rpcUrl), mode: 'anvil' });
const wallet = (index: number) => createWalletClient({ chain, transport: http(rpcUrl), account: mnemonicToAccount(developmentMnemonic, { addressIndex: index }) });
const wallets = { deployer: wallet(0), brazilAuthority: wallet(1), chinaAuthority: wallet(2), brazilian: wallet(3), chinese: wallet(4) };
const brazilian = wallets.brazilian.account.address;
const chinese = wallets.chinese.account.address;

type Page = { items: { id: string; status: string; parties: { country: string; account: string; signedBy: string | null }[] }[]; next?: string };

let postgres: Postgres;
let indexer: Indexer;
let seeded: SeededLedger;
let dir: string;

const get = async <T = Page>(pathAndQuery: string): Promise<T> => {
  const response = await fetch(indexer.url + pathAndQuery);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
};
const ids = (page: Page) => page.items.map((item) => BigInt(item.id));

describe('the indexer on PostgreSQL', () => {
  beforeAll(async () => {
    [postgres, seeded] = await Promise.all([startPostgres(), seedLedger({ publicClient, testClient, wallets, extraOpen: 3 })]);
    dir = mkdtempSync(path.join(os.tmpdir(), 'indexer-test-'));
    const networkFile = path.join(dir, 'network.json');
    writeFileSync(networkFile, JSON.stringify({ chainId: chain.id, rpcUrl, contracts: seeded.contracts, fromBlock: seeded.fromBlock.toString() }));
    indexer = await startIndexer({ networkFile, databaseUrl: postgres.url, schema: 'indexer_test', pollingMs: 200, waitForBlock: await publicClient.getBlockNumber({ cacheTime: 0 }), timeoutMs: 300_000 });
    // A shared 2-core machine under load starts Ponder slowly.
  }, 420_000);

  afterAll(async () => {
    await indexer?.stop();
    await postgres?.stop();
    await anvil.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists the open transactions waiting for an account or its country, newest first, in pages', async () => {
    const { extra, open, partiallySigned } = seeded;
    const chineseInbox = await get(`/inbox?account=${chinese}&country=CN&limit=100`);
    expect(ids(chineseInbox)).toEqual([...[...extra].reverse(), open, partiallySigned]);
    expect(chineseInbox.next).toBeUndefined();
    // The Brazilian signed partiallySigned already; the extra ones have an open BR seat.
    expect(ids(await get(`/inbox?account=${brazilian}&country=BR&limit=100`))).toEqual([...[...extra].reverse(), open]);
    // Without the country only the seats naming the account count.
    expect(ids(await get(`/inbox?account=${brazilian}`))).toEqual([open]);

    const first = await get(`/inbox?account=${chinese}&country=CN&limit=2`);
    expect(ids(first)).toEqual([extra[2], extra[1]]);
    const second = await get(`/inbox?account=${chinese}&country=CN&limit=2&cursor=${first.next}`);
    expect(ids(second)).toEqual([extra[0], open]);
    const last = await get(`/inbox?account=${chinese}&country=CN&limit=2&cursor=${second.next}`);
    expect(ids(last)).toEqual([partiallySigned]);
    expect(last.next).toBeUndefined();

    // Each list page names the block it is of: the ledger's, by number and hash.
    const { block } = await get<Page & { block: { number: string; hash: string } }>(`/inbox?account=${chinese}&country=CN`);
    expect(block.hash).toBe((await publicClient.getBlock({ blockNumber: BigInt(block.number) })).hash);
    expect(BigInt(block.number)).toBeGreaterThanOrEqual(seeded.fromBlock);
    const item = chineseInbox.items.find((i) => BigInt(i.id) === partiallySigned)!;
    expect(item.parties).toEqual([
      { country: 'BR', account: '0x0000000000000000000000000000000000000000', signedBy: brazilian.toLowerCase() },
      { country: 'CN', account: '0x0000000000000000000000000000000000000000', signedBy: null },
    ]);
  });

  it('keeps finished transactions under history', async () => {
    const history = await get(`/history?account=${brazilian}`);
    expect(ids(history)).toEqual([seeded.cancelled, seeded.completed]);
    expect(history.items.map((i) => i.status)).toEqual(['cancelled', 'completed']);
    // The Chinese wallet signed the completed one only.
    expect(ids(await get(`/history?account=${chinese}`))).toEqual([seeded.completed]);
  });

  it("pages the app's inbox and history from it, each page checked on the ledger (TransactionLists)", async () => {
    const fallbacks: string[] = [];
    const lists = indexerTransactionLists({ indexer: createIndexerClient({ url: indexer.url }), onFallback: (reason) => fallbacks.push(reason) });
    const address = seeded.contracts.transactionRegistry;
    const shown = (page: { items: readonly TransactionSummary[] }) => page.items.map((t) => [t.id, t.status]);
    for (const [account, country] of [
      [chinese, 'CN'],
      [brazilian, 'BR'],
    ] as const) {
      const inbox = { address, account, country, limit: 2 };
      const first = await lists.getInbox(publicClient, inbox);
      expect(first.source).toBe('indexer');
      const second = await lists.getInbox(publicClient, { ...inbox, belowId: first.next });
      const ledgerFirst = await ledgerTransactionLists.getInbox(publicClient, inbox);
      const ledgerSecond = await ledgerTransactionLists.getInbox(publicClient, { ...inbox, belowId: ledgerFirst.next });
      expect([...shown(first), ...shown(second)]).toEqual([...shown(ledgerFirst), ...shown(ledgerSecond)]);
      const history = { chainId: chain.id, address, account, country, notWaiting: true, fromBlock: seeded.fromBlock, limit: 20 };
      const fromIndexer = await lists.getTransactionsPage(publicClient, history);
      expect(fromIndexer.source).toBe('indexer');
      expect(shown(fromIndexer)).toEqual(shown(await ledgerTransactionLists.getTransactionsPage(publicClient, history)));
      expect(fromIndexer.items.length).toBeGreaterThan(0);
    }
    expect(fallbacks).toEqual([]);
  });

  it('keeps the governance history and the lists per anchor, proposal and account', async () => {
    type Events = { items: { name: string; proposalId: string | null; anchorHash: string | null }[]; next?: string };
    const governance = await get<Events>('/governance?limit=100');
    const names = governance.items.map((e) => e.name);
    expect(names.filter((n) => n === 'AnchorAdded')).toHaveLength(2);
    expect(names.filter((n) => n === 'ProposalExecuted')).toHaveLength(2);
    expect(names.at(-1)).toBe('MemberAdded');
    const anchorHash = governance.items.find((e) => e.name === 'AnchorAdded')!.anchorHash!;
    const anchor = await get<{ anchor: { status: string; country: string } | null; identities: number; items: { name: string }[] }>(`/anchors/${anchorHash}`);
    expect(anchor.anchor?.status).toBe('active');
    expect(anchor.identities).toBe(1);
    expect(anchor.items.map((e) => e.name)).toContain('AnchorAdded');
    const proposal = await get<{ proposal: { approvals: number; executed: boolean } | null; items: { name: string }[] }>('/proposals/1');
    // Two members: the proposer's vote and the other's.
    expect(proposal.proposal).toMatchObject({ approvals: 2, executed: true });
    const votes = proposal.items.map((e) => e.name);
    expect([votes[0], votes.at(-1)]).toEqual(['ProposalExecuted', 'ProposalCreated']);
    const account = await get<{ identity: { certificateHash: string; country: string } | null }>(`/accounts/${brazilian}`);
    expect(account.identity).toMatchObject({ certificateHash: seeded.holders.brazilian.identity.toLowerCase(), country: 'BR' });
    const refused = await fetch(`${indexer.url}/inbox?account=nobody`);
    expect(refused.status).toBe(400);
  });

  it('follows new blocks', async () => {
    const deadline = (await publicClient.getBlock()).timestamp + 3_600n;
    const created = await createTransaction(wallets.brazilian, {
      address: seeded.contracts.transactionRegistry,
      parties: [{ country: 'CN', account: chinese }],
      payloadHash: sha256(toHex('realtime')),
      terms: { amount: 1n, decimals: 0, currency: 'BRL', paymentReference: 'RT', memoHash: sha256(toHex('rt')) },
      deadline,
    });
    await publicClient.waitForTransactionReceipt({ hash: created.hash });
    await expect.poll(async () => ids(await get(`/inbox?account=${chinese}&limit=1`))[0], { timeout: 15_000, interval: 200 }).toBe(created.id);
  });

  it('measures the lists through the indexer for bench:scale', async () => {
    // The indexer follows the blocks the previous test mined.
    await expect.poll(async () => indexedBlock(await get<unknown>('/status')), { timeout: 15_000, interval: 200 }).toBe(await publicClient.getBlockNumber({ cacheTime: 0 }));
    const base = { indexerUrl: indexer.url, rpcUrl, transactionRegistry: seeded.contracts.transactionRegistry, account: chinese, country: 'CN', fromBlock: seeded.fromBlock };
    const inbox = await measureIndexerInbox({ ...base, limit: 2 });
    // The indexer's page (with its block); the ledger's head, that block's hash and one summariesOf call
    // in one JSON-RPC batch, whatever the page size.
    expect(inbox).toMatchObject({ source: 'indexer', items: 2, indexerRequests: 1, ledgerRequests: 1 });
    expect(inbox.requests).toBe(2);
    expect(inbox.bytes).toBeGreaterThan(0);
    const history = await measureIndexerInbox({ ...base, list: 'history' });
    expect(history).toMatchObject({ source: 'indexer', indexerRequests: 1, ledgerRequests: 1 });
    expect(history.items).toBeGreaterThan(0);
  });
});
