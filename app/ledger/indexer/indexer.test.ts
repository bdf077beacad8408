// The app's use of the indexer against a seeded ledger (the shared anvil, real identities and CMS-signed
// transactions) and a fake indexer that lies, fails or is gone: what the app shows is always the ledger's.
import { createServer, type Server } from 'node:http';
import { createPublicClient, createTestClient, http, type Address, type Hex, type PublicClient } from 'viem';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// eslint-disable-next-line app/layers -- test support: a node of its own, for a reorg the shared one must not see
import { startAnvil } from '../../../scripts/dev/anvil';
import { localLedger } from '../test/localLedger';
import { seedLedger, type SeededLedger } from '../test/seedLedger';
import { ledgerTransactionLists, TransactionStatus, type TransactionSummary } from '../transactions';
import { getTrustStoreHistory } from '../trustStore';
import { createIndexerClient, getGovernanceHistory, indexerTransactionLists, IndexerUnavailableError, type IndexerClient } from './index';

const { publicClient, testClient, wallet, rpcUrl } = localLedger();
// Accounts no other test file uses.
const wallets = { deployer: wallet(65), brazilAuthority: wallet(66), chinaAuthority: wallet(67), brazilian: wallet(68), chinese: wallet(69) };
const brazilian = wallets.brazilian.account.address;
const chinese = wallets.chinese.account.address;

let seeded: SeededLedger;
let server: Server;
let indexer: IndexerClient;
type Answer = { status: number; body: unknown };
/** What the fake indexer answers next, per path (a function: computed when asked). */
let answers: Record<string, Answer | (() => Promise<Answer>)> = {};
const requested: string[] = [];

type ClaimedBlock = { readonly number: bigint; readonly hash: Hex };
/** The ledger's block `lag` below its head when asked: what an honest indexer says its page is of. */
const ledgerBlock = async (lag = 0n, client: PublicClient = publicClient): Promise<ClaimedBlock> => {
  const number = (await client.getBlockNumber({ cacheTime: 0 })) - lag;
  return { number, hash: (await client.getBlock({ blockNumber: number })).hash };
};
/**
 * A list page of the fake indexer, with the block it claims (default: the ledger's head when asked). Its
 * /status claims the same block, as an indexer would.
 */
const claimed = (ids: readonly bigint[], block: () => Promise<ClaimedBlock>, next?: string) => {
  let last: ClaimedBlock | undefined;
  const list = async (): Promise<Answer> => {
    last = await block();
    const items = ids.map((id) => ({ id: id.toString(), status: 'completed' }));
    return { status: 200, body: { items, ...(next ? { next } : {}), block: { number: last.number.toString(), hash: last.hash } } };
  };
  const status = async (): Promise<Answer> => {
    last ??= await block();
    return { status: 200, body: { ledger: { id: 31337, block: { number: Number(last.number), timestamp: 0 } } } };
  };
  return { list, status };
};
const page = (ids: readonly bigint[], next?: string, lag = 0n) => claimed(ids, () => ledgerBlock(lag), next).list;

