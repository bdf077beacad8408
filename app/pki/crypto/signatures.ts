/**
 * Memoised certificate signature checks: each (issuer key, signed certificate, signature) is verified
 * once. The key is what the verdict depends on: the issuer's key (`keyHash`, so a re-issued or
 * cross-certified issuer with the same key shares it) and the certificate's `identity` (its signed
 * tbsCertificate); the entry also holds the signature algorithm and value it was computed for, since
 * another encoding of the same identity may carry a different signature (an ECDSA twin, or a forged
 * one) and must be verified on its own.
 */
import { prepareSignatureVerification, verifySignature, type VerifySignatureReturnType } from './algorithms';
import { bytesEqual } from '../bytes';
import type { Certificate } from '../x509/certificate';

type Entry = { readonly signatureAlgorithm: Uint8Array; readonly signatureValue: Uint8Array; readonly result: Promise<VerifySignatureReturnType> };

const memo = new Map<string, Entry>();
const LIMIT = 100_000;
/**
 * The same entries by (issuer object, certificate object), looked up first: a path asks several times
 * per link (prefetch, building, validation), and the string key (two 64-digit hashes) and the byte
 * comparisons cost more than the answer. Parsed certificates are memoised and never changed, so one
 * object is always the same bytes; a WeakMap lets them go with their certificates.
 */
let byObject = new WeakMap<Certificate, WeakMap<Certificate, Entry>>();

export function signatureMemoKey(certificate: Certificate, issuer: Certificate): string {
  return `${issuer.keyHash}>${certificate.identity}`;
}

function remember(certificate: Certificate, issuer: Certificate, entry: Entry): void {
  let perIssuer = byObject.get(issuer);
  if (!perIssuer) byObject.set(issuer, (perIssuer = new WeakMap()));
  perIssuer.set(certificate, entry);
}

function memoised(certificate: Certificate, issuer: Certificate): Entry | undefined {
  const known = byObject.get(issuer)?.get(certificate);
  if (known) return known;
  const entry = memo.get(signatureMemoKey(certificate, issuer));
  if (!entry || !bytesEqual(entry.signatureValue, certificate.signatureValue) || !bytesEqual(entry.signatureAlgorithm, certificate.signatureAlgorithm.der)) return undefined;
  remember(certificate, issuer, entry);
  return entry;
}

export function isSignatureChecked(certificate: Certificate, issuer: Certificate): boolean {
  return memoised(certificate, issuer) !== undefined;
}

export function checkCertificateSignature(certificate: Certificate, issuer: Certificate): Promise<VerifySignatureReturnType> {
  const cached = memoised(certificate, issuer);
  if (cached) return cached.result;
  const result = verifySignature({
    signatureAlgorithm: certificate.signatureAlgorithm,
    publicKey: issuer.subjectPublicKeyInfo,
    data: certificate.tbsDer,
    signature: certificate.signatureValue,
  });
  const key = signatureMemoKey(certificate, issuer);
  // Re-inserting moves the key to the end, so eviction drops the oldest.
  memo.delete(key);
  if (memo.size >= LIMIT) memo.delete(memo.keys().next().value as string);
  const entry = { signatureAlgorithm: certificate.signatureAlgorithm.der, signatureValue: certificate.signatureValue, result };
  memo.set(key, entry);
  remember(certificate, issuer, entry);
  return result;
}

/** Import the issuer key the check of `certificate` will need, so the check starts at once (never rejects). */
export function prepareCertificateSignature(certificate: Certificate, issuer: Certificate): Promise<void> {
  return prepareSignatureVerification({ signatureAlgorithm: certificate.signatureAlgorithm, publicKey: issuer.subjectPublicKeyInfo });
}

export function clearSignatureCache(): void {
  memo.clear();
  byObject = new WeakMap();
}
