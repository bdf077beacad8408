// Over 300 lines: the one strict DER reader of the engine (tags, lengths, every universal type it reads, and its limits), kept whole so every malformed case is refused in one place.
/**
 * A small read-only DER view: tag, content bytes, children and the full encoding of each node.
 * Certificates and extension values are read through it so the engine controls exactly what counts
 * as malformed.
 */
import { PkiError, PkiLimitError, type PkiErrorOptions } from '../errors';
import { INTEGER_MAX_OCTETS } from '../limits';

export type TagClass = 'universal' | 'application' | 'context' | 'private';

export type DerNode = {
  readonly tagClass: TagClass;
  readonly tag: number;
  readonly constructed: boolean;
  /** The content octets of a primitive node (empty for constructed nodes). */
  readonly content: Uint8Array;
  readonly children: readonly DerNode[];
  /** The node's whole encoding (tag, length, content). */
  readonly der: Uint8Array;
};

/** Bytes that are not the strict DER expected; `message` says what, for logs. */
export class Asn1Error extends PkiError {
  override readonly name = 'Asn1Error';
  constructor(message: string, options: PkiErrorOptions = {}) {
    super(message, { messageKey: 'pki.der.malformed', ...options });
  }
}

const TAG_CLASSES: readonly TagClass[] = ['universal', 'universal', 'application', 'context', 'private'];

export const UniversalTag = {
  Boolean: 1,
  Integer: 2,
  BitString: 3,
  OctetString: 4,
  Null: 5,
  ObjectIdentifier: 6,
  Enumerated: 10,
  Utf8String: 12,
  Sequence: 16,
  Set: 17,
  NumericString: 18,
  PrintableString: 19,
  TeletexString: 20,
  Ia5String: 22,
  UtcTime: 23,
  GeneralizedTime: 24,
  VisibleString: 26,
  UniversalString: 28,
  BmpString: 30,
} as const;

/**
 * Parse the element at `offset`, strict DER: BER's indefinite and non-minimal lengths, non-minimal tags
 * and the non-canonical universal encodings of checkUniversal are refused.
 * A hand-written TLV walk: the engine parses tens of thousands of certificates in a test run, and
 * this keeps it allocation-light.
 */
function parseAt(bytes: Uint8Array, offset: number, depth: number): DerNode {
  if (depth > 64) throw new Asn1Error('ASN.1 nesting too deep');
  const start = offset;
  if (offset >= bytes.length) throw new Asn1Error('truncated ASN.1: missing tag');
  const first = bytes[offset++] as number;
  const tagClass = TAG_CLASSES[(first >> 6) + 1] as TagClass;
  const constructed = (first & 0x20) !== 0;
  let tag = first & 0x1f;
  if (tag === 0x1f) {
    tag = 0;
    let byte: number;
    if (bytes[offset] === 0x80) throw new Asn1Error('non-minimal tag number is not DER');
    do {
      if (offset >= bytes.length) throw new Asn1Error('truncated ASN.1: long tag');
      byte = bytes[offset++] as number;
      tag = tag * 128 + (byte & 0x7f);
    } while (byte & 0x80);
    if (tag < 0x1f) throw new Asn1Error('non-minimal tag number is not DER');
  }
  if (offset >= bytes.length) throw new Asn1Error('truncated ASN.1: missing length');
  let length = bytes[offset++] as number;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0) throw new Asn1Error('indefinite length is not DER');
    if (count > 4) throw new Asn1Error('ASN.1 length too large');
    // DER (X.690 10.1): the fewest length octets, so the same value has one encoding.
    if (bytes[offset] === 0) throw new Asn1Error('non-minimal length is not DER');
    length = 0;
    for (let i = 0; i < count; i++) {
      if (offset >= bytes.length) throw new Asn1Error('truncated ASN.1: length');
      length = length * 256 + (bytes[offset++] as number);
    }
    if (length < 0x80) throw new Asn1Error('non-minimal length is not DER');
  }
  const end = offset + length;
  if (end > bytes.length) throw new Asn1Error('truncated ASN.1: content runs past the end');
  const der = bytes.subarray(start, end);
  if (tagClass === 'universal') checkUniversal(tag, constructed, bytes, offset, end);
  if (!constructed) return { tagClass, tag, constructed, content: bytes.subarray(offset, end), children: NO_CHILDREN, der };
  const children: DerNode[] = [];
  while (offset < end) {
    const child = parseAt(bytes, offset, depth + 1);
    children.push(child);
    offset += child.der.length;
  }
  if (offset !== end) throw new Asn1Error('ASN.1 children overrun their parent');
  return { tagClass, tag, constructed, content: EMPTY, children, der };
}

const EMPTY = new Uint8Array(0);
/** Every primitive node's children: one frozen empty list rather than an allocation per node. */
const NO_CHILDREN: readonly DerNode[] = Object.freeze([]);

