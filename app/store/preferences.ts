import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/** Client-only preferences; ledger data never lives here (it is in the TanStack Query cache). */
export type PreferencesState = {
  /** A locale tag chosen by the user, or undefined to follow the browser. */
  readonly locale: string | undefined;
  setLocale(locale: string | undefined): void;
  /** The chain id of the ledger the page works on, when network.json has several. */
  readonly ledgerChainId: number | undefined;
  setLedgerChainId(chainId: number): void;
};

export const usePreferences = create<PreferencesState>()(
  persist((set) => ({ locale: undefined, setLocale: (locale) => set({ locale }), ledgerChainId: undefined, setLedgerChainId: (ledgerChainId) => set({ ledgerChainId }) }), {
    name: 'pki-ledger.preferences',
    storage: createJSONStorage(() => localStorage),
  }),
);

export const selectLocale = (s: PreferencesState) => s.locale;
export const selectSetLocale = (s: PreferencesState) => s.setLocale;
export const selectLedgerChainId = (s: PreferencesState) => s.ledgerChainId;
export const selectSetLedgerChainId = (s: PreferencesState) => s.setLedgerChainId;
