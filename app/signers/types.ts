/** Where a certificate and its private key come from. */
export type SignerKind = 'pkcs12' | 'fortify' | 'demo';

/** The signature a source produces over the CMS signed attributes (SHA-256; SM3 for SM2, GB/T 35275). */
export type SignerAlgorithm =
  | { readonly name: 'RSASSA-PKCS1-v1_5'; readonly hash: 'SHA-256' }
  | { readonly name: 'ECDSA'; readonly namedCurve: 'P-256' | 'P-384' | 'P-521'; readonly hash: 'SHA-256' }
  /** SM2-with-SM3 with ZA (GB/T 32918.2); a software key, since WebCrypto and Fortify have no SM2. */
  | { readonly name: 'SM2'; readonly namedCurve: 'SM2'; readonly hash: 'SM3' };

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
  /** 'software': the key is in this page's memory (PKCS#12, demo); 'token': it never leaves a smart card or token. */
  readonly keyStorage: 'software' | 'token';
  /**
   * Signs the DER of the CMS signed attributes: RSA gives the PKCS#1 v1.5 signature, ECDSA a DER
   * ECDSA-Sig-Value (never raw r||s), SM2 a DER SEQUENCE { r, s } over SM3(ZA || attributes).
   */
  sign(signedAttributesDer: Uint8Array): Promise<Uint8Array>;
  /** The person forgot the certificate: an SM2 software key is zeroed, and signing refuses from then on. */
  forget(): void;
};
