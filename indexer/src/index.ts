// Every event handler of the indexer, in one file so that a change of the contracts' events (e.g. new
// indexed topics) is adapted in one place. Handlers only record what the events say; the app re-reads
// from the ledger every item it shows or trusts.
import { ponder, type Context } from 'ponder:registry';
import { anchor, identity, ledgerEvent, proposal, transaction, transactionParty } from 'ponder:schema';
import { hexToString, type Hex } from 'viem';

const country = (value: Hex) => hexToString(value, { size: 2 });
const lower = (value: Hex) => value.toLowerCase() as Hex;

type Logged = { readonly id: string; readonly block: { readonly number: bigint; readonly timestamp: bigint }; readonly log: { readonly logIndex: number }; readonly transaction: { readonly hash: Hex } };
type Keys = { proposalId?: bigint; anchorHash?: Hex; certificateHash?: Hex; account?: Hex; country?: string };

/** The chain-ordered list behind the governance, anchor, proposal and account histories. */
function eventRow(contract: string, name: string, event: Logged, keys: Keys) {
  return {
    id: event.id,
    contract,
    name,
    block: event.block.number,
    logIndex: event.log.logIndex,
    timestamp: event.block.timestamp,
    transactionHash: event.transaction.hash,
    proposalId: keys.proposalId ?? null,
    anchorHash: keys.anchorHash ? lower(keys.anchorHash) : null,
    certificateHash: keys.certificateHash ? lower(keys.certificateHash) : null,
    account: keys.account ? lower(keys.account) : null,
    country: keys.country ?? null,
  };
}

// ---------------------------------------------------------------- TransactionRegistry

ponder.on('TransactionRegistry:TransactionCreated', async ({ event, context }) => {
  const { id, creator, payloadHash, parties, deadline } = event.args;
  await context.db.insert(transaction).values({
    id,
    creator: lower(creator),
    payloadHash: lower(payloadHash),
    deadline,
    status: 'open',
    signatureCount: 0,
    createdBlock: event.block.number,
    createdAt: event.block.timestamp,
    updatedBlock: event.block.number,
  });
  await context.db.insert(transactionParty).values(
    parties.map((party, partyIndex) => ({ transactionId: id, partyIndex, country: country(party.country), account: lower(party.account) })),
  );
});

ponder.on('TransactionRegistry:TransactionSigned', async ({ event, context }) => {
  const { id, partyIndex, account, certificateHash } = event.args;
  await context.db
    .update(transactionParty, { transactionId: id, partyIndex: Number(partyIndex) })
    .set({ signedBy: lower(account), certificateHash: lower(certificateHash) });
  await context.db.update(transaction, { id }).set((row) => ({ signatureCount: row.signatureCount + 1, updatedBlock: event.block.number }));
});

ponder.on('TransactionRegistry:TransactionCompleted', async ({ event, context }) => {
  await context.db.update(transaction, { id: event.args.id }).set({ status: 'completed', updatedBlock: event.block.number });
});

ponder.on('TransactionRegistry:TransactionCancelled', async ({ event, context }) => {
  await context.db.update(transaction, { id: event.args.id }).set({ status: 'cancelled', updatedBlock: event.block.number });
});

// ---------------------------------------------------------------- IdentityRegistry

ponder.on('IdentityRegistry:IdentityRegistered', async ({ event, context }) => {
  const { account, certificateHash, keyHash, anchorHash } = event.args;
  const row = {
    certificateHash: lower(certificateHash),
    keyHash: lower(keyHash),
    anchorHash: lower(anchorHash),
    country: country(event.args.country),
    registeredBlock: event.block.number,
    withdrawnBlock: null,
  };
  await context.db.insert(identity).values({ account: lower(account), ...row }).onConflictDoUpdate(row);
  await context.db
    .insert(ledgerEvent)
    .values(eventRow('IdentityRegistry', 'IdentityRegistered', event, { account, certificateHash, anchorHash, country: row.country }));
});

ponder.on('IdentityRegistry:IdentityWithdrawn', async ({ event, context }) => {
  const { account, certificateHash } = event.args;
  const bound = await context.db.find(identity, { account: lower(account) });
  if (bound && bound.certificateHash === lower(certificateHash)) {
    await context.db.update(identity, { account: lower(account) }).set({ withdrawnBlock: event.block.number });
  }
  await context.db
    .insert(ledgerEvent)
    .values(eventRow('IdentityRegistry', 'IdentityWithdrawn', event, { account, certificateHash, anchorHash: bound?.anchorHash, country: bound?.country }));
});