/**
 * DER's one-encoding rules for the universal types the engine reads (X.690 8.2, 8.3, 10.2, 11.2.1):
 * SEQUENCE and SET constructed, everything else primitive (no constructed strings), BOOLEAN 00 or FF,
 * NULL empty, INTEGER and ENUMERATED non-empty without a superfluous leading 00 or FF octet, BIT
 * STRING unused bits zero.
 */
function checkUniversal(tag: number, constructed: boolean, bytes: Uint8Array, start: number, end: number): void {
  if (tag === UniversalTag.Sequence || tag === UniversalTag.Set) {
    if (!constructed) throw new Asn1Error('a primitive SEQUENCE or SET is not DER');
    return;
  }
  if (constructed) throw new Asn1Error(`a constructed universal ${tag} is not DER`);
  const length = end - start;
  switch (tag) {
    case UniversalTag.Boolean:
      if (length !== 1 || (bytes[start] !== 0 && bytes[start] !== 0xff)) throw new Asn1Error('a BOOLEAN must be one octet, 00 or FF');
      return;
    case UniversalTag.BitString: {
      // X.690 11.2.1: the unused bits of the last octet are zero; an empty BIT STRING has none.
      const unused = bytes[start];
      if (unused === undefined || unused > 7 || (length === 1 && unused !== 0) || ((bytes[end - 1] as number) & ((1 << unused) - 1)) !== 0)
        throw new Asn1Error('a BIT STRING must have 0-7 unused bits, all zero');
      return;
    }
    case UniversalTag.Null:
      if (length !== 0) throw new Asn1Error('a NULL must be empty');
      return;
    case UniversalTag.Integer:
    case UniversalTag.Enumerated: {
      if (length === 0) throw new Asn1Error('an INTEGER must have content');
      // No real key or serial number is longer; a bigger one only feeds big-number work (RSA exponents, BigInt).
      if (length > INTEGER_MAX_OCTETS) throw new PkiLimitError('integer-size', INTEGER_MAX_OCTETS, { details: `an INTEGER of ${length} octets` });
      const first = bytes[start] as number;
      if (length > 1 && ((first === 0 && ((bytes[start + 1] as number) & 0x80) === 0) || (first === 0xff && ((bytes[start + 1] as number) & 0x80) !== 0)))
        throw new Asn1Error('non-minimal INTEGER is not DER');
      return;
    }
  }
}

/** Parse exactly one DER element occupying all of `bytes`. */
export function parseDer(bytes: Uint8Array): DerNode {
  const node = parseAt(bytes, 0, 0);
  if (node.der.length !== bytes.length) throw new Asn1Error('trailing data after the ASN.1 element');
  return node;
}

/** A TLV header at `offset` (strict DER lengths): its first octet and where its content starts and ends. */
export function readTlvHeader(bytes: Uint8Array, offset: number, limit: number): { readonly tag: number; readonly start: number; readonly end: number } {
  if (offset + 2 > limit) throw new Asn1Error('truncated ASN.1');
  const tag = bytes[offset] as number;
  if ((tag & 0x1f) === 0x1f) throw new Asn1Error('unexpected long tag');
  let length = bytes[offset + 1] as number;
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || bytes[start] === 0) throw new Asn1Error('length is not DER');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[start + i] ?? Number.NaN);
    start += count;
    if (!(length >= 0x80)) throw new Asn1Error('length is not DER');
  }
  if (start + length > limit) throw new Asn1Error('truncated ASN.1: content runs past its parent');
  return { tag, start, end: start + length };
}

export function isUniversal(node: DerNode, tag: number): boolean {
  return node.tagClass === 'universal' && node.tag === tag;
}

export function isContext(node: DerNode, tag: number): boolean {
  return node.tagClass === 'context' && node.tag === tag;
}

export function expectSequence(node: DerNode | undefined, what: string): readonly DerNode[] {
  if (!node || !isUniversal(node, UniversalTag.Sequence) || !node.constructed) throw new Asn1Error(`${what}: expected a SEQUENCE`);
  return node.children;
}

export function readOid(node: DerNode | undefined, what = 'OBJECT IDENTIFIER'): string {
  if (!node || !isUniversal(node, UniversalTag.ObjectIdentifier) || node.constructed || node.content.length === 0)
    throw new Asn1Error(`${what}: expected an OBJECT IDENTIFIER`);
  return decodeOid(node.content);
}

export function decodeOid(content: Uint8Array): string {
  // Built as one string (no arrays): a certificate has a few dozen OIDs, read on every parse.
  let out = '';
  let value = 0;
  for (let i = 0; i < content.length; i++) {
    const byte = content[i] as number;
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      // The first subidentifier packs the first two arcs (X.690 8.19.4).
      if (out === '') out = value < 40 ? `0.${value}` : value < 80 ? `1.${value - 40}` : `2.${value - 80}`;
      else out += `.${value}`;
      value = 0;
    } else if (i === content.length - 1) throw new Asn1Error('truncated OBJECT IDENTIFIER');
  }
  return out === '' ? '0.0' : out;
}

