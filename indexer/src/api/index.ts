// The indexer's HTTP API: the lists the app pages through. Answers are JSON with integers as decimal
// strings; `next` is the cursor of the following page (absent on the last). Inputs are checked here:
// the API is public and read-only.
import { db, publicClients } from 'ponder:api';
import { anchor, identity, ledgerEvent, proposal, transaction, transactionParty } from 'ponder:schema';
import { Hono, type Context } from 'hono';
import { and, desc, eq, exists, gt, inArray, isNotNull, isNull, lt, ne, not, notExists, or, sql } from 'ponder';
import { zeroAddress, type Hex } from 'viem';

const app = new Hono();

const bad = (c: Context, message: string) => c.json({ error: message }, 400);
const address = (value: string | undefined) => (value && /^0x[0-9a-fA-F]{40}$/.test(value) ? (value.toLowerCase() as Hex) : undefined);
const bytes32 = (value: string | undefined) => (value && /^0x[0-9a-fA-F]{64}$/.test(value) ? (value.toLowerCase() as Hex) : undefined);
const countryCode = (value: string | undefined) => (value && /^[A-Z]{2}$/.test(value) ? value : undefined);
const integer = (value: string | undefined) => (value && /^[0-9]{1,78}$/.test(value) ? BigInt(value) : undefined);
const pageSize = (value: string | undefined) => Math.min(Math.max(Number(value ?? 20) || 20, 1), 100);
/** JSON with bigints as decimal strings. */
const json = (c: Context, body: unknown) =>
  c.body(JSON.stringify(body, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)), 200, { 'content-type': 'application/json' });

/** Transactions of a page with their parties, newest first, and the next page's cursor. */
async function transactionPage(where: ReturnType<typeof and>, limit: number) {
  const rows = await db.select().from(transaction).where(where).orderBy(desc(transaction.id)).limit(limit + 1);
  const page = rows.slice(0, limit);
  const parties = page.length
    ? await db.select().from(transactionParty).where(inArray(transactionParty.transactionId, page.map((row) => row.id)))
    : [];
  const items = page.map((row) => ({
    ...row,
    parties: parties
      .filter((p) => p.transactionId === row.id)
      .sort((a, b) => a.partyIndex - b.partyIndex)
      .map(({ country, account, signedBy }) => ({ country, account, signedBy })),
  }));
  return { items, ...(rows.length > limit ? { next: page.at(-1)!.id } : {}) };
}

/** The newest block indexed: the block number inside Ponder's checkpoint of the `ledger` chain (undefined while it starts). */
async function indexedBlockNumber(): Promise<bigint | undefined> {
  const result = (await db.execute(sql`SELECT latest_checkpoint FROM _ponder_checkpoint WHERE chain_name = 'ledger'`)) as unknown as {
    rows: { latest_checkpoint: string }[];
  };
  const checkpoint = result.rows[0]?.latest_checkpoint;
  // A checkpoint is decimal digits: the block's timestamp (10), the chain id (16), the block number (16), ...
  return checkpoint === undefined ? undefined : BigInt(checkpoint.slice(26, 42));
}

/**
 * A list page with the block it is of (number and hash), so the app needs no `/status` request and can
 * check the claim against the ledger. The page is read between two readings of the checkpoint; when
 * they differ (a block was indexed meanwhile) it is read again.
 */
async function pageAtIndexedBlock(c: Context, where: ReturnType<typeof and>) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const number = await indexedBlockNumber();
    const page = await transactionPage(where, pageSize(c.req.query('limit')));
    if (number === undefined || number !== (await indexedBlockNumber())) continue;
    const { hash } = await publicClients.ledger.getBlock({ blockNumber: number });
    return json(c, { ...page, block: { number, hash } });
  }
  return c.json({ error: 'The indexer is busy indexing; ask again.' }, 503);
}

/**
 * What waits for `account` (of `country`) to sign now, as the contract's `openTransactionsOf` decides
 * it: open, before the deadline, an unsigned party of `country` naming no wallet or `account`, and no
 * party signed by `account`. Without `country`: an unsigned party naming `account`. Newest first.
 */
function waitingFor(account: Hex, country: string | undefined) {
  const seat = country
    ? and(eq(transactionParty.country, country), or(eq(transactionParty.account, account), eq(transactionParty.account, zeroAddress)))
    : eq(transactionParty.account, account);
  const now = BigInt(Math.floor(Date.now() / 1000));
  const party = () => db.select({ one: sql`1` }).from(transactionParty);
  return and(
    eq(transaction.status, 'open'),
    gt(transaction.deadline, now),
    exists(party().where(and(eq(transactionParty.transactionId, transaction.id), isNull(transactionParty.signedBy), seat))),
    notExists(party().where(and(eq(transactionParty.transactionId, transaction.id), eq(transactionParty.signedBy, account)))),
  );
}

