/**
 * Revocation status from CRLs (RFC 5280 5, 6.3, for complete CRLs issued by the certificate's
 * issuer) and from a caller-provided check (e.g. the on-chain Trust Store). Indirect, delta and
 * partitioned CRLs are not used: such a CRL reads as "no status" rather than "good".
 */
import { Asn1Error, type DerNode, expectSequence, isContext, isUniversal, parseDer, readBitString, readBoolean, readOctetString, readOid, readTime, UniversalTag } from '../der/asn1';
import { base64Decode, bytesEqual, copyBytes, decodePem, looksLikePem, toHex } from '../bytes';
import { type AlgorithmIdentifier, type Certificate, readAlgorithmIdentifier } from '../x509/certificate';
import type { CrlFetchOptions } from './crl-fetch';
import { CrlParseError } from '../errors';
import { type Name, parseNameNode } from '../x509/name';
import { Oid } from '../oids';
import { sha256 } from '@noble/hashes/sha2.js';

export type RevokedEntry = { readonly serialNumber: Uint8Array; readonly revocationDate: Date; readonly reasonCode: number | undefined; readonly criticalExtensionOids: readonly string[] };

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
  readonly fingerprintSha256: string;
};

export type RevocationStatus =
  | { readonly status: 'good'; readonly source: string }
  | { readonly status: 'revoked'; readonly source: string; readonly revocationDate?: Date; readonly reasonCode?: number }
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

/** Parse a DER or PEM CRL. */
export async function parseCrl(input: Uint8Array | string): Promise<Crl> {
  const der = crlDer(input);
  try {
    const [tbs, sigAlg, sigValue, extra] = expectSequence(parseDer(der), 'CertificateList');
    if (!tbs || extra) throw new Asn1Error('CertificateList: expected tbsCertList, signatureAlgorithm, signatureValue');
    const signature = readBitString(sigValue, 'signatureValue');
    if (signature.unusedBits !== 0) throw new Asn1Error('signatureValue: a signature is a whole number of octets');
    const fields = expectSequence(tbs, 'TBSCertList');
    let i = 0;
    let version = 1;
    if (fields[0] && isUniversal(fields[0], UniversalTag.Integer)) {
      version = (fields[0].content[0] as number) + 1;
      i++;
    }
    const tbsSignatureAlgorithm = readAlgorithmIdentifier(fields[i++], 'signature');
    const issuer = parseNameNode(fields[i++] as DerNode);
    const thisUpdate = fields[i] ? readTime(fields[i++] as DerNode) : undefined;
    if (!thisUpdate) throw new Asn1Error('thisUpdate: expected a time');
    let nextUpdate: Date | undefined;
    const maybeNext = fields[i];
    if (maybeNext && (isUniversal(maybeNext, UniversalTag.UtcTime) || isUniversal(maybeNext, UniversalTag.GeneralizedTime))) {
      nextUpdate = readTime(maybeNext);
      // An unreadable nextUpdate must not read as "no nextUpdate" (a CRL that never goes stale).
      if (!nextUpdate) throw new Asn1Error('nextUpdate: expected an RFC 5280 time');
      i++;
    }
    const revoked: RevokedEntry[] = [];
    const maybeRevoked = fields[i];
    if (maybeRevoked && isUniversal(maybeRevoked, UniversalTag.Sequence)) {
      for (const entry of maybeRevoked.children) {
        const [serial, date, entryExtensions] = expectSequence(entry, 'revokedCertificate');
        const revocationDate = date && readTime(date);
        if (!serial || !isUniversal(serial, UniversalTag.Integer) || !revocationDate) throw new Asn1Error('revokedCertificate: malformed');
        const extensions = readExtensions(entryExtensions);
        const reason = extensions.find((e) => e.oid === Oid.crlReason);
        revoked.push({
          serialNumber: serial.content,
          revocationDate,
          reasonCode: reason ? (parseDer(reason.value).content[0] as number) : undefined,
          criticalExtensionOids: extensions.filter((e) => e.critical).map((e) => e.oid),
        });
      }
      i++;
    }
    const extField = fields[i];
    const extensions = extField && isContext(extField, 0) ? readExtensions(extField.children[0]) : [];
    const number = extensions.find((e) => e.oid === Oid.crlNumber);
    return {
      der,
      tbsDer: tbs.der,
      version,
      signatureAlgorithm: readAlgorithmIdentifier(sigAlg, 'signatureAlgorithm'),
      tbsSignatureAlgorithm,
      signatureValue: signature.bytes,
      issuer,
      thisUpdate,
      nextUpdate,
      revoked,
      extensions,
      crlNumber: number ? parseDer(number.value).content : undefined,
      fingerprintSha256: toHex(sha256(der)),
    };
  } catch (error) {
    throw new CrlParseError((error as Error).message, error);
  }
}

const HANDLED_CRL_EXTENSIONS = new Set<string>([Oid.crlNumber, Oid.authorityKeyIdentifier]);

/**
 * Problems that make a CRL unusable for `issuer` at `time` (its signature is checked by the caller).
 * RFC 5280 5.2.3: conforming CRL issuers MUST include a non-critical CRL number.
 */
export function crlProblem(crl: Crl, issuer: Certificate, time: Date): string | undefined {
  if (crl.issuer.key !== issuer.subject.key) return 'the CRL was not issued by the certificate issuer';
  if (issuer.keyUsage && !issuer.keyUsage.has('cRLSign')) return 'the CRL issuer lacks the cRLSign key usage';
  if (!bytesEqual(crl.signatureAlgorithm.der, crl.tbsSignatureAlgorithm.der)) return 'the CRL signature algorithms differ';
  const number = crl.extensions.find((e) => e.oid === Oid.crlNumber);
  if (!number) return 'the CRL has no CRL number';
  if (number.critical) return 'the CRL number extension is marked critical';
  if (crl.extensions.some((e) => e.oid === Oid.deltaCrlIndicator)) return 'delta CRLs are not used';
  const unknown = crl.extensions.find((e) => e.critical && !HANDLED_CRL_EXTENSIONS.has(e.oid));
  if (unknown) return `the CRL has an unsupported critical extension ${unknown.oid}`;
  if (crl.thisUpdate.getTime() > time.getTime()) return 'the CRL is not yet valid';
  if (crl.nextUpdate && crl.nextUpdate.getTime() < time.getTime()) return 'the CRL is out of date';
  return undefined;
}

/** Status of `certificate` in a usable CRL of its issuer. */
export function statusFromCrl(crl: Crl, certificate: Certificate): RevocationStatus {
  const source = `crl:${crl.fingerprintSha256.slice(0, 16)}`;
  const entry = crl.revoked.find((e) => bytesEqual(e.serialNumber, certificate.serialNumber));
  if (!entry) return { status: 'good', source };
  if (entry.criticalExtensionOids.length > 0) return { status: 'unknown', source, reason: 'the CRL entry has critical extensions this engine does not process' };
  // removeFromCRL (8) only appears in delta CRLs; treat it as not revoked.
  if (entry.reasonCode === 8) return { status: 'good', source };
  return { status: 'revoked', source, revocationDate: entry.revocationDate, reasonCode: entry.reasonCode };
}
