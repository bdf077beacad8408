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
  /** The Trust Store's revocation record of a certificate under an anchor (both by tbsCertificate hash). */
  readonly revocationOf: (anchorHash: Hex, certificateHash: Hex) => Promise<Revocation>;
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
  /** Each certificate's identity (SHA-256 of its tbsCertificate) along the built path, leaf first: what the contracts are given. */
  readonly certificateHashes: readonly Hex[];
  readonly verdict: IdentityVerdict;
};

/** A certificate's identity on the ledger: the engine's tbsCertificate hash as bytes32. */
export const ledgerIdentity = (certificate: Certificate): Hex => `0x${certificate.identity}`;

/**
 * The Trust Store as the engine's revocation source: a record under the path's own anchor, in force
 * (not annulled), whose effective time has come, revokes. Records under other anchors do not apply.
 */
export function trustStoreRevocationChecker(revocationOf: AssessIdentityParameters['revocationOf']): RevocationChecker {
  return async ({ certificate, anchor, time }) => {
    const record = await revocationOf(ledgerIdentity(anchor), ledgerIdentity(certificate));
    const recorded = record.by !== '0x0000000000000000000000000000000000000000' && record.annulledAt === 0n;
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
    revocation: { mode: 'prefer', check: trustStoreRevocationChecker(parameters.revocationOf) },
  });
  const checkOnLedger = async (certificates: readonly Certificate[]) => {
    const certificateHashes = certificates.map(ledgerIdentity);
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