// ---------------------------------------------------------------- TrustStore

ponder.on('TrustStore:ProposalCreated', async ({ event, context }) => {
  const { id, kind, proposer, expiresAt } = event.args;
  await context.db.insert(proposal).values({
    id,
    kind,
    proposer: lower(proposer),
    expiresAt,
    approvals: 0,
    executed: false,
    createdBlock: event.block.number,
    createdAt: event.block.timestamp,
  });
  await context.db.insert(ledgerEvent).values(eventRow('TrustStore', 'ProposalCreated', event, { proposalId: id, account: proposer }));
});

ponder.on('TrustStore:ProposalApproved', async ({ event, context }) => {
  const { id, member, approvals } = event.args;
  await context.db.update(proposal, { id }).set({ approvals });
  await context.db.insert(ledgerEvent).values(eventRow('TrustStore', 'ProposalApproved', event, { proposalId: id, account: member }));
});

ponder.on('TrustStore:ProposalExecuted', async ({ event, context }) => {
  const { id, executor } = event.args;
  await context.db.update(proposal, { id }).set({ executed: true });
  await context.db.insert(ledgerEvent).values(eventRow('TrustStore', 'ProposalExecuted', event, { proposalId: id, account: executor }));
});

ponder.on('TrustStore:AnchorAdded', async ({ event, context }) => {
  const { anchorHash, spkiHash, notBefore, notAfter, proposalId } = event.args;
  const c = country(event.args.country);
  await context.db.insert(anchor).values({
    hash: lower(anchorHash),
    country: c,
    spkiHash: lower(spkiHash),
    notBefore,
    notAfter,
    proposalId,
    status: 'active',
    updatedBlock: event.block.number,
  });
  await context.db.insert(ledgerEvent).values(eventRow('TrustStore', 'AnchorAdded', event, { anchorHash, proposalId, country: c }));
});

type AnchorEvent = Logged & { readonly args: { readonly anchorHash: Hex; readonly country: Hex; readonly proposalId?: bigint; readonly by?: Hex } };

async function anchorStatusChanged(db: Context['db'], event: AnchorEvent, name: string, status: string) {
  const { anchorHash, proposalId, by } = event.args;
  await db.update(anchor, { hash: lower(anchorHash) }).set({ status, updatedBlock: event.block.number });
  await db.insert(ledgerEvent).values(eventRow('TrustStore', name, event, { anchorHash, proposalId, account: by, country: country(event.args.country) }));
}

ponder.on('TrustStore:AnchorSuspended', ({ event, context }) => anchorStatusChanged(context.db, event, 'AnchorSuspended', 'suspended'));
ponder.on('TrustStore:AnchorReinstated', ({ event, context }) => anchorStatusChanged(context.db, event, 'AnchorReinstated', 'active'));
ponder.on('TrustStore:AnchorRetired', ({ event, context }) => anchorStatusChanged(context.db, event, 'AnchorRetired', 'retired'));

ponder.on('TrustStore:CertificateRevoked', async ({ event, context }) => {
  const { certificateHash, anchorHash, by, proposalId } = event.args;
  await context.db
    .insert(ledgerEvent)
    .values(eventRow('TrustStore', 'CertificateRevoked', event, { certificateHash, anchorHash, account: by, proposalId: proposalId === 0n ? undefined : proposalId }));
});

ponder.on('TrustStore:RevocationAnnulled', async ({ event, context }) => {
  const { certificateHash, anchorHash, proposalId } = event.args;
  await context.db.insert(ledgerEvent).values(eventRow('TrustStore', 'RevocationAnnulled', event, { certificateHash, anchorHash, proposalId }));
});

ponder.on('TrustStore:MemberAdded', async ({ event, context }) => {
  const { account, proposalId } = event.args;
  await context.db.insert(ledgerEvent).values(eventRow('TrustStore', 'MemberAdded', event, { account, proposalId, country: country(event.args.country) }));
});

ponder.on('TrustStore:MemberRemoved', async ({ event, context }) => {
  const { account, proposalId } = event.args;
  await context.db.insert(ledgerEvent).values(eventRow('TrustStore', 'MemberRemoved', event, { account, proposalId, country: country(event.args.country) }));
});

ponder.on('TrustStore:ThresholdChanged', async ({ event, context }) => {
  await context.db.insert(ledgerEvent).values(eventRow('TrustStore', 'ThresholdChanged', event, { proposalId: event.args.proposalId }));
});
