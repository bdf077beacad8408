import { create } from 'zustand';
import type { CertificateSigner } from '@/signers';

/**
 * The certificate + key chosen for this page session. In memory only, on purpose: a PKCS#12 key
 * is a non-extractable CryptoKey and its password is never kept, so a reload asks again.
 */
export type IdentitySessionState = {
  readonly signer: CertificateSigner | undefined;
  setSigner(signer: CertificateSigner | undefined): void;
};

export const useIdentitySession = create<IdentitySessionState>()((set) => ({
  signer: undefined,
  setSigner: (signer) => set({ signer }),
}));

export const selectSigner = (s: IdentitySessionState) => s.signer;
export const selectSetSigner = (s: IdentitySessionState) => s.setSigner;

/** Marks the moment a person chose a certificate; the verdict marks its end (performance 'verdict'). */
export function markVerdictStart(): void {
  performance.clearMarks('verdict-start');
  performance.clearMarks('verdict-end');
  performance.mark('verdict-start');
}

export function markVerdictEnd(): void {
  if (performance.getEntriesByName('verdict-start', 'mark').length === 0 || performance.getEntriesByName('verdict-end', 'mark').length > 0) return;
  performance.mark('verdict-end');
  performance.measure('verdict', 'verdict-start', 'verdict-end');
}
