// Over 300 lines: RFC 5280 section 6.3 is one algorithm (scopes, partitions, deltas, signer path, OCSP order).
/**
 * The revocation check of one path certificate: RFC 5280 section 6.3 CRL processing in full
 * (distribution points and issuingDistributionPoint scopes, reason partitions until every reason is
 * covered, delta CRLs, indirect CRLs, the CRL signer's own path) and OCSP (RFC 6960), in the order the
 * options ask, plus a caller-provided check (e.g. the Trust Store).
 */
import { type AlgorithmPolicy, checkSignature } from '../crypto/algorithm-policy';
import { bytesEqual, toHex } from '../bytes';
import type { Certificate } from '../x509/certificate';
import { formatName } from '../x509/name';
import { Oid } from '../oids';
import { parseDer } from '../der/asn1';
import { PkiError } from '../errors';
import { verifySignature, type VerifySignatureReturnType } from '../crypto/algorithms';
import { buildPath } from './path-builder';
import { crlFetchUrls, type CrlFetchOptions, fetchCrl } from './crl-fetch';
import { ocspStatus, ocspUrls } from './ocsp';
import type { ConformanceOptions, FailureCode } from './validation-types';
import { ALL_REASONS, type Crl, CRL_REASONS, type DistributionPoint, findRevokedEntry, integerValue, parseDistributionPoints, type RevocationOptions, type RevocationStatus, type RevokedEntry } from './revocation';

/** What the check writes into the certificate's report (validate.ts's Report). */
export type RevocationReport = {
  check(name: 'revocation'): void;
  fail(name: 'revocation', code: FailureCode, message: string): void;
  revocation: RevocationStatus | undefined;
  revocationAnswers: readonly RevocationStatus[];
};

export type CheckRevocationContext = {
  readonly certificate: Certificate;
  readonly issuer: Certificate;
  readonly anchor: Certificate;
  /** The path being validated, anchor first: its certificates serve CRL signers' paths. */
  readonly path: readonly Certificate[];
  readonly time: Date;
  readonly options: RevocationOptions;
  readonly policy: AlgorithmPolicy;
  readonly conformance?: Partial<ConformanceOptions>;
};

const HANDLED_CRL_EXTENSIONS = new Set<string>([Oid.crlNumber, Oid.authorityKeyIdentifier, Oid.issuingDistributionPoint, Oid.deltaCrlIndicator, Oid.freshestCrl]);
const HANDLED_ENTRY_EXTENSIONS = new Set<string>([Oid.crlReason, Oid.invalidityDate, Oid.certificateIssuer]);
const REMOVE_FROM_CRL = 8;

/** One sentence naming the certificate, the reason and the date of its revocation. */
export function revokedMessage(certificate: Certificate, status: Extract<RevocationStatus, { status: 'revoked' }>): string {
  const reason = CRL_REASONS[status.reasonCode ?? 0] ?? `reason ${status.reasonCode}`;
  const since = status.revocationDate ? ` since ${status.revocationDate.toISOString()}` : '';
  const invalid = status.invalidityDate ? `, the key possibly compromised since ${status.invalidityDate.toISOString()}` : '';
  return `the certificate "${formatName(certificate.subject)}" (serial ${certificate.serialNumberHex}) is revoked: ${reason}${since}${invalid} (${status.source})`;
}

export type RevocationDescription = {
  readonly messageKey: 'pki.path.revoked' | 'pki.path.revocationUnknown';
  /** certificate: its subject DN; date: ISO 8601; reason in English, reasonKey its catalogue key ('crlReason.N') for the UI to translate. */
  readonly values: { readonly certificate: string; readonly serial: string; readonly date: string; readonly reason: string; readonly reasonKey: string };
};

/** A status as a message key and the values that name the certificate, the reason and the date, for the UI. */
export function describeRevocation(certificate: Certificate, status: RevocationStatus): RevocationDescription | undefined {
  if (status.status === 'good') return undefined;
  const revoked = status.status === 'revoked';
  return {
    messageKey: revoked ? 'pki.path.revoked' : 'pki.path.revocationUnknown',
    values: {
      certificate: formatName(certificate.subject),
      serial: certificate.serialNumberHex,
      date: revoked && status.revocationDate ? status.revocationDate.toISOString() : '',
      reason: revoked ? (CRL_REASONS[status.reasonCode ?? 0] ?? `reason ${status.reasonCode}`) : status.reason,
      reasonKey: revoked ? `crlReason.${status.reasonCode ?? 0}` : '',
    },
  };
}

