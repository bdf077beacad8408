/**
 * Just enough DER to read a CRL's thisUpdate and nextUpdate (RFC 5280 5.1), so the relay knows how long
 * to keep it. Nothing here is trusted: the page parses and verifies every CRL itself. Anything that does
 * not look like a DER CertificateList gives `undefined`, and the cache falls back to a short TTL.
 *
 *   CertificateList ::= SEQUENCE { tbsCertList TBSCertList, signatureAlgorithm, signatureValue }
 *   TBSCertList ::= SEQUENCE { version INTEGER OPTIONAL, signature AlgorithmIdentifier, issuer Name,
 *                              thisUpdate Time, nextUpdate Time OPTIONAL, ... }
 */

type Tlv = { tag: number; start: number; end: number };

function readTlv(der: Uint8Array, offset: number, limit: number): Tlv | undefined {
  if (offset + 2 > limit) return undefined;
  const tag = der[offset] as number;
  if ((tag & 0x1f) === 0x1f) return undefined; // high tag numbers never occur where we look
  let length = der[offset + 1] as number;
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > limit) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (der[start + i] as number);
    start += count;
  }
  const end = start + length;
  if (end > limit) return undefined;
  return { tag, start, end };
}

const UTC_TIME = 0x17;
const GENERALIZED_TIME = 0x18;

function readTime(der: Uint8Array, tlv: Tlv): Date | undefined {
  const text = String.fromCharCode(...der.subarray(tlv.start, tlv.end));
  const match =
    tlv.tag === UTC_TIME ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const year = tlv.tag === UTC_TIME ? (y >= 50 ? 1900 + y : 2000 + y) : y;
  const time = Date.UTC(year, mo - 1, d, h, mi, s);
  return Number.isNaN(time) ? undefined : new Date(time);
}

export type CrlTimes = { thisUpdate: Date; nextUpdate?: Date };

/** thisUpdate and nextUpdate of a DER CRL, or undefined when the bytes are not one. */
export function readCrlTimes(der: Uint8Array): CrlTimes | undefined {
  const outer = readTlv(der, 0, der.length);
  if (!outer || outer.tag !== 0x30) return undefined;
  const tbs = readTlv(der, outer.start, outer.end);
  if (!tbs || tbs.tag !== 0x30) return undefined;
  let field = readTlv(der, tbs.start, tbs.end);
  if (field?.tag === 0x02) field = readTlv(der, field.end, tbs.end); // version
  if (field?.tag !== 0x30) return undefined; // signature AlgorithmIdentifier
  field = readTlv(der, field.end, tbs.end);
  if (field?.tag !== 0x30) return undefined; // issuer Name
  field = readTlv(der, field.end, tbs.end);
  if (!field || (field.tag !== UTC_TIME && field.tag !== GENERALIZED_TIME)) return undefined;
  const thisUpdate = readTime(der, field);
  if (!thisUpdate) return undefined;
  const next = readTlv(der, field.end, tbs.end);
  if (!next || (next.tag !== UTC_TIME && next.tag !== GENERALIZED_TIME)) return { thisUpdate };
  const nextUpdate = readTime(der, next);
  return nextUpdate ? { thisUpdate, nextUpdate } : { thisUpdate };
}
