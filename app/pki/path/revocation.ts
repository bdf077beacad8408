// Over 300 lines: the CRL model and its section 6.3 extensions, read with one strict DER pass.
/**
 * CRLs (RFC 5280 section 5): parsing, with the extensions section 6.3 processes (issuingDistributionPoint,
 * deltaCRLIndicator, freshestCRL; entries' reasonCode, invalidityDate and certificateIssuer), and the
 * revocation options and statuses of path validation. The processing itself is in revocation-check.ts.
 */
import { Asn1Error, type DerNode, expectSequence, isContext, isUniversal, parseDer, readBitString, readBoolean, readOctetString, readOid, readTime, readTlvHeader, UniversalTag } from '../der/asn1';
import { type GeneralName, parseGeneralName } from '../x509/general-name';
import { base64Decode, bytesEqual, bytesToBigInt, copyBytes, decodePem, looksLikePem, toHex } from '../bytes';
import { type AlgorithmIdentifier, type Certificate, readAlgorithmIdentifier } from '../x509/certificate';
import type { CrlFetchOptions } from './crl-fetch';
import type { OcspOptions } from './ocsp';
import { CrlParseError } from '../errors';
import { type Name, parseNameNode, rdnKey } from '../x509/name';
import { Oid } from '../oids';
import { sha256 } from '@noble/hashes/sha2.js';

export type RevokedEntry = {
  readonly serialNumber: Uint8Array;
  readonly revocationDate: Date;
  readonly reasonCode: number | undefined;
  /** When the key is known or suspected to have been compromised (entry extension invalidityDate). */
  readonly invalidityDate: Date | undefined;
  /** The issuer of the listed certificate: the CRL issuer unless a certificateIssuer entry extension (indirect CRLs) says otherwise. */
  readonly certificateIssuerKey: string;
  readonly criticalExtensionOids: readonly string[];
};

/** A distribution point name, as comparable keys: "uri:<uri>", "dn:<name key>" or "der:<hex>". */
export type DistributionPointName = readonly string[];

/** ReasonFlags bits 1-8 (keyCompromise ... aACompromise) as a mask; all reasons = ALL_REASONS. */
export const ALL_REASONS = 0x1fe;

export type IssuingDistributionPoint = {
  readonly der: Uint8Array;
  readonly name: DistributionPointName | undefined;
  readonly onlyContainsUserCerts: boolean;
  readonly onlyContainsCACerts: boolean;
  readonly onlySomeReasons: number | undefined;
  readonly indirectCRL: boolean;
  readonly onlyContainsAttributeCerts: boolean;
};

export type DistributionPoint = {
  readonly name: DistributionPointName | undefined;
  readonly reasons: number | undefined;
  /** Name keys of cRLIssuer directory names (indirect CRLs). */
  readonly crlIssuers: readonly string[] | undefined;
  readonly uris: readonly string[];
};

export type Crl = {
  readonly der: Uint8Array;
  readonly tbsDer: Uint8Array;
  readonly version: number;
  readonly signatureAlgorithm: AlgorithmIdentifier;
  readonly tbsSignatureAlgorithm: AlgorithmIdentifier;
  readonly signatureValue: Uint8Array;
  readonly issuer: Name;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | undefined;
  readonly revoked: readonly RevokedEntry[];
  readonly extensions: readonly { oid: string; critical: boolean; value: Uint8Array }[];
  readonly crlNumber: Uint8Array | undefined;
  readonly issuingDistributionPoint: IssuingDistributionPoint | undefined;
  /** BaseCRLNumber of a delta CRL (deltaCRLIndicator); undefined for a complete CRL. */
  readonly deltaBase: bigint | undefined;
  /** Where the deltas of this complete CRL are (freshestCRL), undefined when it announces none. */
  readonly freshest: readonly DistributionPoint[] | undefined;
  readonly fingerprintSha256: string;
};

export type RevocationStatus =
  | { readonly status: 'good'; readonly source: string }
  | {
      readonly status: 'revoked';
      readonly source: string;
      readonly revocationDate?: Date;
      readonly reasonCode?: number;
      readonly invalidityDate?: Date;
    }
  | { readonly status: 'unknown'; readonly source: string; readonly reason: string };