/** RFC 5280 5.2.3: a complete CRL's number, undefined when absent or unreadable. */
function crlNumber(crl: Crl): bigint | undefined {
  if (!crl.crlNumber) return undefined;
  try {
    return integerValue(parseDer(crl.extensions.find((e) => e.oid === Oid.crlNumber)?.value ?? new Uint8Array()));
  } catch {
    return undefined;
  }
}

/** Problems of a CRL itself at `time`, before its signer is looked for. */
function crlProblem(crl: Crl, time: Date): string | undefined {
  if (!bytesEqual(crl.signatureAlgorithm.der, crl.tbsSignatureAlgorithm.der)) return 'the CRL signature algorithms differ';
  const number = crl.extensions.find((e) => e.oid === Oid.crlNumber);
  if (!number || crlNumber(crl) === undefined) return 'the CRL has no CRL number';
  if (number.critical) return 'the CRL number extension is marked critical';
  const unknown = crl.extensions.find((e) => e.critical && !HANDLED_CRL_EXTENSIONS.has(e.oid));
  if (unknown) return `the CRL has an unsupported critical extension ${unknown.oid}`;
  if (crl.thisUpdate.getTime() > time.getTime()) return 'the CRL is not yet valid';
  if (crl.nextUpdate && crl.nextUpdate.getTime() < time.getTime()) return 'the CRL is out of date';
  return undefined;
}

/** Entries of indirect CRLs by issuer and serial, built once per CRL. */
const entryIndexes = new WeakMap<Crl, Map<string, RevokedEntry>>();

/** The certificate's entry; a CRL whose entries do not parse throws a CrlParseError. */
function findEntry(crl: Crl, certificate: Certificate): RevokedEntry | undefined {
  const direct = findRevokedEntry(crl, certificate.serialNumber);
  if (direct !== 'indirect') return direct && crl.issuer.key === certificate.issuer.key ? direct : undefined;
  let index = entryIndexes.get(crl);
  if (!index) {
    index = new Map();
    for (const entry of crl.revoked) index.set(`${entry.certificateIssuerKey}\n${toHex(entry.serialNumber)}`, entry);
    entryIndexes.set(crl, index);
  }
  return index.get(`${certificate.issuer.key}\n${certificate.serialNumberHex}`);
}

/** The certificate's distribution points, or the one RFC 5280 6.3.3 assumes when it names none. */
function distributionPoints(certificate: Certificate): DistributionPoint[] {
  const extension = certificate.extensions.find((e) => e.oid === Oid.crlDistributionPoints);
  const implicit: DistributionPoint = { name: undefined, reasons: undefined, crlIssuers: undefined, uris: [] };
  if (!extension) return [implicit];
  try {
    return parseDistributionPoints(extension.value, certificate.issuer);
  } catch {
    return [implicit];
  }
}

/** 6.3.3 (b) and (d): whether `crl` serves the distribution point for `certificate`, and for which reasons. */
function crlScope(crl: Crl, point: DistributionPoint, certificate: Certificate): number | string {
  const idp = crl.issuingDistributionPoint;
  if (point.crlIssuers) {
    if (!point.crlIssuers.includes(crl.issuer.key)) return 'the CRL issuer is not the distribution point’s cRLIssuer';
    if (!idp?.indirectCRL) return 'the distribution point names a CRL issuer and the CRL is not an indirect CRL';
  } else if (crl.issuer.key !== certificate.issuer.key) return 'the CRL was not issued by the certificate issuer';
  if (idp) {
    if (idp.name) {
      const names = point.name ?? point.crlIssuers?.map((k) => `dn:${k}`) ?? [];
      if (!idp.name.some((n) => names.includes(n))) return 'the CRL’s distribution point is not one the certificate names';
    }
    const isCa = certificate.basicConstraints?.ca === true;
    if (idp.onlyContainsUserCerts && isCa) return 'the CRL covers only end-entity certificates';
    if (idp.onlyContainsCACerts && !isCa) return 'the CRL covers only CA certificates';
    if (idp.onlyContainsAttributeCerts) return 'the CRL covers only attribute certificates';
  }
  return (idp?.onlySomeReasons ?? ALL_REASONS) & (point.reasons ?? ALL_REASONS);
}