export function readBoolean(node: DerNode): boolean {
  if (!isUniversal(node, UniversalTag.Boolean) || node.content.length !== 1) throw new Asn1Error('expected a BOOLEAN');
  return node.content[0] === 0xff;
}

/** A non-negative INTEGER small enough for a JS number (path lengths, skip certs). */
export function readSmallInteger(node: DerNode, what: string): number {
  if (!isUniversal(node, UniversalTag.Integer) || node.content.length === 0) throw new Asn1Error(`${what}: expected an INTEGER`);
  if (((node.content[0] as number) & 0x80) !== 0) throw new Asn1Error(`${what}: negative INTEGER`);
  if (node.content.length > 6) return Number.MAX_SAFE_INTEGER;
  let value = 0;
  for (const byte of node.content) value = value * 256 + byte;
  return value;
}

export function readOctetString(node: DerNode | undefined, what: string): Uint8Array {
  if (!node || !isUniversal(node, UniversalTag.OctetString) || node.constructed) throw new Asn1Error(`${what}: expected an OCTET STRING`);
  return node.content;
}

/** BIT STRING as (bytes, unused bits). */
export function readBitString(node: DerNode | undefined, what: string): { bytes: Uint8Array; unusedBits: number } {
  if (!node || !isUniversal(node, UniversalTag.BitString) || node.constructed || node.content.length === 0)
    throw new Asn1Error(`${what}: expected a BIT STRING`);
  const unusedBits = node.content[0] as number;
  if (unusedBits > 7) throw new Asn1Error(`${what}: bad unused-bits count`);
  return { bytes: node.content.subarray(1), unusedBits };
}

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of short all-ASCII content (the attributes of names, times), which reads the same in every
 * decoder; undefined otherwise. TextDecoder's cost per call outweighs its work on a dozen octets, and
 * a certificate has a few dozen such strings.
 */
function asciiText(c: Uint8Array): string | undefined {
  if (c.length > 64) return undefined;
  let s = '';
  for (let i = 0; i < c.length; i++) {
    const code = c[i] as number;
    if (code >= 0x80) return undefined;
    s += String.fromCharCode(code);
  }
  return s;
}

/** The text of any ASN.1 string type, or undefined when the node is not a string. */
export function readString(node: DerNode): string | undefined {
  if (node.tagClass !== 'universal' || node.constructed) return undefined;
  const c = node.content;
  switch (node.tag) {
    case UniversalTag.Utf8String:
      try {
        return asciiText(c) ?? utf8.decode(c);
      } catch {
        return undefined;
      }
    case UniversalTag.PrintableString:
    case UniversalTag.Ia5String:
    case UniversalTag.NumericString:
    case UniversalTag.VisibleString:
    case UniversalTag.TeletexString:
      return asciiText(c) ?? latin1.decode(c);
    case UniversalTag.BmpString: {
      let s = '';
      for (let i = 0; i + 1 < c.length; i += 2) s += String.fromCharCode(((c[i] as number) << 8) | (c[i + 1] as number));
      return s;
    }
    case UniversalTag.UniversalString: {
      let s = '';
      for (let i = 0; i + 3 < c.length; i += 4)
        s += String.fromCodePoint((((c[i] as number) << 24) | ((c[i + 1] as number) << 16) | ((c[i + 2] as number) << 8) | (c[i + 3] as number)) >>> 0);
      return s;
    }
    default:
      return undefined;
  }
}

/**
 * UTCTime or GeneralizedTime as a Date; undefined unless the encoding is exactly RFC 5280 4.1.2.5's:
 * YYMMDDHHMMSSZ or YYYYMMDDHHMMSSZ (no fractions, no offsets), on a real calendar date and time.
 */
export function readTime(node: DerNode): Date | undefined {
  const text = asciiText(node.content) ?? latin1.decode(node.content);
  if (isUniversal(node, UniversalTag.UtcTime)) {
    const m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
    if (!m) return undefined;
    const yy = Number(m[1]);
    return utc(yy >= 50 ? 1900 + yy : 2000 + yy, m);
  }
  if (isUniversal(node, UniversalTag.GeneralizedTime)) {
    const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
    // Dates through 2049 are UTCTime (RFC 5280 4.1.2.5, 5.1.2.4): a GeneralizedTime for them is a second encoding.
    if (!m || Number(m[1]) < 2050) return undefined;
    return utc(Number(m[1]), m);
  }
  return undefined;
}

function utc(year: number, m: RegExpExecArray): Date | undefined {
  const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  // setUTCFullYear, unlike Date.UTC, keeps years 0-99 as they are.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  // A day the month lacks (30 February) rolls over into the next month: not a real date.
  if (date.getUTCMonth() !== month - 1) return undefined;
  return date;
}
