import type { Address, Client } from 'viem';
import { findSigningParty, getPartySignature, getTransaction, getTransactionStatus, TransactionStatus } from '../transactions';
import type { PartyTransaction, TransactionRegistryParameters } from '../transactions';

/** A transaction of a list, as the ledger has it now (nothing of it comes from the indexer). */
export type CheckedTransaction = PartyTransaction & {
  /** The party this wallet would sign now, by the contract's rules; undefined: nothing to sign. */
  readonly signingParty: number | undefined;
};

export type CheckIndexedTransactionsParameters = TransactionRegistryParameters & {
  readonly list: 'inbox' | 'history';
  readonly account: Address;
  /** The ids the indexer listed. */
  readonly ids: readonly bigint[];
};

const open = new Set<TransactionStatus>([TransactionStatus.Proposed, TransactionStatus.PartiallySigned]);

/**
 * Reads each listed transaction from the ledger and keeps it only if the ledger agrees it belongs to the
 * list: in the inbox, open with a party this wallet can sign now; in history, finished and created by,
 * naming or signed by this wallet. So a wrong or stale indexer can hide a transaction, or list one that
 * is then dropped, but what is shown (status, parties, what to sign) is always the ledger's.
 */
export async function checkIndexedTransactions(client: Client, params: CheckIndexedTransactionsParameters): Promise<readonly CheckedTransaction[]> {
  const { address, account } = params;
  const mine = account.toLowerCase();
  const checked = await Promise.all(
    params.ids.map(async (id): Promise<CheckedTransaction | undefined> => {
      // An id the ledger does not know is dropped (statusOf would revert on it).
      const transaction = await getTransaction(client, { address, id });
      if (!transaction) return undefined;
      const status = await getTransactionStatus(client, { address, id });
      const base = { id, creator: transaction.creator, parties: transaction.parties, deadline: transaction.deadline, status };
      if (params.list === 'inbox') {
        if (!open.has(status)) return undefined;
        const signingParty = await findSigningParty(client, { address, id, account });
        return signingParty === undefined ? undefined : { ...base, partyIndexes: [signingParty], signingParty };
      }
      if (open.has(status)) return undefined;
      const named = transaction.parties.flatMap((party, index) => (party.account.toLowerCase() === mine ? [index] : []));
      const signatures = await Promise.all(transaction.parties.map((_, index) => getPartySignature(client, { address, id, partyIndex: index })));
      const signed = signatures.flatMap((s, index) => (s?.account.toLowerCase() === mine ? [index] : []));
      const partyIndexes = [...new Set([...named, ...signed])].sort((a, b) => a - b);
      if (transaction.creator.toLowerCase() !== mine && partyIndexes.length === 0) return undefined;
      return { ...base, partyIndexes, signingParty: undefined };
    }),
  );
  return checked.filter((item): item is CheckedTransaction => item !== undefined);
}
