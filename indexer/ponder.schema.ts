// The lists the indexer keeps: per account and per country (transactions and their parties), per anchor
// (anchor events, identities under it) and per proposal (proposal events). Hex values are lower case.
// Nothing here is trusted by the app: it only tells the app which ids to read from the ledger.
import { index, onchainTable, primaryKey } from 'ponder';

/** One TransactionRegistry transaction. `status` is what the events said: open, completed or cancelled. */
export const transaction = onchainTable(
  'transaction',
  (t) => ({
    id: t.bigint().primaryKey(),
    creator: t.hex().notNull(),
    payloadHash: t.hex().notNull(),
    deadline: t.bigint().notNull(),
    status: t.text().notNull(),
    signatureCount: t.integer().notNull(),
    createdBlock: t.bigint().notNull(),
    createdAt: t.bigint().notNull(),
    updatedBlock: t.bigint().notNull(),
  }),
  (table) => ({ status: index().on(table.status, table.id), creator: index().on(table.creator) }),
);

/** A required party: `account` is the zero address when any identity of `country` may sign it. */
export const transactionParty = onchainTable(
  'transaction_party',
  (t) => ({
    transactionId: t.bigint().notNull(),
    partyIndex: t.integer().notNull(),
    country: t.text().notNull(),
    account: t.hex().notNull(),
    signedBy: t.hex(),
    certificateHash: t.hex(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.transactionId, table.partyIndex] }),
    country: index().on(table.country, table.account),
    account: index().on(table.account),
    signedBy: index().on(table.signedBy),
  }),
);

/** The identity a wallet bound last (withdrawn: `withdrawnBlock` is set). Per account and per anchor. */
export const identity = onchainTable(
  'identity',
  (t) => ({
    account: t.hex().primaryKey(),
    certificateHash: t.hex().notNull(),
    keyHash: t.hex().notNull(),
    anchorHash: t.hex().notNull(),
    country: t.text().notNull(),
    registeredBlock: t.bigint().notNull(),
    withdrawnBlock: t.bigint(),
  }),
  (table) => ({ anchor: index().on(table.anchorHash), country: index().on(table.country) }),
);

/** Trust Store anchors with their current status (active, suspended, retired). */
export const anchor = onchainTable(
  'anchor',
  (t) => ({
    hash: t.hex().primaryKey(),
    country: t.text().notNull(),
    spkiHash: t.hex().notNull(),
    notBefore: t.bigint().notNull(),
    notAfter: t.bigint().notNull(),
    proposalId: t.bigint().notNull(),
    status: t.text().notNull(),
    updatedBlock: t.bigint().notNull(),
  }),
  (table) => ({ country: index().on(table.country) }),
);

/** Trust Store proposals with their votes so far. */
export const proposal = onchainTable('proposal', (t) => ({
  id: t.bigint().primaryKey(),
  kind: t.integer().notNull(),
  proposer: t.hex().notNull(),
  expiresAt: t.bigint().notNull(),
  approvals: t.integer().notNull(),
  executed: t.boolean().notNull(),
  createdBlock: t.bigint().notNull(),
  createdAt: t.bigint().notNull(),
}));

/**
 * Every Trust Store and IdentityRegistry event, in chain order (`block`, `logIndex`), with the keys its
 * lists need: the governance history, an anchor's history, a proposal's votes, an account's identities.
 */
export const ledgerEvent = onchainTable(
  'ledger_event',
  (t) => ({
    id: t.text().primaryKey(),
    contract: t.text().notNull(),
    name: t.text().notNull(),
    block: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    timestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
    proposalId: t.bigint(),
    anchorHash: t.hex(),
    certificateHash: t.hex(),
    account: t.hex(),
    country: t.text(),
  }),
  (table) => ({
    order: index().on(table.contract, table.block, table.logIndex),
    proposal: index().on(table.proposalId),
    anchor: index().on(table.anchorHash),
    account: index().on(table.account),
  }),
);
