import { hexToBytes, type Hex } from 'viem';
import { buildAndValidatePath, crlFetchUrls, ocspUrls, parseCertificate, type BuildAndValidatePathReturnType, type Certificate, type RevocationChecker } from '@/pki';
import { relayedCrlFetch, relayedOcspFetch } from './relay-client';
import type { Anchor, CheckPathReturnType, CheckRoutedPathReturnType, Revocation } from '@/ledger';
import { bytes2ToCountry, PathStatus } from '@/ledger';
import { routeVerdict, type RouteSnapshot } from './routes';

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
  /**
   * The revocation relay's origin (`network.relayUrl`): the CA's CRLs and OCSP responses are fetched
   * through it. Without it they are fetched directly, which a browser allows only when the CA sends CORS
   * headers; either way a status that cannot be found is "status unknown", never "trusted".
   */
  readonly relayUrl?: string;
  /**
   * Trust routes (issue 15): anchors learned from peer ledgers whose certificate was published on this
   * ledger, PeerTrust.checkRoutedPath, and the route of one such anchor now. Asked only when the Trust
   * Store does not know the path's anchor, as the registries do (the local store's decision wins).
   */
  readonly routes?: {
    readonly anchors: readonly { readonly hash: Hex; readonly der: Hex }[];
    readonly checkRoutedPath: (certificateHashes: readonly Hex[], atTime: bigint) => Promise<CheckRoutedPathReturnType>;
    readonly routeOf: (anchorHash: Hex) => Promise<RouteSnapshot>;
  };
  /** The fetch under the CA's CRL and OCSP requests (default globalThis.fetch). */
  readonly fetch?: typeof globalThis.fetch;
};

/** A certificate of the path whose CA was asked and gave no status, and why (English, for the title/logs). */
export type UnknownRevocation = { readonly certificate: Certificate; readonly reason: string };

export type IdentityVerdict =
  | {
      readonly trusted: true;
      readonly anchor: Anchor;
      readonly country: string;
      /** When the anchor first became active (the proposal's execution), Unix seconds. */
      readonly approvedAt: bigint | undefined;
      readonly route?: undefined;
    }
  /** The anchor is not governed on this ledger but trusted by a live route from a peer ledger. */
  | { readonly trusted: true; readonly anchor?: undefined; readonly anchorHash: Hex; readonly country: string; readonly route: RouteSnapshot }
  /**
   * The anchor is known here only by route, and the route does not count now (withdrawn, stale, no live
   * agreement, overridden), or the peer's authority revoked certificate `revokedIndex` of the path.
   */
  | { readonly trusted: false; readonly reason: 'route'; readonly anchorHash: Hex; readonly route: RouteSnapshot; readonly revokedIndex: number | undefined }
  /** No path to an anchor was built. */
  | { readonly trusted: false; readonly reason: 'no-path' }
  /** A path to an anchor was built and failed: `path.attempts[0].failures` say why. */
  | { readonly trusted: false; readonly reason: 'path-failed' }
  /**
   * The path is valid and the Trust Store trusts it, but the CA of one of its certificates names a CRL or
   * OCSP service that gave no status. `relayUnreachable` is the relay's origin when the relay itself did not answer.
   */
  | {
      readonly trusted: false;
      readonly reason: 'revocation-unknown';
      /** Undefined for an anchor trusted by route (not one of the Trust Store's). */
      readonly anchor: Anchor | undefined;
      readonly unknown: readonly UnknownRevocation[];
      readonly relayUnreachable: string | undefined;
    }
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
 * With `caAsked`, no record is "unknown" for a certificate that names a CRL or OCSP service, so that
 * the CA's own answer decides (the engine takes any "good" over "unknown"): no Trust Store record does
 * not mean the CA has not revoked it.
 */
/** The `source` of the Trust Store's revocation answers. */
export const TRUST_STORE_SOURCE = 'trust-store';

export function trustStoreRevocationChecker(revocationOf: AssessIdentityParameters['revocationOf'], options: { caAsked?: boolean } = {}): RevocationChecker {
  return async ({ certificate, anchor, time }) => {
    const record = await revocationOf(ledgerIdentity(anchor), ledgerIdentity(certificate));
    const recorded = record.by !== '0x0000000000000000000000000000000000000000' && record.annulledAt === 0n;
    if (recorded && Number(record.effectiveAt) * 1000 <= time.getTime()) {
      return { status: 'revoked', source: TRUST_STORE_SOURCE, revocationDate: new Date(Number(record.effectiveAt) * 1000), reasonCode: record.reason };
    }
    if (options.caAsked && namesCaRevocationService(certificate)) return { status: 'unknown', source: TRUST_STORE_SOURCE, reason: 'no Trust Store record' };
    return { status: 'good', source: TRUST_STORE_SOURCE };
  };
}

/** Whether the certificate's CA says where its revocation status is (CRL distribution point or OCSP responder). */
const namesCaRevocationService = (certificate: Certificate) => crlFetchUrls(certificate).length > 0 || ocspUrls(certificate).length > 0;

/**
 * The fetches for the CA's CRLs and OCSP, through the relay when there is one, and whether the relay
 * itself failed to answer (a thrown fetch: refused connection, DNS, reset), as opposed to answering that
 * the CA did not (an HTTP error status from the relay).
 */
function caFetches(relayUrl: string | undefined, fetchFn: typeof globalThis.fetch) {
  let relayUnreachable = false;
  const watched: typeof globalThis.fetch = async (input, init) => {
    try {
      return await fetchFn(input, init);
    } catch (error) {
      if (!init?.signal?.aborted) relayUnreachable = true;
      throw error;
    }
  };
  return {
    crl: relayUrl ? relayedCrlFetch(relayUrl, watched) : fetchFn,
    ocsp: relayUrl ? relayedOcspFetch(relayUrl, watched) : fetchFn,
    relayUnreachable: () => (relayUrl && relayUnreachable ? relayUrl : undefined),
  };
}