export type CheckRevocationParameters = {
  readonly certificate: Certificate;
  readonly issuer: Certificate;
  /** The trust anchor the path ends in: a status source may scope its records to it (the Trust Store does). */
  readonly anchor: Certificate;
  readonly time: Date;
};

/** A caller-provided status source, e.g. the Trust Store contract's revocation list. */
export type RevocationChecker = (parameters: CheckRevocationParameters) => Promise<RevocationStatus>;

export type RevocationMode = 'require' | 'prefer' | 'off';

export type RevocationOptions = {
  /** require: a status must be found for every certificate below the anchor; prefer: use what is there; off: skip. */
  readonly mode: RevocationMode;
  readonly crls?: readonly Crl[];
  readonly check?: RevocationChecker;
  /**
   * Download the CRLs named in each certificate's cRLDistributionPoints (http/https only) when no
   * given CRL of its issuer answers. A download that fails or a CRL that does not check out is
   * "no status": `require` fails with the reason, `prefer` passes and the certificate report's
   * `revocation` carries the reason.
   */
  readonly fetchCrls?: CrlFetchOptions | true;
  /**
   * More certificates to build CRL signers' paths from (RFC 5280 6.3.3 (f)): a separate CRL-signing
   * certificate, an indirect CRL issuer, a rolled-over key's old-with-new certificate. The path's own
   * certificates are always used; each signer path ends in the same trust anchor as the path.
   */
  readonly certificates?: readonly Certificate[];
  /** Ask the OCSP responders the certificates name (authorityInfoAccess), or these options. */
  readonly ocsp?: OcspOptions | true;
  /** Which source first when both are on; the second is asked only when the first gives no status (default crl-first). */
  readonly order?: 'ocsp-first' | 'crl-first';
  /** Set by the engine on the revocation check of a CRL signer's own path (one level, no deeper). */
  readonly signerDepth?: number;
};

function readExtensions(node: DerNode | undefined): { oid: string; critical: boolean; value: Uint8Array }[] {
  if (!node) return [];
  return expectSequence(node, 'Extensions').map((item) => {
    const parts = expectSequence(item, 'Extension');
    let critical = false;
    let value = parts[1];
    if (value && isUniversal(value, UniversalTag.Boolean)) {
      critical = readBoolean(value);
      value = parts[2];
    }
    return { oid: readOid(parts[0]), critical, value: readOctetString(value, 'extnValue') };
  });
}

/** PEM text (a string, or bytes as read from a .pem/.crl file) or base64 to DER. */
function crlDer(input: Uint8Array | string): Uint8Array {
  const text = typeof input === 'string' ? input : looksLikePem(input) ? new TextDecoder('latin1').decode(input) : undefined;
  if (text === undefined) return copyBytes(input as Uint8Array);
  return decodePem(text).find((b) => b.label === 'X509 CRL')?.der ?? base64Decode(text);
}

/** The element TLVs of the SEQUENCE that is all of `bytes`, without parsing inside them. */
function shallowSequence(bytes: Uint8Array, what: string): Uint8Array[] {
  const outer = readTlvHeader(bytes, 0, bytes.length);
  if (outer.tag !== 0x30 || outer.end !== bytes.length) throw new Asn1Error(`${what}: expected one SEQUENCE`);
  const parts: Uint8Array[] = [];
  for (let at = outer.start; at < outer.end; ) {
    const next = readTlvHeader(bytes, at, outer.end).end;
    parts.push(bytes.subarray(at, next));
    at = next;
  }
  return parts;
}

function parseEntry(bytes: Uint8Array, crlIssuerKey: string, indirect: boolean, previousIssuerKey: string): RevokedEntry {
  const [serial, date, entryExtensions] = expectSequence(parseDer(bytes), 'revokedCertificate');
  const revocationDate = date && readTime(date);
  if (!serial || !isUniversal(serial, UniversalTag.Integer) || !revocationDate) throw new Asn1Error('revokedCertificate: malformed');
  const extensions = readExtensions(entryExtensions);
  const reason = extensions.find((e) => e.oid === Oid.crlReason);
  const invalidity = extensions.find((e) => e.oid === Oid.invalidityDate);
  const certificateIssuer = extensions.find((e) => e.oid === Oid.certificateIssuer);
  // certificateIssuer (indirect CRLs only) applies to this entry and the ones after it until the next (RFC 5280 5.3.3).
  const certificateIssuerKey = indirect && certificateIssuer ? directoryNameKey(certificateIssuer.value) : indirect ? previousIssuerKey : crlIssuerKey;
  return {
    serialNumber: serial.content,
    revocationDate,
    reasonCode: reason ? readEnumerated(reason.value) : undefined,
    invalidityDate: invalidity ? readGeneralizedTime(parseDer(invalidity.value), 'invalidityDate') : undefined,
    certificateIssuerKey,
    criticalExtensionOids: extensions.filter((e) => e.critical).map((e) => e.oid),
  };
}