/** CRL signature verdicts per CRL and signer key: a check prefetchRevocation started is awaited, not repeated. */
const crlSignatures = new WeakMap<Crl, Map<string, Promise<VerifySignatureReturnType>>>();

function verifyCrlSignature(crl: Crl, signer: Certificate): Promise<VerifySignatureReturnType> {
  let perKey = crlSignatures.get(crl);
  if (!perKey) crlSignatures.set(crl, (perKey = new Map()));
  let verdict = perKey.get(signer.keyHash);
  if (!verdict) perKey.set(signer.keyHash, (verdict = verifySignature({ signatureAlgorithm: crl.signatureAlgorithm, publicKey: signer.subjectPublicKeyInfo, data: crl.tbsDer, signature: crl.signatureValue })));
  return verdict;
}

type SignerCache = Map<string, Promise<string | undefined>>;
const signerChecks = new WeakMap<Crl, SignerCache>();

/**
 * 6.3.3 (f): a certificate with the CRL issuer's name whose key verifies the CRL, that may sign CRLs
 * (cRLSign), on a valid path to the same trust anchor. The path's own issuer is tried first (the usual
 * case costs one signature check); other keys of that name (a separate CRL-signing key, a rolled-over
 * key's old-with-new certificate, an indirect CRL issuer) get their path built like any other.
 */
function crlSignerProblem(crl: Crl, context: CheckRevocationContext): Promise<string | undefined> {
  let cache = signerChecks.get(crl);
  if (!cache) signerChecks.set(crl, (cache = new Map()));
  const key = `${context.anchor.identity}|${context.time.getTime()}|${context.options.signerDepth ?? 0}`;
  let check = cache.get(key);
  if (!check) cache.set(key, (check = findCrlSigner(crl, context)));
  return check;
}

async function findCrlSigner(crl: Crl, context: CheckRevocationContext): Promise<string | undefined> {
  const { issuer, anchor, time, policy, options } = context;
  const seen = new Set<string>();
  const candidates = [issuer, anchor, ...context.path, ...(options.certificates ?? [])].filter((c) => {
    if (c.subject.key !== crl.issuer.key || seen.has(c.identity)) return false;
    seen.add(c.identity);
    return true;
  });
  if (candidates.length === 0) return 'no certificate of the CRL issuer is known (give it in the revocation options’ certificates)';
  let problem: string | undefined;
  for (const candidate of candidates) {
    const signature = await checkSignature(policy, crl.signatureAlgorithm, time, () => verifyCrlSignature(crl, candidate));
    if (signature) {
      problem ??= `the CRL signature does not verify: ${signature.message}`;
      continue;
    }
    if (candidate.keyUsage && !candidate.keyUsage.has('cRLSign')) {
      problem = 'the CRL issuer lacks the cRLSign key usage';
      continue;
    }
    // Certificates above this one in the path are validated by the path itself; so is a self-issued
    // certificate that signed the CRL covering it (an old-with-new certificate whose path is being built).
    const position = context.path.findIndex((c) => c.identity === candidate.identity);
    const own = context.path.findIndex((c) => c.identity === context.certificate.identity);
    if (candidate.identity === anchor.identity || (position !== -1 && position < own) || (candidate.identity === context.certificate.identity && candidate.selfIssued)) return undefined;
    if ((options.signerDepth ?? 0) >= 1) {
      problem = 'the CRL signer’s own path would need another CRL signer path';
      continue;
    }
    const built = await buildPath({
      target: candidate,
      intermediates: [...(options.certificates ?? []), ...context.path],
      trustAnchors: [anchor],
      time,
      algorithmPolicy: policy,
      conformance: context.conformance,
      // The signer's certificate is checked for revocation too, with what the path had; one level deep.
      revocation: { ...options, mode: 'prefer', signerDepth: (options.signerDepth ?? 0) + 1 },
    });
    if (built.valid) return undefined;
    problem = `the CRL signer "${formatName(candidate.subject)}" has no valid path to the trust anchor: ${built.failures.map((f) => f.message).join('; ')}`;
  }
  return problem;
}

