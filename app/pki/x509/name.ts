/**
 * Distinguished names with RFC 5280 section 7.1 comparison: attribute values of the string types are
 * compared after RFC 4518-style preparation (case folded, insignificant spaces removed); any other
 * value compares by its DER encoding. Each name gets a canonical `key` so equal names index together.
 */
import { Asn1Error, type DerNode, expectSequence, isUniversal, parseDer, readOid, readString, UniversalTag } from '../der/asn1';
import { toHex } from '../bytes';
import { PkiLimitError } from '../errors';
import { NAME_MAX_ATTRIBUTES } from '../limits';
import { NAME_SHORT_NAMES, NameOid } from '../oids';

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

/** Kept for the path modules that import them; `NameOid` in ../oids is the table. */
export const OID_EMAIL_ADDRESS = NameOid.emailAddress;
export const OID_COMMON_NAME = NameOid.commonName;

function prepare(text: string): string {
  // Printable ASCII (nearly every name) is its own NFKC form and its only white space is U+0020, so
  // the same steps reduce to trimming, collapsing runs of spaces and lower-casing.
  let printableAscii = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) {
      printableAscii = false;
      break;
    }
  }
  if (printableAscii) {
    const trimmed = text.trim();
    return (trimmed.includes('  ') ? trimmed.replace(/ {2,}/g, ' ') : trimmed).toLowerCase();
  }
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function attributeKey(attribute: NameAttribute): string {
  const value = attribute.text !== undefined ? prepare(attribute.text) : `#${toHex(attribute.valueDer)}`;
  return `${attribute.type}=${JSON.stringify(value)}`;
}

/** The comparable key of one RDN (RFC 5280 7.1 comparison), also used to name a CRL distribution point relative to its issuer. */
export function rdnKey(rdn: RelativeDistinguishedName): string {
  return rdn.map(attributeKey).sort().join('+');
}

export function parseNameNode(node: DerNode): Name {
  const sets = expectSequence(node, 'Name');
  // Before any attribute is decoded, prepared (NFKC) or sorted into the name's key.
  const attributes = sets.reduce((count, set) => count + set.children.length, 0);
  if (attributes > NAME_MAX_ATTRIBUTES) throw new PkiLimitError('name-attributes', NAME_MAX_ATTRIBUTES, { details: `a name of ${attributes} attributes` });
  const rdns = sets.map((set) => {
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
    .map((rdn) => rdn.map((a) => `${NAME_SHORT_NAMES[a.type] ?? a.type}=${a.text ?? `#${toHex(a.valueDer)}`}`).join('+'))
    .join(', ');
}
