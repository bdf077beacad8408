/**
 * Certification path building (RFC 4158): depth-first from the target toward the trust anchors,
 * candidate issuers ordered by their likelihood of success, backtracking on any failure, with loop
 * detection and work bounds. Every complete path is validated (validate.ts); the first valid one wins,
 * otherwise the failures of the paths tried are returned.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { bytesEqual } from '../bytes';
import type { Certificate } from '../x509/certificate';
import { formatName } from '../x509/name';
import { validationTime } from '../errors';
import { checkCertificateSignature, isSignatureChecked, prepareCertificateSignature } from '../crypto/signatures';
import { validatePath } from './validate';
import { prefetchCrlSignatures } from './revocation-check';
import { failure, type PathFailure, type ValidatePathParameters, type ValidatePathReturnType } from './validation-types';

export type PathBuildingLimits = {
  /** Most certificates in a path, anchor included. */
  readonly maxDepth: number;
  /** Most signatures verified while building (memoised checks are free). */
  readonly maxSignatureChecks: number;
  /** Most candidate extensions considered. */
  readonly maxSteps: number;
  /** Most complete paths validated. */
  readonly maxPathsValidated: number;
  /** Wall-clock bound in milliseconds. */
  readonly maxTimeMs: number;
};

export const defaultPathBuildingLimits: PathBuildingLimits = {
  maxDepth: 12,
  maxSignatureChecks: 100,
  maxSteps: 2_000,
  maxPathsValidated: 50,
  maxTimeMs: 5_000,
};

/**
 * A pool of certificates indexed by subject name, for repeated building (built once, O(1) lookups).
 * Certificates are one entry per `identity` (SHA-256 of the signed tbsCertificate): two encodings
 * of one signed certificate (e.g. an ECDSA (r, n - s) twin) are the same certificate.
 */
export type CertificatePool = {
  readonly bySubject: ReadonlyMap<string, readonly Certificate[]>;
  readonly identities: ReadonlySet<string>;
  readonly size: number;
};

export function createCertificatePool(certificates: Iterable<Certificate>): CertificatePool {
  const bySubject = new Map<string, Certificate[]>();
  const identities = new Set<string>();
  for (const c of certificates) {
    if (identities.has(c.identity)) continue;
    identities.add(c.identity);
    const list = bySubject.get(c.subject.key);
    if (list) list.push(c);
    else bySubject.set(c.subject.key, [c]);
  }
  return { bySubject, identities, size: identities.size };
}

export type BuildPathParameters = Omit<ValidatePathParameters, 'path'> & {
  readonly target: Certificate;
  /** Untrusted certificates that may serve as intermediates (or a prepared pool). */
  readonly intermediates?: readonly Certificate[] | CertificatePool;
  readonly trustAnchors: readonly Certificate[] | CertificatePool;
  readonly limits?: Partial<PathBuildingLimits>;
};

/** The work one build did, against `PathBuildingLimits` (what tests bound, rather than time). */
export type PathBuildingWork = {
  /** Signature verifications started (memoised ones are free and not counted). */
  readonly signatureChecks: number;
  /** Candidate issuers considered. */
  readonly steps: number;
  /** Complete paths validated. */
  readonly pathsValidated: number;
};

export type BuildPathReturnType =
  | { readonly valid: true; readonly path: readonly Certificate[]; readonly validation: ValidatePathReturnType; readonly attempts: readonly ValidatePathReturnType[]; readonly work: PathBuildingWork }
  | {
      readonly valid: false;
      /** 'path-failed': a path to an anchor was built and validated, and failed (its failures say why); 'no-path': none was built. */
      readonly reason: 'no-path' | 'path-failed' | 'too-complex';
      readonly failures: readonly PathFailure[];
      /** Every complete path validated and the reasons it failed, most promising first. */
      readonly attempts: readonly ValidatePathReturnType[];
      readonly work: PathBuildingWork;
    };

/** How many equally likely candidates have their signature checks started together (they overlap on the crypto thread pool). */
const PARALLEL_CHECKS = 4;

// Whether a certificate's subject key identifier is derived from its own key, per certificate.
const keyIdentifierFromOwnKey = new WeakMap<Certificate, boolean>();

/**
 * Whether the subject key identifier is one of the derivations of RFC 5280 4.2.1.2 (SHA-1 of the
 * subjectPublicKey, whole or its method-2 form) or RFC 7093 (leftmost 160 bits of SHA-256/384/512 of
 * the subjectPublicKey, or of the whole SubjectPublicKeyInfo). A certificate that copies another's
 * identifier onto its own key fails this, so it is tried after the one whose identifier is its own.
 */
