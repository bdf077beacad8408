import { create } from 'zustand';
import type { CertificateSigner } from '@/signers';
import type { FortifyConnection } from '@/signers/fortify';

/**
 * The certificate + key chosen for this page session. In memory only, on purpose: a PKCS#12 key
 * is a non-extractable CryptoKey and its password is never kept, so a reload asks again.
 */
export type IdentitySessionState = {
  readonly signer: CertificateSigner | undefined;
  setSigner(signer: CertificateSigner | undefined): void;
  /**
   * The Fortify connection a token signer signs through: it lives as long as the page, not as long as
   * the Identity page, so the Transactions page can still sign with the token.
   */
  readonly fortifyConnection: FortifyConnection | undefined;
  /** A token was removed since the connection was made (shown until the next connection). */
  readonly tokenRemoved: boolean;
  setFortifyConnection(connection: FortifyConnection | undefined): void;
};

export const useIdentitySession = create<IdentitySessionState>()((set, get) => ({
  signer: undefined,
  setSigner: (signer) => {
    // Forgetting (or replacing) a certificate wipes what its signer holds (an SM2 software key is zeroed).
    const previous = get().signer;
    if (previous && previous !== signer) previous.forget();
    set({ signer });
  },
  fortifyConnection: undefined,
  tokenRemoved: false,
  setFortifyConnection: (connection) => {
    const previous = get().fortifyConnection;
    if (previous && previous !== connection) previous.close();
    set({ fortifyConnection: connection, tokenRemoved: false });
    connection?.onTokensChanged((change) => {
      if (change.removed.length === 0 || get().fortifyConnection !== connection) return;
      // The chosen token's key can no longer sign: drop a Fortify signer at once.
      const signer = get().signer;
      set({ tokenRemoved: true, signer: signer?.kind === 'fortify' ? undefined : signer });
    });
  },
}));

export const selectSigner = (s: IdentitySessionState) => s.signer;
export const selectSetSigner = (s: IdentitySessionState) => s.setSigner;