/** The raw revokedCertificates list of each parsed CRL, for lookups that do not read every entry. */
const revokedLists = new WeakMap<Crl, Uint8Array>();

/**
 * The entry of `serial` (a certificate of the CRL issuer) in a CRL that is not indirect: one walk over
 * the entries' TLV headers comparing serials, and only the matching entry is read in full.
 * Undefined for an indirect CRL (use `crl.revoked`, which tracks certificateIssuer).
 */
export function findRevokedEntry(crl: Crl, serial: Uint8Array): RevokedEntry | undefined | 'indirect' {
  if (crl.issuingDistributionPoint?.indirectCRL) return 'indirect';
  const list = revokedLists.get(crl);
  if (!list) return crl.revoked.find((e) => bytesEqual(e.serialNumber, serial));
  try {
    return scanEntries(crl, list, serial);
  } catch (error) {
    throw new CrlParseError((error as Error).message, error);
  }
}

function scanEntries(crl: Crl, list: Uint8Array, serial: Uint8Array): RevokedEntry | undefined {
  const outer = readTlvHeader(list, 0, list.length);
  for (let at = outer.start; at < outer.end; ) {
    const entry = readTlvHeader(list, at, outer.end);
    const number = readTlvHeader(list, entry.start, entry.end);
    if (entry.tag !== 0x30 || number.tag !== 0x02) throw new Asn1Error('revokedCertificate: malformed');
    if (number.end - number.start === serial.length && bytesEqual(list.subarray(number.start, number.end), serial)) return parseEntry(list.subarray(at, entry.end), crl.issuer.key, false, crl.issuer.key);
    at = entry.end;
  }
  return undefined;
}

/**
 * Parse a DER or PEM CRL. The header fields and extensions are read strictly at once; the entries
 * (a national CA's CRL lists tens of thousands) when `revoked` is first read, or one at a time by
 * findRevokedEntry; the SHA-256 fingerprint when first read.
 */