async function crlUsable(crl: Crl, context: CheckRevocationContext): Promise<string | undefined> {
  return crlProblem(crl, context.time) ?? (await crlSignerProblem(crl, context));
}

/** 6.3.3 (c): the newest usable delta of `complete` among `crls`. */
async function findDelta(complete: Crl, crls: readonly Crl[], context: CheckRevocationContext): Promise<Crl | string> {
  const number = crlNumber(complete) as bigint;
  const idp = complete.issuingDistributionPoint?.der;
  const deltas = crls
    .filter((d) => d.deltaBase !== undefined && d.issuer.key === complete.issuer.key && d.deltaBase <= number && (crlNumber(d) ?? 0n) > number)
    .filter((d) => (idp && d.issuingDistributionPoint ? bytesEqual(idp, d.issuingDistributionPoint.der) : !idp && !d.issuingDistributionPoint))
    .sort((a, b) => Number((crlNumber(b) ?? 0n) - (crlNumber(a) ?? 0n)));
  let problem = 'the CRL announces a delta CRL and none was found';
  for (const delta of deltas) {
    const unusable = await crlUsable(delta, context);
    if (!unusable) return delta;
    problem = `the delta CRL cannot be used: ${unusable}`;
  }
  return problem;
}

type CrlVerdict = { readonly status: RevocationStatus; readonly invalid?: string };

// Named by issuer and number: a fingerprint would hash a multi-megabyte CRL for a label.
const crlSource = (crl: Crl) => `crl:${formatName(crl.issuer)}#${crlNumber(crl) ?? '?'}${crl.deltaBase !== undefined ? ' (delta)' : ''}`;

/** RFC 5280 6.3.3 over the CRLs at hand: revoked, good once every reason is covered, else unknown. */
async function statusFromCrls(crls: readonly Crl[], context: CheckRevocationContext, sourceOf: (crl: Crl) => string): Promise<CrlVerdict> {
  const { certificate } = context;
  const completes = crls.filter((c) => c.deltaBase === undefined);
  const certificateAnnouncesDelta = certificate.extensions.some((e) => e.oid === Oid.freshestCrl);
  let reasons = 0;
  let invalid: string | undefined;
  const problems: string[] = [];
  const sources: string[] = [];
  for (const point of distributionPoints(certificate)) {
    for (const crl of completes) {
      if (reasons === ALL_REASONS) break;
      const scope = crlScope(crl, point, certificate);
      if (typeof scope === 'string') {
        problems.push(scope);
        continue;
      }
      if ((scope & ~reasons) === 0) continue;
      const unusable = await crlUsable(crl, context);
      if (unusable) {
        invalid ??= unusable;
        problems.push(unusable);
        continue;
      }
      let delta: Crl | undefined;
      if (crl.freshest || certificateAnnouncesDelta) {
        const found = await findDelta(crl, crls, context);
        if (typeof found === 'string') {
          // Without its delta the base still proves a revocation (only a hold can be released), never a "good".
          let listed: RevokedEntry | undefined;
          try {
            listed = findEntry(crl, certificate);
          } catch {
            listed = undefined;
          }
          if (!listed || listed.reasonCode === REMOVE_FROM_CRL) {
            problems.push(found);
            continue;
          }
        } else delta = found;
      }
      // 6.3.3 (i)-(k): the delta first; removeFromCRL there releases what the base lists.
      let inDelta: RevokedEntry | undefined;
      let entry: RevokedEntry | undefined;
      try {
        inDelta = delta && findEntry(delta, certificate);
        entry = inDelta ?? findEntry(crl, certificate);
      } catch (error) {
        invalid ??= `the CRL entries are malformed: ${(error as Error).message}`;
        problems.push(invalid);
        continue;
      }
      const listedIn = inDelta ? (delta as Crl) : crl;
      if (entry && entry.criticalExtensionOids.some((oid) => !HANDLED_ENTRY_EXTENSIONS.has(oid))) {
        problems.push('the CRL entry has critical extensions this engine does not process');
        continue;
      }
      if (entry && entry.reasonCode !== REMOVE_FROM_CRL)
        return {
          status: {
            status: 'revoked',
            source: sourceOf(listedIn),
            revocationDate: entry.revocationDate,
            ...(entry.reasonCode !== undefined ? { reasonCode: entry.reasonCode } : {}),
            ...(entry.invalidityDate ? { invalidityDate: entry.invalidityDate } : {}),
          },
        };
      reasons |= scope;
      sources.push(sourceOf(crl), ...(delta ? [sourceOf(delta)] : []));
    }
  }
  if (reasons === ALL_REASONS) return { status: { status: 'good', source: sources.join(' ') } };
  const why = reasons !== 0 ? 'the CRLs found do not cover every revocation reason' : ([...new Set(problems)].join('; ') || 'no CRL of the certificate issuer was found');
  return { status: { status: 'unknown', source: 'crl', reason: why }, invalid };
}

