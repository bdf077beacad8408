// The app's use of the indexer against a seeded ledger (the shared anvil, real identities and CMS-signed
// transactions) and a fake indexer that lies, fails or is gone: what the app shows is always the ledger's.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localLedger } from '../test/localLedger';
import { seedLedger, type SeededLedger } from '../test/seedLedger';
import { TransactionStatus } from '../transactions';
import { getTrustStoreHistory } from '../trustStore';
import { createIndexerClient, getGovernanceHistory, getTransactionList, IndexerUnavailableError, type IndexerClient } from './index';

const { publicClient, testClient, wallet } = localLedger();
// Accounts no other test file uses.
const wallets = { deployer: wallet(65), brazilAuthority: wallet(66), chinaAuthority: wallet(67), brazilian: wallet(68), chinese: wallet(69) };
const brazilian = wallets.brazilian.account.address;
const chinese = wallets.chinese.account.address;

let seeded: SeededLedger;
let server: Server;
let indexer: IndexerClient;
/** What the fake indexer answers next, per path. */
let answers: Record<string, { status: number; body: unknown }> = {};
const requested: string[] = [];

const page = (ids: readonly bigint[], next?: string) => ({ status: 200, body: { items: ids.map((id) => ({ id: id.toString(), status: 'completed' })), ...(next ? { next } : {}) } });

beforeAll(async () => {
  seeded = await seedLedger({ publicClient, testClient, wallets });
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requested.push(url.pathname + url.search);
    const answer = answers[url.pathname] ?? { status: 404, body: { error: 'not found' } };
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  indexer = createIndexerClient({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}, 120_000);

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const list = (params: { list: 'inbox' | 'history'; account: `0x${string}`; country: string; indexer?: IndexerClient; cursor?: string }) =>
  getTransactionList(publicClient, { address: seeded.contracts.transactionRegistry, ...params });

describe('the app with an untrusted indexer', () => {
  it('shows in the inbox only what the ledger says waits for this wallet, whatever the indexer claims', async () => {
    const { completed, cancelled, partiallySigned, open } = seeded;
    // The indexer lists a completed, a cancelled, an unknown id, one the Brazilian already signed, and
    // one that really waits for the Brazilian, each claimed "completed".
    answers = { '/inbox': page([999_999n, open, partiallySigned, cancelled, completed], '7') };
    const result = await list({ list: 'inbox', account: brazilian, country: 'BR', indexer, cursor: '12' });
    expect(result.source).toBe('indexer');
    expect(result.next).toBe('7');
    expect(result.items.map((t) => t.id)).toEqual([open]);
    expect(result.items[0]).toMatchObject({ status: TransactionStatus.Proposed, signingParty: 0, creator: brazilian });
    expect(requested.at(-1)).toBe(`/inbox?account=${brazilian}&country=BR&cursor=12`);
  });

  it('never shows as completed a transaction the ledger says is not', async () => {
    const { completed, partiallySigned } = seeded;
    // The indexer claims partiallySigned (created by the Brazilian, who signed party 0; the CN party is
    // still open) is completed, and puts it under the Brazilian's history.
    answers = { '/history': page([partiallySigned, completed]) };
    const history = await list({ list: 'history', account: brazilian, country: 'BR', indexer });
    expect(history.items.map((t) => [t.id, t.status])).toEqual([[completed, TransactionStatus.Completed]]);
    // The Brazilian signed party 0 of the completed one: the ledger's signatures say so.
    expect(history.items[0]?.partyIndexes).toEqual([0]);
    // A wallet that took no part in it gets nothing, whatever is listed.
    const stranger = wallets.deployer.account.address;
    expect((await list({ list: 'history', account: stranger, country: 'BR', indexer })).items).toEqual([]);
  });

  it('falls back to the ledger when the indexer fails or answers nonsense', async () => {
    const { open, partiallySigned } = seeded;
    for (const failure of [{ status: 503, body: 'Historical indexing is not complete.' }, { status: 200, body: { items: [{ id: 'DROP TABLE' }] } }]) {
      answers = { '/inbox': failure };
      const result = await list({ list: 'inbox', account: chinese, country: 'CN', indexer });
      expect(result.source).toBe('ledger');
      expect(result.items.map((t) => t.id)).toEqual([open, partiallySigned]);
    }
    const gone = createIndexerClient({ url: 'http://127.0.0.1:9', timeoutMs: 1_000 });
    const result = await list({ list: 'history', account: brazilian, country: 'BR', indexer: gone });
    expect(result.source).toBe('ledger');
    expect(result.items.map((t) => t.id)).toEqual([seeded.cancelled, seeded.completed]);
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
