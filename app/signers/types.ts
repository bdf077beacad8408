/** Where a certificate and its private key come from. */
export type SignerKind = 'pkcs12' | 'fortify' | 'demo';

/** The signature a source produces over the CMS signed attributes (always with SHA-256 here). */
export type SignerAlgorithm =
  | { readonly name: 'RSASSA-PKCS1-v1_5'; readonly hash: 'SHA-256' }
  | { readonly name: 'ECDSA'; readonly namedCurve: 'P-256' | 'P-384' | 'P-521'; readonly hash: 'SHA-256' };

/**
 * One certificate with the private key that signs for it, whatever holds the key (a PKCS#12 file
 * opened in this page, a demo identity, a token behind Fortify). The key never leaves its source.
 */
export type CertificateSigner = {
  /** Stable for the same certificate from the same source: `<kind>:<sha-256 of the certificate>`. */
  readonly id: string;
  readonly kind: SignerKind;
  /** A name for people (the file name, the demo holder, the token). */
  readonly label: string;
  /** The holder's certificate (DER). */
  readonly certificate: Uint8Array;
  /** The other certificates the source holds for the path, leaf's issuer first (DER); often incomplete. */
  readonly chain: readonly Uint8Array[];
  readonly algorithm: SignerAlgorithm;
  /**
   * Signs the DER of the CMS signed attributes: RSA gives the PKCS#1 v1.5 signature, ECDSA a DER
   * ECDSA-Sig-Value (never raw r||s).
   */
  sign(signedAttributesDer: Uint8Array): Promise<Uint8Array>;
};