function hasOwnKeyIdentifier(c: Certificate): boolean {
  let known = keyIdentifierFromOwnKey.get(c);
  if (known === undefined) {
    const ski = c.subjectKeyIdentifier;
    known = false;
    if (ski) {
      const key = c.subjectPublicKeyInfo.publicKey;
      const spki = c.subjectPublicKeyInfo.der;
      const method1 = sha1(key);
      const method2 = Uint8Array.of(0x40 | ((method1[12] as number) & 0x0f), ...method1.subarray(13));
      // Computed lazily, most common first: the first match ends the search.
      const derivations = [() => method1, () => method2, ...[sha256, sha384, sha512, sha1].flatMap((hash) => [() => hash(key).subarray(0, 20), () => hash(spki).subarray(0, 20)])];
      known = derivations.some((derive) => bytesEqual(derive(), ski));
    }
    keyIdentifierFromOwnKey.set(c, known);
  }
  return known;
}

class TooComplex extends Error {}

function isPool(value: readonly Certificate[] | CertificatePool | undefined): value is CertificatePool {
  return !!value && !Array.isArray(value) && 'bySubject' in value;
}

export async function buildPath(parameters: BuildPathParameters): Promise<BuildPathReturnType> {
  const limits = { ...defaultPathBuildingLimits, ...parameters.limits };
  const anchors = isPool(parameters.trustAnchors) ? parameters.trustAnchors : createCertificatePool(parameters.trustAnchors);
  const pool = isPool(parameters.intermediates) ? parameters.intermediates : createCertificatePool(parameters.intermediates ?? []);
  const time = validationTime(parameters.time);
  const started = Date.now();
  const budget = { signatures: 0, steps: 0, validated: 0 };
  const work = (): PathBuildingWork => ({ signatureChecks: budget.signatures, steps: budget.steps, pathsValidated: budget.validated });
  const attempts: ValidatePathReturnType[] = [];
  const deadEnds: PathFailure[] = [];
  let depthCut = false;
  const { target } = parameters;
  const validationParameters = { ...parameters, time };

  const validate = async (path: Certificate[]): Promise<ValidatePathReturnType> => {
    if (budget.validated + 1 > limits.maxPathsValidated) throw new TooComplex('too many candidate paths');
    budget.validated++;
    const result = await validatePath({ ...validationParameters, path });
    attempts.push(result);
    return result;
  };

  const candidatesFor = (c: Certificate): { certificate: Certificate; anchor: boolean; score: number }[] => {
    const out: { certificate: Certificate; anchor: boolean; score: number }[] = [];
    const seen = new Set<string>();
    const keyId = c.authorityKeyIdentifier?.keyIdentifier;
    const consider = (candidate: Certificate, anchor: boolean) => {
      if (seen.has(candidate.identity)) return;
      seen.add(candidate.identity);
      // Cheap checks only (no signature): each weighs more than all the lighter ones together.
      let score = anchor ? 32 : 0;
      const keyIdMatches = keyId && candidate.subjectKeyIdentifier ? bytesEqual(keyId, candidate.subjectKeyIdentifier) : undefined;
      if (keyIdMatches !== undefined) score += keyIdMatches ? 16 : -16;
      if (time >= candidate.notBefore && time <= candidate.notAfter) score += 8;
      if (candidate.basicConstraints?.ca) score += 4;
      if (!candidate.keyUsage || candidate.keyUsage.has('keyCertSign')) score += 2;
      out.push({ certificate: candidate, anchor, score });
    };
    for (const a of anchors.bySubject.get(c.issuer.key) ?? []) consider(a, true);
    for (const p of pool.bySubject.get(c.issuer.key) ?? []) consider(p, anchors.identities.has(p.identity));
    // Several candidates whose identifier matches: the one its own key explains goes ahead of those
    // that copy it onto another key (hashing only when there is a choice to make).
    if (keyId && out.filter((c) => c.certificate.subjectKeyIdentifier && bytesEqual(keyId, c.certificate.subjectKeyIdentifier)).length > 1)
      for (const c of out) if (c.certificate.subjectKeyIdentifier && bytesEqual(keyId, c.certificate.subjectKeyIdentifier) && hasOwnKeyIdentifier(c.certificate)) c.score += 1;
    // Most likely first; among equals the most recently issued (key rollover leaves older ones behind).
    return out.sort((x, y) => y.score - x.score || y.certificate.notBefore.getTime() - x.certificate.notBefore.getTime());
  };

  const extend = async (chain: Certificate[]): Promise<ValidatePathReturnType | undefined> => {
    const current = chain[chain.length - 1] as Certificate;
    const candidates = candidatesFor(current);
    // Start the checks of a few equally likely candidates together (within the budget) so they
    // overlap; the others (e.g. a key identifier mismatch, or a crowd of look-alikes) are checked
    // one by one on backtracking, so a crowd cannot spend the budget before the likely one is tried.
    const topScore = candidates[0]?.score;
    for (const { certificate, score } of candidates.slice(0, PARALLEL_CHECKS)) {
      if (score !== topScore) break;
      if (isSignatureChecked(current, certificate) || chain.some((c) => c.identity === certificate.identity)) continue;
      if (budget.signatures + 1 > limits.maxSignatureChecks) break;
      budget.signatures++;
      void checkCertificateSignature(current, certificate);
    }
    for (const { certificate: candidate, anchor } of candidates) {
      if (budget.steps + 1 > limits.maxSteps) throw new TooComplex('too many candidate issuers');
      budget.steps++;
      if (Date.now() - started > limits.maxTimeMs) throw new TooComplex('path building took too long');
      // Loops: the same certificate, or the same name and key, twice in one path (keys compared only under the same name).
      const key = candidate.subjectPublicKeyInfo.der;
      if (chain.some((c) => c.identity === candidate.identity || (c.subject.key === candidate.subject.key && bytesEqual(c.subjectPublicKeyInfo.der, key)))) {
        deadEnds.push(failure('loop', 'the candidate issuer is already in the path', chain.length));
        continue;
      }
      if (chain.length + 1 > limits.maxDepth) {
        depthCut = true;
        continue;
      }
      if (!isSignatureChecked(current, candidate)) {
        if (budget.signatures + 1 > limits.maxSignatureChecks) throw new TooComplex('too many signatures to check');
        budget.signatures++;
      }
      const signature = await checkCertificateSignature(current, candidate);
      if (signature.status === 'invalid') {
        const sameName = current.issuer.key === candidate.subject.key ? ' (same name, different key)' : '';
        deadEnds.push(failure('badSignature', `the signature of "${formatName(current.subject)}" does not verify with the key of the candidate issuer "${formatName(candidate.subject)}"${sameName}: ${signature.reason}`, chain.length - 1));
        continue;
      }
      const next = [...chain, candidate];
      if (anchor) {
        const result = await validate(next);
        if (result.valid) return result;
        continue;
      }
      const found = await extend(next);
      if (found) return found;
    }
    return undefined;
  };

  /**
   * Start the signature checks along the most likely path at once, so their WebCrypto round trips
   * overlap instead of queueing one per level; the depth-first search then finds them memoised.
   * Each check is started as soon as its issuer key is imported, before the next key's import, so the
   * crypto thread verifies one link while this thread imports the next key (with every import first,
   * the checks queued behind them all and this thread then slept once per check).
   */
  const prefetch = async () => {
    const chain = [target];
    while (chain.length < limits.maxDepth) {
      const current = chain[chain.length - 1] as Certificate;
      const best = candidatesFor(current).find(({ certificate }) => !chain.some((c) => c.identity === certificate.identity));
      if (!best) return;
      if (!isSignatureChecked(current, best.certificate)) {
        if (budget.signatures + 1 > limits.maxSignatureChecks) return;
        budget.signatures++;
        await prepareCertificateSignature(current, best.certificate);
        void checkCertificateSignature(current, best.certificate);
      }
      // The CRLs this issuer signed, checked beside its certificate signature rather than after the path is built.
      prefetchCrlSignatures(current, best.certificate, parameters.revocation, time);
      if (best.anchor) return;
      chain.push(best.certificate);
    }
  };

  try {
    await prefetch();
    // The target is itself an anchor (in whatever outer encoding: an anchor's signature is not checked).
    if (anchors.identities.has(target.identity)) {
      const direct = await validate([target]);
      if (direct.valid) return { valid: true, path: direct.path, validation: direct, attempts, work: work() };
    }
    const found = await extend([target]);
    if (found) return { valid: true, path: found.path, validation: found, attempts, work: work() };
  } catch (error) {
    if (!(error instanceof TooComplex)) throw error;
    return { valid: false, reason: 'too-complex', failures: [failure('tooComplex', `path building stopped: ${error.message}`)], attempts, work: work() };
  }
  if (depthCut && attempts.length === 0)
    return { valid: false, reason: 'too-complex', failures: [failure('tooComplex', `no path found within ${limits.maxDepth} certificates; longer paths are not built`)], attempts, work: work() };
  const failures = attempts.length > 0 ? bestAttempt(attempts).failures : deadEnds.length > 0 ? [failure('noPath', 'no path to a trust anchor was found'), ...deadEnds.slice(0, 10)] : [failure('untrustedRoot', 'no issuer of the certificate is known or trusted', 0)];
  return { valid: false, reason: attempts.length > 0 ? 'path-failed' : 'no-path', failures, attempts: [...attempts].sort((a, b) => a.failures.length - b.failures.length), work: work() };
}

function bestAttempt(attempts: readonly ValidatePathReturnType[]): ValidatePathReturnType {
  return attempts.reduce((best, a) => (a.failures.length < best.failures.length ? a : best));
}
