import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/** Client-only preferences; ledger data never lives here (it is in the TanStack Query cache). */
export type PreferencesState = {
  /** A locale tag chosen by the user, or undefined to follow the browser. */
  readonly locale: string | undefined;
  setLocale(locale: string | undefined): void;
};

export const usePreferences = create<PreferencesState>()(
  persist((set) => ({ locale: undefined, setLocale: (locale) => set({ locale }) }), {
    name: 'pki-ledger.preferences',
    storage: createJSONStorage(() => localStorage),
  }),
);

export const selectLocale = (s: PreferencesState) => s.locale;
export const selectSetLocale = (s: PreferencesState) => s.setLocale;