const messageOf = (error: unknown) => (error instanceof PkiError ? (error.details ?? error.shortMessage) : (error as Error).message);

/** CRLs given, then (when allowed and still needed) those the distribution points and freshestCRL name. */
async function crlVerdict(context: CheckRevocationContext): Promise<CrlVerdict> {
  const { options } = context;
  const given = options.crls ?? [];
  const first = await statusFromCrls(given, context, crlSource);
  if (first.status.status !== 'unknown' || !options.fetchCrls) return first;
  const fetchOptions: CrlFetchOptions = options.fetchCrls === true ? {} : options.fetchCrls;
  const urls = crlFetchUrls(context.certificate);
  if (urls.length === 0) return given.length > 0 ? first : { status: { status: 'unknown', source: 'crl-distribution-points', reason: 'the certificate names no http(s) CRL distribution point' } };
  const fromUrl = new Map<Crl, string>();
  const failures: string[] = [];
  const download = async (list: readonly string[]) =>
    Promise.all(
      list.map(async (url) => {
        try {
          const crl = await fetchCrl(url, fetchOptions);
          fromUrl.set(crl, url);
        } catch (error) {
          failures.push(`${url}: ${messageOf(error)}`);
        }
      }),
    );
  await download(urls);
  // Deltas announced by the downloaded complete CRLs.
  const deltaUrls = [...fromUrl.keys()].flatMap((crl) => crl.freshest?.flatMap((p) => p.uris.filter((u) => /^https?:/i.test(u))) ?? []).filter((u) => !urls.includes(u));
  await download([...new Set(deltaUrls)].slice(0, 4));
  const all = [...given, ...fromUrl.keys()];
  const second = await statusFromCrls(all, context, (crl) => (fromUrl.has(crl) ? `crl:${fromUrl.get(crl)}` : crlSource(crl)));
  if (second.status.status !== 'unknown') return second;
  // A downloaded CRL that does not check out is "no status", not an invalid given CRL.
  const reason = [...failures, second.invalid ? `${urls.join(', ')}: ${second.invalid}` : second.status.reason].join('; ');
  return { status: { status: 'unknown', source: 'crl-distribution-points', reason }, invalid: first.invalid };
}

/** Start the signature checks, by `issuer`'s key, of the given CRLs that may cover `certificate` (path building calls it per likely link). */
export function prefetchCrlSignatures(certificate: Certificate, issuer: Certificate, options: RevocationOptions | undefined, time: Date): void {
  if (!options || options.mode === 'off') return;
  for (const crl of options.crls ?? [])
    if (crl.issuer.key === certificate.issuer.key && crl.issuer.key === issuer.subject.key && !crlProblem(crl, time)) void verifyCrlSignature(crl, issuer);
}

/**
 * Start the work the checks of `path` (anchor first) will need, so it overlaps: the signature checks
 * of the given CRLs by the path's own issuers (the usual signer; a CRL's hash is the largest piece of
 * work of a check, and in turn each would wait for the previous certificate's check) and the CRL
 * downloads (the cache shares them).
 */