/**
 * Certificate -> verdict: builds and validates the certification path to one of the Trust Store's
 * anchors (the source's certificates and all anchors as the pool), then asks the Trust Store whether
 * that anchor was trusted and nothing on the path revoked at `time`.
 *
 * Revocation has two sources, both honoured: the Trust Store's records and the CA's own CRLs
 * (distribution points) and OCSP responder (authority information access), fetched through the relay.
 * Either one's "revoked" fails the path. The engine runs in mode 'prefer' so that the path and its
 * reports stay visible, and the verdict then refuses "trusted" when a CA that names a service gave no
 * status ('revocation-unknown'). A certificate that names no service has only the Trust Store to ask.
 */
export async function assessIdentity(parameters: AssessIdentityParameters): Promise<AssessIdentityReturnType> {
  const time = parameters.time ?? new Date();
  const fetches = caFetches(parameters.relayUrl, parameters.fetch ?? ((input, init) => globalThis.fetch(input, init)));
  const routedDer = (parameters.routes?.anchors ?? []).filter((r) => !parameters.anchors.some((a) => a.hash.toLowerCase() === r.hash.toLowerCase()));
  const anchorCertificates: Certificate[] = await Promise.all([...parameters.anchors.map((a) => a.der), ...routedDer.map((r) => r.der)].map((der) => parseCertificate(hexToBytes(der))));
  const chain = await Promise.all(parameters.chain.map((der) => parseCertificate(der)));
  const path = await buildAndValidatePath({
    target: await parseCertificate(parameters.certificate),
    intermediates: [...chain, ...anchorCertificates],
    trustAnchors: anchorCertificates,
    time,
    revocation: {
      mode: 'prefer',
      fetchCrls: { fetch: fetches.crl },
      ocsp: { fetch: fetches.ocsp },
      order: 'crl-first',
      check: trustStoreRevocationChecker(parameters.revocationOf, { caAsked: true }),
    },
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
    return { path, certificateHashes: [], verdict: { trusted: false, reason: path.reason === 'path-failed' ? 'path-failed' : 'no-path' } };
  }
  const { certificateHashes, anchor, ledger } = await checkOnLedger(path.path);
  const routed = await checkRoute(parameters, certificateHashes, ledger, time);
  if (routed && !routed.trusted) return { path, certificateHashes, verdict: routed };
  if (!routed && (!ledger.ok || !anchor)) return { path, certificateHashes, verdict: { trusted: false, reason: 'ledger', ledger, anchor } };
  const unknown = path.validation.certificates.flatMap((report) =>
    report.revocation?.status === 'unknown' ? [{ certificate: report.certificate, reason: report.revocation.reason }] : [],
  );
  if (unknown.length > 0)
    return { path, certificateHashes, verdict: { trusted: false, reason: 'revocation-unknown', anchor, unknown, relayUnreachable: fetches.relayUnreachable() } };
  if (routed) return { path, certificateHashes, verdict: routed };
  if (!anchor) throw new Error('unreachable: a trusted path has its anchor');
  const approvedAt = anchor.history.find((h) => h.status === 1)?.at;
  return { path, certificateHashes, verdict: { trusted: true, anchor, country: bytes2ToCountry(anchor.country), approvedAt } };
}

/**
 * The registries' rule for an anchor the Trust Store does not know (IdentityRegistry/TransactionRegistry
 * `_checkRoute`): it counts only through a live route (PeerTrust.checkRoutedPath), and then a certificate
 * the peer's authority revoked under it is refused. Undefined when the path is the Trust Store's to decide.
 */
async function checkRoute(
  parameters: AssessIdentityParameters,
  certificateHashes: readonly Hex[],
  ledger: CheckPathReturnType,
  time: Date,
): Promise<RoutedVerdict | undefined> {
  const routes = parameters.routes;
  const anchorHash = certificateHashes[certificateHashes.length - 1];
  if (!routes || !anchorHash || ledger.status !== PathStatus.UnknownAnchor) return undefined;
  if (!routes.anchors.some((r) => r.hash.toLowerCase() === anchorHash.toLowerCase())) return undefined;
  return assessRoute(routes, certificateHashes, time);
}

/** A verdict decided by a trust route. */
export type RoutedVerdict = Extract<IdentityVerdict, { route: RouteSnapshot }>;

/**
 * The route part of a verdict, for a path whose anchor the Trust Store does not know: trusted only while
 * the route is live at the ledger's latest block and the peer's authority revoked nothing on the path.
 * The page asks it again at each new block (a route goes stale with time alone, without any event).
 */
export async function assessRoute(
  routes: NonNullable<AssessIdentityParameters['routes']>,
  certificateHashes: readonly Hex[],
  time: Date,
): Promise<RoutedVerdict> {
  const anchorHash = certificateHashes[certificateHashes.length - 1]!;
  const [checked, route] = await Promise.all([routes.checkRoutedPath(certificateHashes, BigInt(Math.floor(time.getTime() / 1000))), routes.routeOf(anchorHash)]);
  // The route's status is worded from the snapshot (one block, its time); the revocation from checkRoutedPath.
  const live = routeVerdict(route, route.now).status === 'trusted';
  if (live && !checked.revoked) return { trusted: true, anchorHash, country: route.country, route };
  return { trusted: false, reason: 'route', anchorHash, route, revokedIndex: live && checked.revoked ? checked.index : undefined };
}
