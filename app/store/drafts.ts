import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/** A document attached to a transaction: only its name, size and SHA-256 leave the file. */
export type DraftDocument = {
  readonly name: string;
  readonly size: number;
  /** 0x-prefixed lower-case hex SHA-256 of the file's bytes, computed in the browser. */
  readonly sha256: `0x${string}`;
};

/**
 * The transaction being composed, as typed (strings), so a reload keeps exactly what the person
 * entered; it is parsed and checked only when they review it.
 */
export type TransactionDraft = {
  /** ISO 3166-1 alpha-2 code of the counterparty's country (BR, CN). */
  readonly counterpartyCountry: string;
  /** Decimal amount as typed, e.g. "1250.50". */
  readonly amount: string;
  /** ISO 4217 code, e.g. BRL, CNY, USD. */
  readonly currency: string;
  readonly reference: string;
  readonly memo: string;
  readonly document: DraftDocument | undefined;
  /** yyyy-mm-dd, the last day the counterparty may sign. */
  readonly deadline: string;
};

export const emptyDraft: TransactionDraft = {
  counterpartyCountry: '',
  amount: '',
  currency: '',
  reference: '',
  memo: '',
  document: undefined,
  deadline: '',
};

export type DraftsState = {
  readonly transaction: TransactionDraft;
  updateTransaction(changes: Partial<TransactionDraft>): void;
  clearTransaction(): void;
};

export const useDrafts = create<DraftsState>()(
  persist(
    (set) => ({
      transaction: emptyDraft,
      updateTransaction: (changes) => set((s) => ({ transaction: { ...s.transaction, ...changes } })),
      clearTransaction: () => set({ transaction: emptyDraft }),
    }),
    { name: 'pki-ledger.drafts', version: 1, storage: createJSONStorage(() => localStorage), partialize: (s) => ({ transaction: s.transaction }) },
  ),
);

export const selectTransactionDraft = (s: DraftsState) => s.transaction;
export const selectUpdateTransactionDraft = (s: DraftsState) => s.updateTransaction;
export const selectClearTransactionDraft = (s: DraftsState) => s.clearTransaction;
