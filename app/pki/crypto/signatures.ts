/**
 * Memoised certificate signature checks: each (issuer key, signed certificate, signature) is verified
 * once. The key is what the verdict depends on: the certificate's `identity` (its signed
 * tbsCertificate) and the issuer's SubjectPublicKeyInfo, compared byte for byte (so a re-issued or
 * cross-certified issuer with the same key shares the entry); the entry also holds the signature
 * algorithm and value it was computed for, since another encoding of the same identity may carry a
 * different signature (an ECDSA twin, or a forged one) and must be verified on its own. The issuer key
 * is compared rather than hashed: hashing every issuer's SubjectPublicKeyInfo only to look the memo up
 * was a visible share of validating a short path.
 */
import { prepareSignatureVerification, verifySignature, type VerifySignatureReturnType } from './algorithms';
import { bytesEqual } from '../bytes';
import type { Certificate } from '../x509/certificate';

type Entry = { readonly issuerKey: Uint8Array; readonly signatureAlgorithm: Uint8Array; readonly signatureValue: Uint8Array; readonly result: Promise<VerifySignatureReturnType> };

/** Entries per certificate identity (one per issuer key and signature), oldest identity first. */
const memo = new Map<string, Entry[]>();
let entries = 0;
const LIMIT = 100_000;
/** Most entries kept for one certificate (issuers tried with it): a crowd of look-alike issuers evicts its own oldest. */
const PER_CERTIFICATE = 64;
/**
 * The same entries by (issuer object, certificate object), looked up first: a path asks several times
 * per link (prefetch, building, validation), and the byte comparisons cost more than the answer.
 * Parsed certificates are memoised and never changed, so one object is always the same bytes; a
 * WeakMap lets them go with their certificates.
 */
let byObject = new WeakMap<Certificate, WeakMap<Certificate, Entry>>();

function remember(certificate: Certificate, issuer: Certificate, entry: Entry): void {
  let perIssuer = byObject.get(issuer);
  if (!perIssuer) byObject.set(issuer, (perIssuer = new WeakMap()));
  perIssuer.set(certificate, entry);
}

function memoised(certificate: Certificate, issuer: Certificate): Entry | undefined {
  const known = byObject.get(issuer)?.get(certificate);
  if (known) return known;
  const list = memo.get(certificate.identity);
  if (!list) return undefined;
  const issuerKey = issuer.subjectPublicKeyInfo.der;
  const entry = list.find((e) => bytesEqual(e.issuerKey, issuerKey) && bytesEqual(e.signatureValue, certificate.signatureValue) && bytesEqual(e.signatureAlgorithm, certificate.signatureAlgorithm.der));
  if (entry) remember(certificate, issuer, entry);
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
  const entry: Entry = { issuerKey: issuer.subjectPublicKeyInfo.der, signatureAlgorithm: certificate.signatureAlgorithm.der, signatureValue: certificate.signatureValue, result };
  // Re-inserting moves the identity to the end, so eviction drops the oldest.
  const list = memo.get(certificate.identity) ?? [];
  memo.delete(certificate.identity);
  while (entries >= LIMIT && memo.size > 0) {
    const [oldest, dropped] = memo.entries().next().value as [string, Entry[]];
    memo.delete(oldest);
    entries -= dropped.length;
  }
  if (list.length >= PER_CERTIFICATE) {
    list.shift();
    entries--;
  }
  list.push(entry);
  entries++;
  memo.set(certificate.identity, list);
  remember(certificate, issuer, entry);
  return result;
}

/** Import the issuer key the check of `certificate` will need, so the check starts at once (never rejects). */
export function prepareCertificateSignature(certificate: Certificate, issuer: Certificate): Promise<void> {
  return prepareSignatureVerification({ signatureAlgorithm: certificate.signatureAlgorithm, publicKey: issuer.subjectPublicKeyInfo });
}

export function clearSignatureCache(): void {
  memo.clear();
  entries = 0;
  byObject = new WeakMap();
}
