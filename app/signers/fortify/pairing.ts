export interface CertificateKeyPair {
  /** `x509-<handle>-<CKA_ID>` */
  readonly certificateIndex: string;
  /** `private-<handle>-<CKA_ID>`, or undefined when the token has no key for the certificate. */
  readonly privateKeyIndex: string | undefined;
}

/**
 * Pairs each X.509 certificate of a token with its private key. Fortify names PKCS#11 objects
 * `<type>-<handle>-<CKA_ID>`; a certificate and its key share the CKA_ID (third segment).
 * Certificate requests and public keys are left out.
 */
export function pairCertificatesWithKeys(
  certificateIndexes: readonly string[],
  keyIndexes: readonly string[],
): CertificateKeyPair[] {
  const keyByCkaId = new Map<string, string>();
  for (const index of keyIndexes) {
    const [type, , ckaId] = index.split('-');
    if (type === 'private' && ckaId && !keyByCkaId.has(ckaId)) keyByCkaId.set(ckaId, index);
  }
  return certificateIndexes
    .filter((index) => index.split('-')[0] === 'x509')
    .map((certificateIndex) => {
      const ckaId = certificateIndex.split('-')[2];
      return { certificateIndex, privateKeyIndex: ckaId ? keyByCkaId.get(ckaId) : undefined };
    });
}
