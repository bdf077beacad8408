/**
 * The parsed certificate model: read-only typed properties of an X.509 v3 certificate. Extension
 * values that do not decode are recorded as `problems` (the certificate still parses, so a path can
 * report them) instead of throwing.
 */
import { Asn1Error, type DerNode, expectSequence, isContext, isUniversal, parseDer, readBitString, readBoolean, readOctetString, readOid, readTime, readTlvHeader, UniversalTag } from '../der/asn1';
import { bytesEqual, copyBytes, toHex } from '../bytes';
import { CertificateParseError, PkiLimitError } from '../errors';
import { CERTIFICATE_MAX_EXTENSIONS } from '../limits';
import * as ext from './extensions';
import type { GeneralName } from './general-name';
import { type Name, parseNameNode } from './name';
import { sha256 } from '@noble/hashes/sha2.js';
import { Oid } from '../oids';

export type AlgorithmIdentifier = {
  readonly oid: string;
  /** DER of the parameters, when present (NULL included). */
  readonly parameters: Uint8Array | undefined;
  readonly der: Uint8Array;
};

export type SubjectPublicKeyInfo = {
  readonly der: Uint8Array;
  readonly algorithm: AlgorithmIdentifier;
  readonly publicKey: Uint8Array;
};

export type CertificateExtension = { readonly oid: string; readonly critical: boolean; readonly value: Uint8Array };

export type CertificateProblem = { readonly messageKey: string; readonly message: string };

export type Certificate = {
  readonly der: Uint8Array;
  /** The signed bytes (tbsCertificate). */
  readonly tbsDer: Uint8Array;
  readonly version: number;
  readonly serialNumber: Uint8Array;
  readonly serialNumberHex: string;
  readonly signatureAlgorithm: AlgorithmIdentifier;
  readonly tbsSignatureAlgorithm: AlgorithmIdentifier;
  readonly signatureValue: Uint8Array;
  readonly issuer: Name;
  readonly subject: Name;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly subjectPublicKeyInfo: SubjectPublicKeyInfo;
  readonly extensions: readonly CertificateExtension[];
  readonly subjectKeyIdentifier: Uint8Array | undefined;
  readonly authorityKeyIdentifier: ext.AuthorityKeyIdentifier | undefined;
  readonly basicConstraints: ext.BasicConstraints | undefined;
  readonly keyUsage: ReadonlySet<ext.KeyUsage> | undefined;
  readonly extendedKeyUsage: readonly string[] | undefined;
  readonly certificatePolicies: readonly ext.PolicyInformation[] | undefined;
  readonly policyConstraints: ext.PolicyConstraints | undefined;
  readonly policyMappings: readonly ext.PolicyMapping[] | undefined;
  readonly inhibitAnyPolicy: number | undefined;
  readonly nameConstraints: ext.NameConstraints | undefined;
  readonly subjectAltName: readonly GeneralName[] | undefined;
  readonly criticalExtensionOids: readonly string[];
  /** Lower-case hex SHA-256 of the whole DER: the fingerprint people compare out of band. */
  readonly fingerprintSha256: string;
  /**
   * Lower-case hex SHA-256 of the signed tbsCertificate: the certificate's identity everywhere (engine,
   * Trust Store, registries, evidence). The outer encoding (signature INTEGERs, lengths) can change
   * without the issuer's key; the signed part cannot.
   */
  readonly identity: string;
  /** Lower-case hex SHA-256 of the DER SubjectPublicKeyInfo: decides "one wallet per key" and "signed once". */
  readonly keyHash: string;
  /** Subject equals issuer (RFC 5280 "self-issued"). */
  readonly selfIssued: boolean;
  /** Encoding problems found while decoding extensions (malformed, duplicate). */
  readonly problems: readonly CertificateProblem[];
};

export function readAlgorithmIdentifier(node: DerNode | undefined, what: string): AlgorithmIdentifier {
  const [oid, parameters, extra] = expectSequence(node, what);
  if (extra) throw new Asn1Error(`${what}: unexpected fields`);
  return { oid: readOid(oid, what), parameters: parameters?.der, der: (node as DerNode).der };
}

type ExtensionSlots = {
  -readonly [K in 'subjectKeyIdentifier' | 'authorityKeyIdentifier' | 'basicConstraints' | 'keyUsage' | 'extendedKeyUsage' | 'certificatePolicies' | 'policyConstraints' | 'policyMappings' | 'inhibitAnyPolicy' | 'nameConstraints' | 'subjectAltName']: Certificate[K];
};

