import type { Hex } from 'viem';

/**
 * A national-PKI signature over a registry's EIP-712 digest, as the registries verify it on-chain
 * (PkiVerifier): a CMS signer's signed attributes and the signature over them.
 */
export type PkiSignature = {
  /**
   * The signed attributes, DER as signed (a SET OF, tag 0x31): messageDigest = SHA-256 of the 32-byte
   * EIP-712 digest (SM3 for an SM2 key), signingCertificateV2 naming the signer's certificate.
   */
  readonly signedAttributes: Hex;
  /** The signature over the signed attributes: RSA PKCS#1 v1.5, ECDSA P-256 DER-encoded, or SM2-with-SM3 DER SEQUENCE { r, s }. */
  readonly signature: Hex;
};
