/**
 * Distinguished names with RFC 5280 section 7.1 comparison: attribute values of the string types are
 * compared after RFC 4518-style preparation (case folded, insignificant spaces removed); any other
 * value compares by its DER encoding. Each name gets a canonical `key` so equal names index together.
 */
import { Asn1Error, type DerNode, expectSequence, isUniversal, parseDer, readOid, readString, UniversalTag } from '../der/asn1';
import { toHex } from '../bytes';

export type NameAttribute = {
  readonly type: string;
  /** The value's text when it is an ASN.1 string type. */
  readonly text: string | undefined;
  readonly valueDer: Uint8Array;
};

export type RelativeDistinguishedName = readonly NameAttribute[];

export type Name = {
  readonly der: Uint8Array;
  readonly rdns: readonly RelativeDistinguishedName[];
  /** Canonical form: names that compare equal under RFC 5280 have the same key. */
  readonly key: string;
  readonly isEmpty: boolean;
};

const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.15': 'businessCategory',
  '2.5.4.4': 'SN',
  '2.5.4.42': 'GN',
  '2.5.4.97': 'organizationIdentifier',
  '1.3.6.1.4.1.311.60.2.1.3': 'jurisdictionC',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

export const OID_EMAIL_ADDRESS = '1.2.840.113549.1.9.1';
export const OID_COMMON_NAME = '2.5.4.3';

function prepare(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function attributeKey(attribute: NameAttribute): string {
  const value = attribute.text !== undefined ? prepare(attribute.text) : `#${toHex(attribute.valueDer)}`;
  return `${attribute.type}=${JSON.stringify(value)}`;
}

export function rdnKey(rdn: RelativeDistinguishedName): string {
  return rdn.map(attributeKey).sort().join('+');
}

export function parseNameNode(node: DerNode): Name {
  const rdns = expectSequence(node, 'Name').map((set) => {
    if (!isUniversal(set, UniversalTag.Set) || set.children.length === 0) throw new Asn1Error('Name: an RDN must be a non-empty SET');
    return set.children.map((atv): NameAttribute => {
      const [type, value] = expectSequence(atv, 'AttributeTypeAndValue');
      if (!value) throw new Asn1Error('AttributeTypeAndValue: missing value');
      return { type: readOid(type), text: readString(value), valueDer: value.der };
    });
  });
  return {
    der: node.der,
    rdns,
    key: rdns.map(rdnKey).join(','),
    isEmpty: rdns.length === 0,
  };
}

export function parseName(der: Uint8Array): Name {
  return parseNameNode(parseDer(der));
}

export function namesEqual(a: Name, b: Name): boolean {
  return a.key === b.key;
}

/** True when `name` lies within the subtree `base` (its RDN sequence starts with base's RDNs). */
export function nameWithinSubtree(name: Name, base: Name): boolean {
  if (base.rdns.length > name.rdns.length) return false;
  for (let i = 0; i < base.rdns.length; i++) if (rdnKey(base.rdns[i] as RelativeDistinguishedName) !== rdnKey(name.rdns[i] as RelativeDistinguishedName)) return false;
  return true;
}

/** Values of one attribute type, in order (e.g. the CNs). */
export function nameAttributes(name: Name, type: string): string[] {
  const out: string[] = [];
  for (const rdn of name.rdns) for (const a of rdn) if (a.type === type && a.text !== undefined) out.push(a.text);
  return out;
}

/** RFC 4514-style text, most specific RDN first. */
export function formatName(name: Name): string {
  return [...name.rdns]
    .reverse()
    .map((rdn) => rdn.map((a) => `${SHORT_NAMES[a.type] ?? a.type}=${a.text ?? `#${toHex(a.valueDer)}`}`).join('+'))
    .join(', ');
}
