/** Decoders of the certificate extensions the engine processes (RFC 5280 4.2). */
import { Asn1Error, type DerNode, expectSequence, isContext, isUniversal, parseDer, readBitString, readBoolean, readOctetString, readOid, readSmallInteger, UniversalTag } from '../der/asn1';
import { boundedNameList, type GeneralName, parseGeneralName, parseGeneralNames } from './general-name';

export type BasicConstraints = { readonly ca: boolean; readonly pathLenConstraint: number | undefined };

/** The KeyUsage bits in order (bit 0 first). */
export const KEY_USAGES = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'] as const;
export type KeyUsage = (typeof KEY_USAGES)[number];

export type AuthorityKeyIdentifier = {
  readonly keyIdentifier: Uint8Array | undefined;
  readonly authorityCertIssuer: readonly GeneralName[] | undefined;
  readonly authorityCertSerialNumber: Uint8Array | undefined;
};

export type PolicyInformation = { readonly policyIdentifier: string; readonly qualifiersDer: Uint8Array | undefined };
export type PolicyConstraints = { readonly requireExplicitPolicy: number | undefined; readonly inhibitPolicyMapping: number | undefined };
export type PolicyMapping = { readonly issuerDomainPolicy: string; readonly subjectDomainPolicy: string };
export type GeneralSubtree = { readonly base: GeneralName; readonly minimum: number; readonly maximum: number | undefined };
export type NameConstraints = { readonly permitted: readonly GeneralSubtree[] | undefined; readonly excluded: readonly GeneralSubtree[] | undefined };

/** An [n] IMPLICIT INTEGER: the context tag read as the INTEGER it replaces. */
function readImplicitSmallInteger(item: DerNode, what: string): number {
  return readSmallInteger({ ...item, tagClass: 'universal', tag: UniversalTag.Integer }, what);
}

export function decodeBasicConstraints(value: Uint8Array): BasicConstraints {
  const items = expectSequence(parseDer(value), 'BasicConstraints');
  let i = 0;
  let ca = false;
  if (items[i] && isUniversal(items[i] as DerNode, UniversalTag.Boolean)) ca = readBoolean(items[i++] as DerNode);
  let pathLenConstraint: number | undefined;
  if (items[i]) pathLenConstraint = readSmallInteger(items[i++] as DerNode, 'pathLenConstraint');
  if (i !== items.length) throw new Asn1Error('BasicConstraints: unexpected fields');
  return { ca, pathLenConstraint };
}

export function decodeKeyUsage(value: Uint8Array): ReadonlySet<KeyUsage> {
  const { bytes, unusedBits } = readBitString(parseDer(value), 'KeyUsage');
  const usages = new Set<KeyUsage>();
  const bitCount = bytes.length * 8 - unusedBits;
  KEY_USAGES.forEach((usage, bit) => {
    if (bit < bitCount && ((bytes[bit >> 3] as number) & (0x80 >> (bit & 7))) !== 0) usages.add(usage);
  });
  return usages;
}

export function decodeExtKeyUsage(value: Uint8Array): readonly string[] {
  const items = expectSequence(parseDer(value), 'ExtKeyUsageSyntax');
  if (items.length === 0) throw new Asn1Error('ExtKeyUsageSyntax: must not be empty');
  return items.map((item) => readOid(item, 'KeyPurposeId'));
}

export function decodeSubjectKeyIdentifier(value: Uint8Array): Uint8Array {
  return readOctetString(parseDer(value), 'SubjectKeyIdentifier');
}

export function decodeAuthorityKeyIdentifier(value: Uint8Array): AuthorityKeyIdentifier {
  const items = expectSequence(parseDer(value), 'AuthorityKeyIdentifier');
  let keyIdentifier: Uint8Array | undefined;
  let authorityCertIssuer: GeneralName[] | undefined;
  let authorityCertSerialNumber: Uint8Array | undefined;
  for (const item of items) {
    if (isContext(item, 0) && !item.constructed) keyIdentifier = item.content;
    else if (isContext(item, 1) && item.constructed) authorityCertIssuer = boundedNameList(item.children, 'authorityCertIssuer').map(parseGeneralName);
    else if (isContext(item, 2) && !item.constructed) authorityCertSerialNumber = item.content;
    else throw new Asn1Error('AuthorityKeyIdentifier: unexpected field');
  }
  return { keyIdentifier, authorityCertIssuer, authorityCertSerialNumber };
}

export function decodeCertificatePolicies(value: Uint8Array): readonly PolicyInformation[] {
  const items = expectSequence(parseDer(value), 'CertificatePolicies');
  if (items.length === 0) throw new Asn1Error('CertificatePolicies: must not be empty');
  const seen = new Set<string>();
  return items.map((item) => {
    const [oid, qualifiers, extra] = expectSequence(item, 'PolicyInformation');
    if (extra) throw new Asn1Error('PolicyInformation: unexpected fields');
    const policyIdentifier = readOid(oid, 'policyIdentifier');
    // RFC 5280 4.2.1.4: a policy OID MUST NOT appear more than once.
    if (seen.has(policyIdentifier)) throw new Asn1Error(`CertificatePolicies: ${policyIdentifier} appears twice`);
    seen.add(policyIdentifier);
    if (qualifiers) expectSequence(qualifiers, 'policyQualifiers');
    return { policyIdentifier, qualifiersDer: qualifiers?.der };
  });
}