app.get('/inbox', async (c) => {
  const account = address(c.req.query('account'));
  const country = c.req.query('country') === undefined ? undefined : countryCode(c.req.query('country'));
  if (!account) return bad(c, 'account must be an address');
  if (c.req.query('country') !== undefined && !country) return bad(c, 'country must be an ISO 3166-1 alpha-2 code');
  const cursor = integer(c.req.query('cursor'));
  const where = and(waitingFor(account, country), cursor === undefined ? undefined : lt(transaction.id, cursor));
  return pageAtIndexedBlock(c, where);
});

/**
 * The list under the app's inbox: transactions with a party of `country` naming no wallet or `account`
 * (the ledger's `PartyRequired` topics), except what waits for `account` to sign (the inbox lists those),
 * newest first: what waits for the other parties, and what is finished.
 */
app.get('/transactions', async (c) => {
  const account = address(c.req.query('account'));
  const country = countryCode(c.req.query('country'));
  if (!account) return bad(c, 'account must be an address');
  if (!country) return bad(c, 'country must be an ISO 3166-1 alpha-2 code');
  const cursor = integer(c.req.query('cursor'));
  const party = exists(
    db
      .select({ one: sql`1` })
      .from(transactionParty)
      .where(
        and(
          eq(transactionParty.transactionId, transaction.id),
          eq(transactionParty.country, country),
          or(eq(transactionParty.account, account), eq(transactionParty.account, zeroAddress)),
        ),
      ),
  );
  const where = and(party, not(waitingFor(account, country) ?? sql`false`), cursor === undefined ? undefined : lt(transaction.id, cursor));
  return pageAtIndexedBlock(c, where);
});

/** Transactions `account` created, was named in or signed that are no longer open (or past their deadline), newest first. */
app.get('/history', async (c) => {
  const account = address(c.req.query('account'));
  if (!account) return bad(c, 'account must be an address');
  const cursor = integer(c.req.query('cursor'));
  const now = BigInt(Math.floor(Date.now() / 1000));
  const involved = or(
    eq(transaction.creator, account),
    exists(
      db
        .select({ one: sql`1` })
        .from(transactionParty)
        .where(and(eq(transactionParty.transactionId, transaction.id), or(eq(transactionParty.account, account), eq(transactionParty.signedBy, account)))),
    ),
  );
  const finished = or(ne(transaction.status, 'open'), lt(transaction.deadline, now));
  const where = and(involved, finished, cursor === undefined ? undefined : lt(transaction.id, cursor));
  return pageAtIndexedBlock(c, where);
});

/** Events of a list, newest first; the cursor is "block:logIndex" of the last one returned. */
async function eventPage(c: Context, where: ReturnType<typeof and>) {
  const limit = pageSize(c.req.query('limit'));
  const cursor = /^([0-9]{1,20}):([0-9]{1,9})$/.exec(c.req.query('cursor') ?? '');
  const before = cursor
    ? or(lt(ledgerEvent.block, BigInt(cursor[1]!)), and(eq(ledgerEvent.block, BigInt(cursor[1]!)), lt(ledgerEvent.logIndex, Number(cursor[2]))))
    : undefined;
  const rows = await db
    .select()
    .from(ledgerEvent)
    .where(and(where, before))
    .orderBy(desc(ledgerEvent.block), desc(ledgerEvent.logIndex))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page, ...(rows.length > limit && last ? { next: `${last.block}:${last.logIndex}` } : {}) };
}

/** The Trust Store's governance history (proposals, votes, anchors, members, revocations), optionally of one country. */
app.get('/governance', async (c) => {
  const country = c.req.query('country') === undefined ? undefined : countryCode(c.req.query('country'));
  if (c.req.query('country') !== undefined && !country) return bad(c, 'country must be an ISO 3166-1 alpha-2 code');
  return json(c, await eventPage(c, and(eq(ledgerEvent.contract, 'TrustStore'), country ? eq(ledgerEvent.country, country) : undefined)));
});

app.get('/proposals/:id', async (c) => {
  const id = integer(c.req.param('id'));
  if (id === undefined) return bad(c, 'id must be a decimal integer');
  const [row] = await db.select().from(proposal).where(eq(proposal.id, id));
  return json(c, { proposal: row ?? null, ...(await eventPage(c, eq(ledgerEvent.proposalId, id))) });
});

app.get('/anchors/:hash', async (c) => {
  const hash = bytes32(c.req.param('hash'));
  if (!hash) return bad(c, 'hash must be 32 bytes of hex');
  const [row] = await db.select().from(anchor).where(eq(anchor.hash, hash));
  const [bound] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(identity)
    .where(and(eq(identity.anchorHash, hash), isNull(identity.withdrawnBlock)));
  return json(c, { anchor: row ?? null, identities: bound?.count ?? 0, ...(await eventPage(c, eq(ledgerEvent.anchorHash, hash))) });
});

app.get('/accounts/:address', async (c) => {
  const account = address(c.req.param('address'));
  if (!account) return bad(c, 'address must be an address');
  const [row] = await db.select().from(identity).where(eq(identity.account, account));
  return json(c, { identity: row ?? null, ...(await eventPage(c, and(eq(ledgerEvent.account, account), isNotNull(ledgerEvent.account)))) });
});

export default app;