export async function parseCrl(input: Uint8Array | string): Promise<Crl> {
  const der = crlDer(input);
  try {
    const [tbsDer, sigAlgDer, sigValueDer, extra] = shallowSequence(der, 'CertificateList');
    if (!tbsDer || !sigAlgDer || !sigValueDer || extra) throw new Asn1Error('CertificateList: expected tbsCertList, signatureAlgorithm, signatureValue');
    const signature = readBitString(parseDer(sigValueDer), 'signatureValue');
    if (signature.unusedBits !== 0) throw new Asn1Error('signatureValue: a signature is a whole number of octets');
    const signatureAlgorithm = readAlgorithmIdentifier(parseDer(sigAlgDer), 'signatureAlgorithm');
    const raw = shallowSequence(tbsDer, 'TBSCertList');
    let i = 0;
    const field = () => (raw[i] ? parseDer(raw[i] as Uint8Array) : undefined);
    let version = 1;
    const first = field();
    if (first && isUniversal(first, UniversalTag.Integer)) {
      version = (first.content[0] as number) + 1;
      i++;
    }
    const tbsSignatureAlgorithm = readAlgorithmIdentifier(field(), 'signature');
    i++;
    const issuerNode = field();
    if (!issuerNode) throw new Asn1Error('issuer: missing');
    const issuer = parseNameNode(issuerNode);
    i++;
    const thisNode = field();
    const thisUpdate = thisNode ? readTime(thisNode) : undefined;
    if (!thisUpdate) throw new Asn1Error('thisUpdate: expected a time');
    i++;
    let nextUpdate: Date | undefined;
    const maybeNext = raw[i];
    if (maybeNext && (maybeNext[0] === UniversalTag.UtcTime || maybeNext[0] === UniversalTag.GeneralizedTime)) {
      nextUpdate = readTime(parseDer(maybeNext));
      // An unreadable nextUpdate must not read as "no nextUpdate" (a CRL that never goes stale).
      if (!nextUpdate) throw new Asn1Error('nextUpdate: expected an RFC 5280 time');
      i++;
    }
    let revokedList: Uint8Array | undefined;
    if (raw[i] && (raw[i] as Uint8Array)[0] === 0x30) revokedList = raw[i++];
    const extField = field();
    if (raw[i] && (!extField || !isContext(extField, 0) || raw[i + 1])) throw new Asn1Error('TBSCertList: unexpected field');
    const extensions = extField ? readExtensions(extField.children[0]) : [];
    const number = extensions.find((e) => e.oid === Oid.crlNumber);
    const idp = extensions.find((e) => e.oid === Oid.issuingDistributionPoint);
    const delta = extensions.find((e) => e.oid === Oid.deltaCrlIndicator);
    const freshest = extensions.find((e) => e.oid === Oid.freshestCrl);
    const issuingDistributionPoint = idp ? parseIssuingDistributionPoint(idp.value, issuer) : undefined;
    let revoked: RevokedEntry[] | undefined;
    let fingerprint: string | undefined;
    const crl: Crl = {
      der,
      tbsDer,
      version,
      signatureAlgorithm,
      tbsSignatureAlgorithm,
      signatureValue: signature.bytes,
      issuer,
      thisUpdate,
      nextUpdate,
      get revoked(): readonly RevokedEntry[] {
        if (!revoked) {
          const entries: RevokedEntry[] = [];
          const indirect = issuingDistributionPoint?.indirectCRL === true;
          try {
            if (revokedList)
              for (const entry of shallowSequence(revokedList, 'revokedCertificates')) entries.push(parseEntry(entry, issuer.key, indirect, entries[entries.length - 1]?.certificateIssuerKey ?? issuer.key));
          } catch (error) {
            throw new CrlParseError((error as Error).message, error);
          }
          revoked = entries;
        }
        return revoked;
      },
      extensions,
      crlNumber: number ? parseDer(number.value).content : undefined,
      issuingDistributionPoint,
      deltaBase: delta ? integerValue(parseDer(delta.value)) : undefined,
      freshest: freshest ? parseDistributionPoints(freshest.value, issuer) : undefined,
      get fingerprintSha256(): string {
        fingerprint ??= toHex(sha256(der));
        return fingerprint;
      },
    };
    if (revokedList) revokedLists.set(crl, revokedList);
    return crl;
  } catch (error) {
    throw new CrlParseError((error as Error).message, error);
  }
}

/**
 * A GeneralizedTime in RFC 5280's form (YYYYMMDDHHMMSSZ) whatever the year: fields that are always
 * GeneralizedTime (invalidityDate, every OCSP time) use it for dates before 2050 too.
 */
export function readGeneralizedTime(node: DerNode | undefined, what: string): Date {
  const m = node && isUniversal(node, UniversalTag.GeneralizedTime) ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(new TextDecoder('latin1').decode(node.content)) : null;
  if (!m) throw new Asn1Error(`${what}: expected a GeneralizedTime YYYYMMDDHHMMSSZ`);
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) throw new Asn1Error(`${what}: not a real date and time`);
  return date;
}

function readEnumerated(value: Uint8Array): number {
  const node = parseDer(value);
  if (!isUniversal(node, UniversalTag.Enumerated) || node.content.length !== 1) throw new Asn1Error('reasonCode: expected a small ENUMERATED');
  return node.content[0] as number;
}

/** A non-negative INTEGER's value (CRL numbers are up to 20 octets). */
export function integerValue(node: DerNode): bigint {
  if (!isUniversal(node, UniversalTag.Integer) || node.content.length === 0 || ((node.content[0] as number) & 0x80) !== 0) throw new Asn1Error('expected a non-negative INTEGER');
  return bytesToBigInt(node.content);
}

function directoryNameKey(value: Uint8Array): string {
  const names = expectSequence(parseDer(value), 'GeneralNames').map(parseGeneralName);
  const dn = names.find((n): n is Extract<GeneralName, { type: 'directoryName' }> => n.type === 'directoryName');
  if (!dn) throw new Asn1Error('certificateIssuer: expected a directoryName');
  return dn.name.key;
}