export function decodePolicyConstraints(value: Uint8Array): PolicyConstraints {
  const items = expectSequence(parseDer(value), 'PolicyConstraints');
  let requireExplicitPolicy: number | undefined;
  let inhibitPolicyMapping: number | undefined;
  for (const item of items) {
    if (isContext(item, 0)) requireExplicitPolicy = readImplicitSmallInteger(item, 'requireExplicitPolicy');
    else if (isContext(item, 1)) inhibitPolicyMapping = readImplicitSmallInteger(item, 'inhibitPolicyMapping');
    else throw new Asn1Error('PolicyConstraints: unexpected field');
  }
  // RFC 5280 4.2.1.11: conforming CAs MUST NOT issue an empty policyConstraints.
  if (requireExplicitPolicy === undefined && inhibitPolicyMapping === undefined) throw new Asn1Error('PolicyConstraints: empty');
  return { requireExplicitPolicy, inhibitPolicyMapping };
}

export function decodePolicyMappings(value: Uint8Array): readonly PolicyMapping[] {
  const items = expectSequence(parseDer(value), 'PolicyMappings');
  if (items.length === 0) throw new Asn1Error('PolicyMappings: must not be empty');
  return items.map((item) => {
    const [issuer, subject] = expectSequence(item, 'PolicyMapping');
    return { issuerDomainPolicy: readOid(issuer), subjectDomainPolicy: readOid(subject) };
  });
}

export function decodeInhibitAnyPolicy(value: Uint8Array): number {
  return readSmallInteger(parseDer(value), 'InhibitAnyPolicy');
}

function decodeSubtrees(node: DerNode, what: string): GeneralSubtree[] {
  if (!node.constructed || node.children.length === 0) throw new Asn1Error(`${what}: must hold at least one subtree`);
  return boundedNameList(node.children, what).map((subtree) => {
    const [base, ...rest] = expectSequence(subtree, 'GeneralSubtree');
    if (!base) throw new Asn1Error('GeneralSubtree: missing base');
    let minimum = 0;
    let maximum: number | undefined;
    for (const item of rest) {
      if (isContext(item, 0)) minimum = readImplicitSmallInteger(item, 'minimum');
      else if (isContext(item, 1)) maximum = readImplicitSmallInteger(item, 'maximum');
      else throw new Asn1Error('GeneralSubtree: unexpected field');
    }
    return { base: parseGeneralName(base), minimum, maximum };
  });
}

export function decodeNameConstraints(value: Uint8Array): NameConstraints {
  const items = expectSequence(parseDer(value), 'NameConstraints');
  let permitted: GeneralSubtree[] | undefined;
  let excluded: GeneralSubtree[] | undefined;
  for (const item of items) {
    if (isContext(item, 0) && permitted === undefined && excluded === undefined) permitted = decodeSubtrees(item, 'permittedSubtrees');
    else if (isContext(item, 1) && excluded === undefined) excluded = decodeSubtrees(item, 'excludedSubtrees');
    else throw new Asn1Error('NameConstraints: unexpected field');
  }
  // RFC 5280 4.2.1.10: either permittedSubtrees or excludedSubtrees MUST be present.
  if (!permitted && !excluded) throw new Asn1Error('NameConstraints: neither permitted nor excluded subtrees');
  return { permitted, excluded };
}

export function decodeSubjectAltName(value: Uint8Array): readonly GeneralName[] {
  return parseGeneralNames(parseDer(value), 'SubjectAltName');
}

/** AuthorityInfoAccess / SubjectInfoAccess: only checked for well-formedness. */
export function decodeInfoAccess(value: Uint8Array): readonly { method: string; location: GeneralName }[] {
  const items = expectSequence(parseDer(value), 'InfoAccess');
  if (items.length === 0) throw new Asn1Error('InfoAccess: must not be empty');
  return boundedNameList(items, 'InfoAccess').map((item) => {
    const [method, location, extra] = expectSequence(item, 'AccessDescription');
    if (!location || extra) throw new Asn1Error('AccessDescription: expected method and location');
    return { method: readOid(method), location: parseGeneralName(location) };
  });
}

export type DistributionPoint = {
  /** fullName [0] of distributionPoint; undefined when absent or given as nameRelativeToCRLIssuer. */
  readonly fullName: readonly GeneralName[] | undefined;
  /** A `reasons` subset [1] is present: the CRL there is partitioned by reason. */
  readonly hasReasons: boolean;
  /** cRLIssuer [2] is present: an indirect CRL. */
  readonly hasCrlIssuer: boolean;
};

/** CRLDistributionPoints (RFC 5280 4.2.1.13). */
export function decodeCrlDistributionPoints(value: Uint8Array): readonly DistributionPoint[] {
  return boundedNameList(expectSequence(parseDer(value), 'CRLDistributionPoints'), 'CRLDistributionPoints').map((point) => {
    const fields = expectSequence(point, 'DistributionPoint');
    const name = fields.find((f) => isContext(f, 0))?.children[0];
    return {
      fullName: name && isContext(name, 0) && name.constructed ? boundedNameList(name.children, 'fullName').map(parseGeneralName) : undefined,
      hasReasons: fields.some((f) => isContext(f, 1)),
      hasCrlIssuer: fields.some((f) => isContext(f, 2)),
    };
  });
}