const DECODERS: Record<string, (value: Uint8Array, slots: ExtensionSlots) => void> = {
  [Oid.subjectKeyIdentifier]: (v, s) => (s.subjectKeyIdentifier = ext.decodeSubjectKeyIdentifier(v)),
  [Oid.authorityKeyIdentifier]: (v, s) => (s.authorityKeyIdentifier = ext.decodeAuthorityKeyIdentifier(v)),
  [Oid.basicConstraints]: (v, s) => (s.basicConstraints = ext.decodeBasicConstraints(v)),
  [Oid.keyUsage]: (v, s) => (s.keyUsage = ext.decodeKeyUsage(v)),
  [Oid.extKeyUsage]: (v, s) => (s.extendedKeyUsage = ext.decodeExtKeyUsage(v)),
  [Oid.certificatePolicies]: (v, s) => (s.certificatePolicies = ext.decodeCertificatePolicies(v)),
  [Oid.policyConstraints]: (v, s) => (s.policyConstraints = ext.decodePolicyConstraints(v)),
  [Oid.policyMappings]: (v, s) => (s.policyMappings = ext.decodePolicyMappings(v)),
  [Oid.inhibitAnyPolicy]: (v, s) => (s.inhibitAnyPolicy = ext.decodeInhibitAnyPolicy(v)),
  [Oid.nameConstraints]: (v, s) => (s.nameConstraints = ext.decodeNameConstraints(v)),
  [Oid.subjectAltName]: (v, s) => (s.subjectAltName = ext.decodeSubjectAltName(v)),
  [Oid.authorityInfoAccess]: (v) => void ext.decodeInfoAccess(v),
  [Oid.subjectInfoAccess]: (v) => void ext.decodeInfoAccess(v),
};

/** Extensions the validator understands; any other critical extension fails validation. */
export const PROCESSED_EXTENSIONS: ReadonlySet<string> = new Set([
  Oid.subjectKeyIdentifier,
  Oid.authorityKeyIdentifier,
  Oid.basicConstraints,
  Oid.keyUsage,
  Oid.extKeyUsage,
  Oid.certificatePolicies,
  Oid.policyConstraints,
  Oid.policyMappings,
  Oid.inhibitAnyPolicy,
  Oid.nameConstraints,
  Oid.subjectAltName,
]);

function parseStructure(der: Uint8Array, known: { readonly tbs: Uint8Array; readonly identity: string } | undefined): Certificate {
  const root = parseDer(der);
  const [tbs, sigAlg, sigValue, extra] = expectSequence(root, 'Certificate');
  if (!tbs || extra) throw new Asn1Error('Certificate: expected tbsCertificate, signatureAlgorithm, signatureValue');
  const fields = expectSequence(tbs, 'TBSCertificate');
  let i = 0;
  let version = 1;
  if (fields[0] && isContext(fields[0], 0)) {
    const v = fields[0].children[0];
    if (!v || !isUniversal(v, UniversalTag.Integer) || v.content.length !== 1) throw new Asn1Error('version: expected a small INTEGER');
    version = (v.content[0] as number) + 1;
    i++;
  }
  const serial = fields[i++];
  if (!serial || !isUniversal(serial, UniversalTag.Integer) || serial.content.length === 0) throw new Asn1Error('serialNumber: expected an INTEGER');
  const tbsSignatureAlgorithm = readAlgorithmIdentifier(fields[i++], 'signature');
  const issuer = parseNameNode(fields[i++] as DerNode);
  const validity = expectSequence(fields[i++], 'Validity');
  const notBefore = validity[0] && readTime(validity[0]);
  const notAfter = validity[1] && readTime(validity[1]);
  if (!notBefore || !notAfter || validity.length !== 2) throw new Asn1Error('Validity: expected two valid times');
  const subject = parseNameNode(fields[i++] as DerNode);
  const spkiNode = fields[i++];
  const [spkiAlg, spkiKey, spkiExtra] = expectSequence(spkiNode, 'SubjectPublicKeyInfo');
  if (spkiExtra) throw new Asn1Error('SubjectPublicKeyInfo: unexpected fields');
  const subjectPublicKeyInfo: SubjectPublicKeyInfo = {
    der: (spkiNode as DerNode).der,
    algorithm: readAlgorithmIdentifier(spkiAlg, 'SubjectPublicKeyInfo.algorithm'),
    publicKey: readBitString(spkiKey, 'subjectPublicKey').bytes,
  };
  const extensions: CertificateExtension[] = [];
  const problems: CertificateProblem[] = [];
  for (; i < fields.length; i++) {
    const field = fields[i] as DerNode;
    if (isContext(field, 1) || isContext(field, 2)) continue; // unique identifiers
    if (!isContext(field, 3)) throw new Asn1Error('TBSCertificate: unexpected field');
    const list = expectSequence(field.children[0], 'Extensions');
    if (extensions.length + list.length > CERTIFICATE_MAX_EXTENSIONS)
      throw new PkiLimitError('certificate-extensions', CERTIFICATE_MAX_EXTENSIONS, { details: `${list.length} extensions` });
    for (const item of list) {
      const parts = expectSequence(item, 'Extension');
      const oid = readOid(parts[0], 'extnID');
      let critical = false;
      let valueNode = parts[1];
      if (valueNode && isUniversal(valueNode, UniversalTag.Boolean)) {
        critical = readBoolean(valueNode);
        valueNode = parts[2];
      }
      extensions.push({ oid, critical, value: readOctetString(valueNode, 'extnValue') });
    }
  }
  const { bytes: signatureValue, unusedBits } = readBitString(sigValue, 'signatureValue');
  if (unusedBits !== 0) throw new Asn1Error('signatureValue: a signature is a whole number of octets');

  const slots: ExtensionSlots = {
    subjectKeyIdentifier: undefined,
    authorityKeyIdentifier: undefined,
    basicConstraints: undefined,
    keyUsage: undefined,
    extendedKeyUsage: undefined,
    certificatePolicies: undefined,
    policyConstraints: undefined,
    policyMappings: undefined,
    inhibitAnyPolicy: undefined,
    nameConstraints: undefined,
    subjectAltName: undefined,
  };
  const seen = new Set<string>();
  let fingerprint: string | undefined;
  let keyHash: string | undefined;
  for (const extension of extensions) {
    if (seen.has(extension.oid)) {
      problems.push({ messageKey: 'pki.cert.duplicateExtension', message: `extension ${extension.oid} appears more than once` });
      continue;
    }
    seen.add(extension.oid);
    const decode = DECODERS[extension.oid];
    if (!decode) continue;
    try {
      decode(extension.value, slots);
    } catch (error) {
      // A list over a cap refuses the certificate: as a mere problem, its work would still be done by every reader.
      if (error instanceof PkiLimitError) throw error;
      problems.push({ messageKey: 'pki.cert.malformedExtension', message: `extension ${extension.oid}: ${(error as Error).message}` });
    }
  }
  return {
    der,
    tbsDer: tbs.der,
    version,
    serialNumber: serial.content,
    serialNumberHex: toHex(serial.content),
    signatureAlgorithm: readAlgorithmIdentifier(sigAlg, 'signatureAlgorithm'),
    tbsSignatureAlgorithm,
    signatureValue,
    issuer,
    subject,
    notBefore,
    notAfter,
    subjectPublicKeyInfo,
    extensions,
    // Field by field rather than a spread of `slots`: the spread was a visible share of a parse.
    subjectKeyIdentifier: slots.subjectKeyIdentifier,
    authorityKeyIdentifier: slots.authorityKeyIdentifier,
    basicConstraints: slots.basicConstraints,
    keyUsage: slots.keyUsage,
    extendedKeyUsage: slots.extendedKeyUsage,
    certificatePolicies: slots.certificatePolicies,
    policyConstraints: slots.policyConstraints,
    policyMappings: slots.policyMappings,
    inhibitAnyPolicy: slots.inhibitAnyPolicy,
    nameConstraints: slots.nameConstraints,
    subjectAltName: slots.subjectAltName,
    criticalExtensionOids: extensions.filter((e) => e.critical).map((e) => e.oid),
    // Hashed when first read: validation never reads it, and it is a hash of the whole certificate.
    get fingerprintSha256(): string {
      fingerprint ??= toHex(sha256(der));
      return fingerprint;
    },
    identity: known && bytesEqual(known.tbs, tbs.der) ? known.identity : toHex(sha256(tbs.der)),
    // Hashed when first read: a path reads it for issuers (signature memo, loop checks), rarely for its target.
    get keyHash(): string {
      keyHash ??= toHex(sha256(subjectPublicKeyInfo.der));
      return keyHash;
    },
    selfIssued: issuer.key === subject.key,
    problems,
  };
}

