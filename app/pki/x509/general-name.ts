/** GeneralName (RFC 5280 4.2.1.6): the alternative names and name-constraint bases. */
import { Asn1Error, type DerNode, decodeOid, expectSequence, isContext, readOid } from '../der/asn1';
import { toHex } from '../bytes';
import { PkiLimitError } from '../errors';
import { GENERAL_NAMES_MAX } from '../limits';
import { type Name, parseNameNode, formatName } from './name';

export type GeneralName =
  | { readonly type: 'dns'; readonly value: string }
  | { readonly type: 'email'; readonly value: string }
  | { readonly type: 'uri'; readonly value: string }
  | { readonly type: 'ip'; readonly bytes: Uint8Array }
  | { readonly type: 'directoryName'; readonly name: Name }
  | { readonly type: 'otherName'; readonly oid: string; readonly der: Uint8Array }
  | { readonly type: 'registeredId'; readonly oid: string }
  | { readonly type: 'x400Address' | 'ediPartyName'; readonly der: Uint8Array };

export type GeneralNameType = GeneralName['type'];

const latin1 = new TextDecoder('latin1');

function ia5(node: DerNode, what: string): string {
  if (node.constructed) throw new Asn1Error(`${what}: expected a primitive IA5String`);
  return latin1.decode(node.content);
}

export function parseGeneralName(node: DerNode): GeneralName {
  if (node.tagClass !== 'context') throw new Asn1Error('GeneralName: expected a context-specific tag');
  switch (node.tag) {
    case 0: {
      const [oid, value] = node.children;
      if (!value || !isContext(value, 0)) throw new Asn1Error('otherName: missing value');
      return { type: 'otherName', oid: readOid(oid), der: node.der };
    }
    case 1:
      return { type: 'email', value: ia5(node, 'rfc822Name') };
    case 2:
      return { type: 'dns', value: ia5(node, 'dNSName') };
    case 3:
      return { type: 'x400Address', der: node.der };
    case 4: {
      if (!node.constructed || node.children.length !== 1) throw new Asn1Error('directoryName: expected one Name');
      return { type: 'directoryName', name: parseNameNode(node.children[0] as DerNode) };
    }
    case 5:
      return { type: 'ediPartyName', der: node.der };
    case 6:
      return { type: 'uri', value: ia5(node, 'uniformResourceIdentifier') };
    case 7:
      if (node.constructed) throw new Asn1Error('iPAddress: expected an OCTET STRING');
      return { type: 'ip', bytes: node.content };
    case 8:
      if (node.constructed || node.content.length === 0) throw new Asn1Error('registeredID: expected an OID');
      return { type: 'registeredId', oid: decodeOid(node.content) };
    default:
      throw new Asn1Error(`GeneralName: unknown tag [${node.tag}]`);
  }
}

/** `items` unless the list is longer than any real one (limits.ts): checked before any name is decoded. */
export function boundedNameList<T>(items: readonly T[], what: string): readonly T[] {
  if (items.length > GENERAL_NAMES_MAX) throw new PkiLimitError('general-names', GENERAL_NAMES_MAX, { details: `${what}: ${items.length} names` });
  return items;
}

export function parseGeneralNames(node: DerNode, what: string): GeneralName[] {
  const items = expectSequence(node, what);
  if (items.length === 0) throw new Asn1Error(`${what}: must not be empty`);
  return boundedNameList(items, what).map(parseGeneralName);
}

export function formatIp(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  if (bytes.length === 16) {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] as number) << 8) | (bytes[i + 1] as number)).toString(16));
    return groups.join(':');
  }
  return toHex(bytes);
}

export function formatGeneralName(name: GeneralName): string {
  switch (name.type) {
    case 'dns':
    case 'email':
    case 'uri':
      return `${name.type}:${name.value}`;
    case 'ip':
      return `ip:${formatIp(name.bytes)}`;
    case 'directoryName':
      return `dirName:${formatName(name.name)}`;
    case 'otherName':
      return `otherName:${name.oid}`;
    case 'registeredId':
      return `registeredID:${name.oid}`;
    default:
      return name.type;
  }
}