function generalNameKey(name: GeneralName): string {
  switch (name.type) {
    case 'uri':
      return `uri:${name.value}`;
    case 'directoryName':
      return `dn:${name.name.key}`;
    case 'dns':
    case 'email':
      return `${name.type}:${name.value.toLowerCase()}`;
    case 'ip':
      return `ip:${toHex(name.bytes)}`;
    case 'registeredId':
      return `oid:${name.oid}`;
    default:
      return `der:${toHex(name.der)}`;
  }
}

/** DistributionPointName: fullName [0] GeneralNames, or nameRelativeToCRLIssuer [1] RDN appended to `base`. */
function distributionPointName(node: DerNode, base: Name): DistributionPointName {
  if (isContext(node, 0)) return node.children.map((n) => generalNameKey(parseGeneralName(n)));
  if (isContext(node, 1)) {
    const rdn = parseNameNode({ ...node, tagClass: 'universal', tag: UniversalTag.Sequence, children: [{ ...node, tagClass: 'universal', tag: UniversalTag.Set }] }).rdns[0];
    if (!rdn) throw new Asn1Error('nameRelativeToCRLIssuer: empty');
    return [`dn:${base.key ? `${base.key},` : ''}${rdnKey(rdn)}`];
  }
  throw new Asn1Error('DistributionPointName: unknown choice');
}

function reasonMask(node: DerNode): number {
  const { bytes } = readBitString({ ...node, tagClass: 'universal', tag: UniversalTag.BitString }, 'ReasonFlags');
  let mask = 0;
  for (let bit = 1; bit <= 8; bit++) if (((bytes[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1) mask |= 1 << bit;
  return mask;
}

const flag = (node: DerNode) => {
  if (node.content.length !== 1) throw new Asn1Error('BOOLEAN: expected one octet');
  return node.content[0] !== 0;
};

function parseIssuingDistributionPoint(value: Uint8Array, crlIssuer: Name): IssuingDistributionPoint {
  const fields = expectSequence(parseDer(value), 'IssuingDistributionPoint');
  const field = (tag: number) => fields.find((f) => isContext(f, tag));
  const point = field(0)?.children[0];
  return {
    der: value,
    name: point ? distributionPointName(point, crlIssuer) : undefined,
    onlyContainsUserCerts: field(1) ? flag(field(1) as DerNode) : false,
    onlyContainsCACerts: field(2) ? flag(field(2) as DerNode) : false,
    onlySomeReasons: field(3) ? reasonMask(field(3) as DerNode) : undefined,
    indirectCRL: field(4) ? flag(field(4) as DerNode) : false,
    onlyContainsAttributeCerts: field(5) ? flag(field(5) as DerNode) : false,
  };
}

/** CRLDistributionPoints / FreshestCRL of a certificate (or CRL) issued by `issuer`. */
export function parseDistributionPoints(value: Uint8Array, issuer: Name): DistributionPoint[] {
  return expectSequence(parseDer(value), 'CRLDistributionPoints').map((point) => {
    const fields = expectSequence(point, 'DistributionPoint');
    const field = (tag: number) => fields.find((f) => isContext(f, tag));
    const crlIssuerNames = field(2)?.children.map(parseGeneralName);
    const crlIssuers = crlIssuerNames?.flatMap((n) => (n.type === 'directoryName' ? [n.name.key] : []));
    // A name relative to the CRL issuer: the cRLIssuer's when the point has one, else the certificate issuer's.
    const relativeBase = crlIssuerNames?.find((n): n is Extract<GeneralName, { type: 'directoryName' }> => n.type === 'directoryName')?.name ?? issuer;
    const pointName = field(0)?.children[0];
    const name = pointName ? distributionPointName(pointName, relativeBase) : undefined;
    return { name, reasons: field(1) ? reasonMask(field(1) as DerNode) : undefined, crlIssuers, uris: (name ?? []).filter((n) => n.startsWith('uri:')).map((n) => n.slice(4)) };
  });
}

/** Reason codes of CRL entries (RFC 5280 5.3.1), for messages. */
export const CRL_REASONS: Readonly<Record<number, string>> = {
  0: 'unspecified',
  1: 'key compromise',
  2: 'CA compromise',
  3: 'affiliation changed',
  4: 'superseded',
  5: 'cessation of operation',
  6: 'certificate hold',
  8: 'remove from CRL',
  9: 'privilege withdrawn',
  10: 'AA compromise',
};