const cache = new Map<string, Certificate>();
const CACHE_LIMIT = 50_000;

/**
 * Parse one DER certificate. Results are memoised, so the same bytes parse once however many paths
 * or pools they appear in.
 */
export async function parseCertificate(der: Uint8Array): Promise<Certificate> {
  return parseCertificateSync(der);
}

/** The signed tbsCertificate of a DER certificate, found from the TLV headers alone (undefined if they do not read). */
function tbsOf(der: Uint8Array): Uint8Array | undefined {
  try {
    const outer = readTlvHeader(der, 0, der.length);
    return der.subarray(outer.start, readTlvHeader(der, outer.start, outer.end).end);
  } catch {
    return undefined;
  }
}

/**
 * parseCertificate without the promise, for callers that parse in bulk. The memo is keyed by the
 * certificate's identity (the hash of the signed part, needed anyway) and a hit must be the same bytes:
 * hashing the whole certificate as well only to look it up was a third of the parsing time.
 */
export function parseCertificateSync(der: Uint8Array): Certificate {
  const tbs = tbsOf(der);
  const known = tbs && { tbs, identity: toHex(sha256(tbs)) };
  const cached = known && cache.get(known.identity);
  if (cached && bytesEqual(cached.der, der)) return cached;
  let certificate: Certificate;
  try {
    certificate = parseStructure(copyBytes(der), known);
  } catch (error) {
    if (error instanceof PkiLimitError) throw error;
    throw new CertificateParseError(error instanceof Error ? error.message : String(error), error);
  }
  // Re-inserting moves the key to the end, so eviction drops the oldest.
  cache.delete(certificate.identity);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(certificate.identity, certificate);
  return certificate;
}

/** Forget memoised certificates (tests, benchmarks, long-lived pages that rotate trust lists). */
export function clearCertificateCache(): void {
  cache.clear();
}
