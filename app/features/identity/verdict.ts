import { hexToBytes, type Hex } from 'viem';
import { buildAndValidatePath, parseCertificate, type BuildAndValidatePathReturnType, type Certificate, type RevocationChecker } from '@/pki';
import type { Anchor, CheckPathReturnType, Revocation } from '@/ledger';
import { bytes2ToCountry } from '@/ledger';

export type AssessIdentityParameters = {
  /** The holder's certificate and what its source holds of the path (DER). */
  readonly certificate: Uint8Array;
  readonly chain: readonly Uint8Array[];
  /** Every anchor of the Trust Store, whatever its status: the ledger says why one is not trusted. */
  readonly anchors: readonly Anchor[];
  /** The Trust Store's revocation record of a certificate (its identity) under an anchor (its identity). */
  readonly revocationOf: (certificateHash: Hex, anchorHash: Hex) => Promise<Revocation>;
  /** The Trust Store's checkPath at `time`. */
  readonly checkPath: (certificateHashes: readonly Hex[], atTime: bigint) => Promise<CheckPathReturnType>;
  readonly time?: Date;
};

export type IdentityVerdict =
  | {
      readonly trusted: true;
      readonly anchor: Anchor;
      readonly country: string;
      /** When the anchor first became active (the proposal's execution), Unix seconds. */
      readonly approvedAt: bigint | undefined;
    }
  | { readonly trusted: false; readonly reason: 'no-path' }
  | { readonly trusted: false; readonly reason: 'ledger'; readonly ledger: CheckPathReturnType; readonly anchor: Anchor | undefined };

export type AssessIdentityReturnType = {
  /** What the PKI engine built and validated (with the Trust Store as revocation source). */
  readonly path: BuildAndValidatePathReturnType;
  /** The identity (SHA-256 of the tbsCertificate) of each certificate of the built path, leaf first (what the contracts are given). */
  readonly certificateHashes: readonly Hex[];
  readonly verdict: IdentityVerdict;
};

const identityOf = (certificate: Certificate): Hex => `0x${certificate.identity}`;
const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The anchor (its identity) above `issuer` through `pool`, climbing by issuer name; undefined if none. */
export function anchorAbove(issuer: Certificate, pool: readonly Certificate[], anchors: readonly Anchor[]): Hex | undefined {
  const anchorIds = new Set(anchors.map((a) => a.hash.toLowerCase()));
  let current: Certificate | undefined = issuer;
  for (let depth = 0; current && depth < 16; depth++) {
    const id = identityOf(current);
    if (anchorIds.has(id)) return id;
    const name: Uint8Array = current.issuer.der;
    const child: Certificate = current;
    current = pool.find((c) => c !== child && sameBytes(c.subject.der, name));
  }
  return undefined;
}

/**
 * The Trust Store as the engine's revocation source: a record in force under the anchor the path ends in
 * (`anchorOf` the issuer), whose effective time has come, revokes. Records under other anchors do not count.
 */
export function trustStoreRevocationChecker(
  revocationOf: AssessIdentityParameters['revocationOf'],
  anchorOf: (issuer: Certificate) => Hex | undefined,
): RevocationChecker {
  return async ({ certificate, issuer, time }) => {
    const anchorHash = anchorOf(issuer);
    if (!anchorHash) return { status: 'unknown', source: 'trust-store', reason: 'no Trust Store anchor above this certificate' };
    const record = await revocationOf(identityOf(certificate), anchorHash);
    const recorded = record.version !== 0 && record.annulledAt === 0n;
    if (recorded && Number(record.effectiveAt) * 1000 <= time.getTime()) {
      return { status: 'revoked', source: 'trust-store', revocationDate: new Date(Number(record.effectiveAt) * 1000), reasonCode: record.reason };
    }
    return { status: 'good', source: 'trust-store' };
  };
}

/**
 * Certificate -> verdict: builds and validates the certification path to one of the Trust Store's
 * anchors (the source's certificates and all anchors as the pool), then asks the Trust Store whether
 * that anchor was trusted and nothing on the path revoked at `time`.
 */
export async function assessIdentity(parameters: AssessIdentityParameters): Promise<AssessIdentityReturnType> {
  const time = parameters.time ?? new Date();
  const anchorCertificates: Certificate[] = await Promise.all(parameters.anchors.map((a) => parseCertificate(hexToBytes(a.der))));
  const chain = await Promise.all(parameters.chain.map((der) => parseCertificate(der)));
  const path = await buildAndValidatePath({
    target: await parseCertificate(parameters.certificate),
    intermediates: [...chain, ...anchorCertificates],
    trustAnchors: anchorCertificates,
    time,
    revocation: {
      mode: 'prefer',
      check: trustStoreRevocationChecker(parameters.revocationOf, (issuer) => anchorAbove(issuer, [...chain, ...anchorCertificates], parameters.anchors)),
    },
  });
  const checkOnLedger = async (certificates: readonly Certificate[]) => {
    const certificateHashes = certificates.map(identityOf);
    const anchorHash = certificateHashes[certificateHashes.length - 1];
    const anchor = parameters.anchors.find((a) => a.hash.toLowerCase() === anchorHash?.toLowerCase());
    const ledger = await parameters.checkPath(certificateHashes, BigInt(Math.floor(time.getTime() / 1000)));
    return { certificateHashes, anchor, ledger };
  };
  if (!path.valid) {
    // A path refused only because the Trust Store revokes one of its certificates: the ledger says which.
    const best = path.attempts[0];
    if (best && best.failures.length > 0 && best.failures.every((f) => f.code === 'revoked')) {
      const { certificateHashes, anchor, ledger } = await checkOnLedger(best.path);
      if (!ledger.ok) return { path, certificateHashes, verdict: { trusted: false, reason: 'ledger', ledger, anchor } };
    }
    return { path, certificateHashes: [], verdict: { trusted: false, reason: 'no-path' } };
  }
  const { certificateHashes, anchor, ledger } = await checkOnLedger(path.path);
  if (!ledger.ok || !anchor) return { path, certificateHashes, verdict: { trusted: false, reason: 'ledger', ledger, anchor } };
  const approvedAt = anchor.history.find((h) => h.status === 1)?.at;
  return { path, certificateHashes, verdict: { trusted: true, anchor, country: bytes2ToCountry(anchor.country), approvedAt } };
}