export function prefetchRevocation(path: readonly Certificate[], options: RevocationOptions, time: Date): void {
  if (options.mode === 'off') return;
  for (let k = 1; k < path.length; k++) prefetchCrlSignatures(path[k] as Certificate, path[k - 1] as Certificate, options, time);
  // OCSP first: CRLs are downloaded only if it gives no status.
  if (!options.fetchCrls || (options.ocsp && options.order === 'ocsp-first')) return;
  const fetchOptions = options.fetchCrls === true ? {} : options.fetchCrls;
  for (const c of path.slice(1))
    if (!options.crls?.some((crl) => crl.issuer.key === c.issuer.key)) for (const url of crlFetchUrls(c)) fetchCrl(url, fetchOptions).catch(() => undefined);
}

async function ocspVerdict(context: CheckRevocationContext): Promise<CrlVerdict | undefined> {
  const { options } = context;
  if (!options.ocsp) return undefined;
  if (ocspUrls(context.certificate).length === 0) return { status: { status: 'unknown', source: 'ocsp', reason: 'the certificate names no OCSP responder' } };
  return { status: await ocspStatus({ certificate: context.certificate, issuer: context.issuer, time: context.time, policy: context.policy, checkResponder: (responder) => responderStatus(responder, context) }, options.ocsp === true ? {} : options.ocsp) };
}

/**
 * RFC 6960 4.2.2.2.1: a delegated responder without id-pkix-ocsp-nocheck is trusted only while its
 * own certificate is not revoked. Asked of CRLs alone (those given, and its distribution points when
 * downloads are allowed): OCSP would ask the responder to vouch for itself. No CRL, no trust: the
 * response is then "unknown", and the next source (if any) is asked.
 */
async function responderStatus(responder: Certificate, context: CheckRevocationContext): Promise<RevocationStatus> {
  const issuerAt = context.path.findIndex((c) => c.identity === context.issuer.identity);
  // The responder stands where the certificate stood, under the same issuer (ocsp.ts checked it issued the responder).
  const path = [...context.path.slice(0, issuerAt + 1), responder];
  return (await crlVerdict({ ...context, certificate: responder, path, options: { ...context.options, ocsp: undefined } })).status;
}

/** Check one certificate of the path; writes the status and any failure into `report`. */
export async function checkRevocation(context: CheckRevocationContext, report: RevocationReport): Promise<void> {
  const { options, certificate } = context;
  report.check('revocation');
  const usesCrls = (options.crls?.length ?? 0) > 0 || !!options.fetchCrls;
  const sources: (() => Promise<CrlVerdict | undefined>)[] = [async () => (usesCrls ? crlVerdict(context) : undefined), () => ocspVerdict(context)];
  if (options.order === 'ocsp-first') sources.reverse();
  const verdicts: CrlVerdict[] = [];
  for (const source of sources) {
    const verdict = await source();
    if (!verdict) continue;
    verdicts.push(verdict);
    if (verdict.status.status !== 'unknown') break;
  }
  const statuses = verdicts.map((v) => v.status);
  if (options.check) statuses.push(await options.check({ certificate, issuer: context.issuer, anchor: context.anchor, time: context.time }));
  // Kept whole: a certificate the CA and the caller's source (the Trust Store) both revoke is shown with both reasons.
  report.revocationAnswers = statuses;
  const revoked = statuses.find((s): s is Extract<RevocationStatus, { status: 'revoked' }> => s.status === 'revoked');
  if (revoked) {
    report.revocation = revoked;
    report.fail('revocation', 'revoked', revokedMessage(certificate, revoked));
    return;
  }
  const good = statuses.find((s) => s.status === 'good');
  report.revocation = good ?? statuses[0];
  if (good) return;
  const invalid = verdicts.find((v) => v.invalid)?.invalid;
  const reasons = statuses.flatMap((s) => (s.status === 'unknown' ? [s.reason] : []));
  if (invalid && (options.crls?.length ?? 0) > 0) report.fail('revocation', 'revocationCrlInvalid', `the revocation list cannot be used: ${invalid}`);
  else if (options.mode === 'require') report.fail('revocation', 'revocationUnknown', reasons.length > 0 ? `no revocation status could be found: ${reasons.join('; ')}` : 'no revocation status could be found');
}