beforeAll(async () => {
  seeded = await seedLedger({ publicClient, testClient, wallets });
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requested.push(url.pathname + url.search);
    const listed = answers[url.pathname] ?? { status: 404, body: { error: 'not found' } };
    void (typeof listed === 'function' ? listed() : Promise.resolve(listed)).then((answer) =>
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  indexer = createIndexerClient({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}, 120_000);

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const address = () => seeded.contracts.transactionRegistry;
/** Ponder's /status as the fake indexer reports it when asked: the ledger's head then, minus `lag`. */
const status = async (lag = 0n) => async () => ({
  status: 200,
  body: { ledger: { id: 31337, block: { number: Math.max(0, Number((await publicClient.getBlockNumber({ cacheTime: 0 })) - lag)), timestamp: 0 } } },
});
const fallbacks: string[] = [];
// Other test files mine blocks on the shared node meanwhile: a few blocks of lag are tolerated here.
const lists = () => indexerTransactionLists({ indexer, maxLagBlocks: 3n, onFallback: (reason, list) => fallbacks.push(`${list}:${reason}`) });
const inboxOf = (account: Address, country: string, via = lists()) => via.getInbox(publicClient, { address: address(), account, country, limit: 20 });
const historyOf = (account: Address, country: string, via = lists()) =>
  via.getTransactionsPage(publicClient, { chainId: 31337, address: address(), account, country, notWaiting: true, fromBlock: seeded.fromBlock, limit: 20 });
const shown = (page: { items: readonly TransactionSummary[] }) => page.items.map((t) => [t.id, t.status]);

describe('the lists from an indexer that may lie (TransactionLists seam)', () => {
  it('pages the inbox from an honest indexer, each page checked with one summariesOf call', async () => {
    const { open, partiallySigned } = seeded;
    answers = { '/inbox': page([open, partiallySigned], partiallySigned.toString()), '/status': await status() };
    fallbacks.length = 0;
    const result = await lists().getInbox(publicClient, { address: address(), account: chinese, country: 'CN', belowId: open + 1n, limit: 2 });
    expect(result.source).toBe('indexer');
    expect(fallbacks).toEqual([]);
    expect(result.next).toBe(partiallySigned);
    // The ledger's summaries, not the indexer's claimed "completed".
    expect(shown(result)).toEqual([
      [open, TransactionStatus.Proposed],
      [partiallySigned, TransactionStatus.PartiallySigned],
    ]);
    expect(requested.filter((r) => r.startsWith('/inbox')).at(-1)).toBe(`/inbox?account=${chinese}&country=CN&cursor=${open + 1n}&limit=2`);
    // The same as the ledger's own list.
    expect(shown(await inboxOf(chinese, 'CN', ledgerTransactionLists))).toEqual(shown(result));
  });

  it('catches an indexer that lists what does not wait for this person, and shows the ledger list instead', async () => {
    const { completed, cancelled, partiallySigned, open } = seeded;
    const ledger = shown(await inboxOf(brazilian, 'BR', ledgerTransactionLists));
    expect(ledger).toEqual([[open, TransactionStatus.Proposed]]);
    const lies: [string, readonly bigint[]][] = [
      ['an id the ledger never had', [999_999n, open]],
      ['a completed one in the inbox', [open, completed]],
      ['a cancelled one', [open, cancelled]],
      ['one the Brazilian already signed (not open for them)', [open, partiallySigned]],
      ['out of order', [partiallySigned, open]],
    ];
    for (const [lie, ids] of lies) {
      answers = { '/inbox': page(ids), '/status': await status() };
      fallbacks.length = 0;
      const result = await inboxOf(brazilian, 'BR');
      expect({ lie, source: result.source, fallbacks }).toEqual({ lie, source: 'ledger', fallbacks: ['inbox:mismatch'] });
      expect(shown(result)).toEqual(ledger);
    }
    // A stranger's inbox: the open seat names the Brazilian, so nothing waits for the deployer wallet.
    const stranger = wallets.deployer.account.address;
    answers = { '/inbox': page([open]), '/status': await status() };
    expect((await inboxOf(stranger, 'BR')).source).toBe('ledger');
  });

  it('catches a forged status that would move a transaction waiting for this person out of the inbox', async () => {
    const { completed, cancelled, partiallySigned, open } = seeded;
    const ledger = await historyOf(brazilian, 'BR', ledgerTransactionLists);
    expect(shown(ledger)).toEqual([
      [cancelled, TransactionStatus.Cancelled],
      [partiallySigned, TransactionStatus.PartiallySigned],
      [completed, TransactionStatus.Completed],
    ]);
    // Honest: the same page, from the indexer, continued by id.
    answers = { '/transactions': page([cancelled, partiallySigned], partiallySigned.toString()), '/status': await status() };
    const first = await historyOf(brazilian, 'BR');
    expect(first.source).toBe('indexer');
    expect(first.next).toEqual({ belowId: partiallySigned });
    expect(shown(first)).toEqual(shown(ledger).slice(0, 2));
    // `open` waits for the Brazilian: an indexer that calls it finished lists it here.
    answers = { '/transactions': page([cancelled, open]), '/status': await status() };
    fallbacks.length = 0;
    const forged = await historyOf(brazilian, 'BR');
    expect(fallbacks).toEqual(['transactions:mismatch']);
    expect(shown(forged)).toEqual(shown(ledger));
    // The ledger continues an indexer's cursor: ids below it only.
    answers = {};
    const rest = await lists().getTransactionsPage(publicClient, {
      chainId: 31337,
      address: address(),
      account: brazilian,
      country: 'BR',
      notWaiting: true,
      fromBlock: seeded.fromBlock,
      before: { belowId: partiallySigned },
      limit: 20,
    });
    expect(rest.source).toBe('ledger');
    expect(shown(rest)).toEqual([[completed, TransactionStatus.Completed]]);
  });

  it('falls back to the ledger when the indexer is behind, down or answers nonsense', async () => {
    const { open, partiallySigned } = seeded;
    const ledger = shown(await inboxOf(chinese, 'CN', ledgerTransactionLists));
    expect(ledger.map(([id]) => id)).toEqual([open, partiallySigned]);
    const cases: [string, typeof answers, string][] = [
      ['behind', { '/inbox': page([open, partiallySigned], undefined, 10n), '/status': await status(10n) }, 'inbox:behind'],
      ['still indexing', { '/inbox': { status: 503, body: 'Historical indexing is not complete.' }, '/status': await status() }, 'inbox:unavailable'],
      ['not an id', { '/inbox': { status: 200, body: { items: [{ id: 'DROP TABLE' }] } }, '/status': await status() }, 'inbox:unavailable'],
      [
        'no block in the answer',
        { '/inbox': { status: 200, body: { items: [{ id: open.toString() }] } }, '/status': { status: 200, body: {} } },
        'inbox:unavailable',
      ],
    ];
    for (const [what, answer, reason] of cases) {
      answers = answer;
      fallbacks.length = 0;
      const result = await inboxOf(chinese, 'CN');
      expect({ what, source: result.source, fallbacks }).toEqual({ what, source: 'ledger', fallbacks: [reason] });
      expect(shown(result)).toEqual(ledger);
    }
    const gone = indexerTransactionLists({ indexer: createIndexerClient({ url: 'http://127.0.0.1:9', timeoutMs: 1_000 }) });
    expect(shown(await historyOf(brazilian, 'BR', gone))).toEqual(shown(await historyOf(brazilian, 'BR', ledgerTransactionLists)));
  });

  it('catches an indexer that claims a block the ledger does not have: in the future, or with another hash', async () => {
    const { open, partiallySigned } = seeded;
    const ledger = shown(await inboxOf(chinese, 'CN', ledgerTransactionLists));
    const cases: [string, () => Promise<ClaimedBlock>][] = [
      // "Always at the head": a stale indexer would never be noticed as behind.
      ['a future block', async () => ({ number: (await publicClient.getBlockNumber({ cacheTime: 0 })) + 1_000n, hash: `0x${'ab'.repeat(32)}` })],
      ['the head with a forged hash', async () => ({ ...(await ledgerBlock()), hash: `0x${'cd'.repeat(32)}` })],
      ['an old block passed off with the head number', async () => ({ ...(await ledgerBlock()), hash: (await ledgerBlock(2n)).hash })],
    ];
    for (const [lie, block] of cases) {
      const { list, status } = claimed([open, partiallySigned], block);
      answers = { '/inbox': list, '/status': status };
      fallbacks.length = 0;
      const result = await inboxOf(chinese, 'CN');
      expect({ lie, source: result.source, fallbacks }).toEqual({ lie, source: 'ledger', fallbacks: ['inbox:mismatch'] });
      expect(shown(result)).toEqual(ledger);
    }
  });

  it('catches a page of a branch the ledger left (reorg), on a node of its own', async () => {
    const anvil = await startAnvil({ chainId: 31337, port: 0 });
    try {
      const own = createPublicClient({ transport: http(anvil.rpcUrl) });
      const node = createTestClient({ mode: 'anvil', transport: http(anvil.rpcUrl) });
      await node.mine({ blocks: 3 });
      const snapshot = await node.snapshot();
      await node.mine({ blocks: 1 });
      const orphaned = await ledgerBlock(0n, own);
      await node.revert({ id: snapshot });
      // Another block at the same height: the ledger's branch now.
      await node.setNextBlockTimestamp({ timestamp: (await own.getBlock()).timestamp + 100n });
      await node.mine({ blocks: 1 });
      const canonical = await ledgerBlock(0n, own);
      expect(canonical.number).toBe(orphaned.number);
      expect(canonical.hash).not.toBe(orphaned.hash);
      // Nothing listed on the orphaned branch: the ledger's own list (here a stand-in) must answer.
      const { list, status } = claimed([], async () => orphaned);
      answers = { '/inbox': list, '/status': status };
      const reasons: string[] = [];
      const ledgerPage = { items: [], source: 'ledger' as const };
      const via = indexerTransactionLists({
        indexer,
        fallback: { getInbox: async () => ledgerPage, getTransactionsPage: async () => ledgerPage },
        onFallback: (reason) => reasons.push(reason),
      });
      const result = await via.getInbox(own, { address: address(), account: chinese, country: 'CN', limit: 20 });
      expect({ source: result.source, reasons }).toEqual({ source: 'ledger', reasons: ['mismatch'] });
      // The same page claimed at the ledger's block is used.
      const honest = claimed([], async () => canonical);
      answers = { '/inbox': honest.list, '/status': honest.status };
      expect((await via.getInbox(own, { address: address(), account: chinese, country: 'CN', limit: 20 })).source).toBe('indexer');
    } finally {
      await anvil.stop();
    }
  });

  it('reads a page in two HTTP requests: the indexer page, and one JSON-RPC batch to the ledger', async () => {
    const { open, partiallySigned } = seeded;
    let ledgerRequests = 0;
    const batched = createPublicClient({ transport: http(rpcUrl, { batch: true, onFetchRequest: () => void ledgerRequests++ }) });
    answers = { '/inbox': page([open, partiallySigned]), '/status': await status() };
    const before = requested.length;
    const result = await lists().getInbox(batched, { address: address(), account: chinese, country: 'CN', limit: 20 });
    expect(result.source).toBe('indexer');
    expect(shown(result)).toEqual(shown(await inboxOf(chinese, 'CN', ledgerTransactionLists)));
    expect({ indexer: requested.slice(before), ledgerRequests }).toEqual({ indexer: [`/inbox?account=${chinese}&country=CN&limit=20`], ledgerRequests: 1 });
  });

  it('types the indexer failure with a message key', async () => {
    answers = {};
    const { getIndexedTransactions } = await import('./getIndexedTransactions');
    await expect(getIndexedTransactions(indexer, { list: 'inbox', account: brazilian })).rejects.toBeInstanceOf(IndexerUnavailableError);
    await expect(getIndexedTransactions(indexer, { list: 'inbox', account: brazilian })).rejects.toMatchObject({ messageKey: 'ledger.indexerUnavailable' });
  });

  it("shows governance events only as the ledger's logs have them", async () => {
    const ledger = await getTrustStoreHistory(publicClient, { address: seeded.contracts.trustStore, fromBlock: seeded.fromBlock });
    const added = ledger.find((e) => e.eventName === 'AnchorAdded')!;
    const event = (block: bigint, logIndex: number, name: string) => ({
      name,
      block: block.toString(),
      logIndex,
      transactionHash: `0x${'ab'.repeat(32)}`,
      proposalId: '1',
    });
    // A real AnchorAdded (named wrongly by the indexer) and an invented AnchorRetired where the ledger has none.
    answers = { '/governance': { status: 200, body: { items: [event(added.blockNumber, added.logIndex, 'AnchorRetired'), event(added.blockNumber, added.logIndex + 7, 'AnchorRetired')] } } };
    const page = await getGovernanceHistory(publicClient, { address: seeded.contracts.trustStore, indexer });
    expect(page.source).toBe('indexer');
    expect(page.events.map((e) => [e.eventName, e.transactionHash])).toEqual([['AnchorAdded', added.transactionHash]]);
    answers = {};
    const fallback = await getGovernanceHistory(publicClient, { address: seeded.contracts.trustStore, indexer, fromBlock: seeded.fromBlock });
    expect(fallback.source).toBe('ledger');
    expect(fallback.events.map((e) => e.transactionHash)).toEqual([...ledger].reverse().map((e) => e.transactionHash));
  });
});
