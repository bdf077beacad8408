/** Memoised certificate signature checks: each (issuer key, certificate) pair is verified once. */
import { verifySignature, type VerifySignatureReturnType } from './algorithms';
import type { Certificate } from './certificate';

const memo = new Map<string, Promise<VerifySignatureReturnType>>();
const LIMIT = 100_000;

export function signatureMemoKey(certificate: Certificate, issuer: Certificate): string {
  return `${issuer.fingerprintSha256}>${certificate.fingerprintSha256}`;
}

export function isSignatureChecked(certificate: Certificate, issuer: Certificate): boolean {
  return memo.has(signatureMemoKey(certificate, issuer));
}

export function checkCertificateSignature(certificate: Certificate, issuer: Certificate): Promise<VerifySignatureReturnType> {
  const key = signatureMemoKey(certificate, issuer);
  let result = memo.get(key);
  if (!result) {
    result = verifySignature({
      signatureAlgorithm: certificate.signatureAlgorithm,
      publicKey: issuer.subjectPublicKeyInfo,
      data: certificate.tbsDer,
      signature: certificate.signatureValue,
    });
    if (memo.size >= LIMIT) memo.delete(memo.keys().next().value as string);
    memo.set(key, result);
  }
  return result;
}

export function clearSignatureCache(): void {
  memo.clear();
}
