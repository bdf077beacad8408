/**
 * A small DER writer (X.690): definite minimal lengths, one function per type. The counterpart of the
 * strict reader in asn1.ts; used to assemble CMS structures (cms/p7s.ts) and by the test fixtures.
 */
import { joinBytes } from '../bytes';

function length(n: number): Uint8Array {
  if (n < 0x80) return new Uint8Array([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return new Uint8Array([0x80 | bytes.length, ...bytes]);
}

/** DER encoders, one per type: each returns the whole TLV. */
export const der = {
  tlv: (tag: number, ...content: Uint8Array[]) => joinBytes([new Uint8Array([tag]), length(content.reduce((n, c) => n + c.length, 0)), ...content]),
  seq: (...parts: Uint8Array[]) => der.tlv(0x30, ...parts),
  set: (...parts: Uint8Array[]) => der.tlv(0x31, ...parts),
  bool: (v: boolean) => der.tlv(0x01, new Uint8Array([v ? 0xff : 0])),
  int(v: number | bigint | Uint8Array): Uint8Array {
    if (v instanceof Uint8Array) return der.tlv(0x02, v);
    let hex = BigInt(v).toString(16);
    if (hex.length % 2) hex = `0${hex}`;
    if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
    return der.tlv(0x02, new Uint8Array(hex.match(/../g)!.map((h) => parseInt(h, 16))));
  },
  oid(text: string): Uint8Array {
    const [a, b, ...rest] = text.split('.').map(Number) as [number, number, ...number[]];
    const bytes: number[] = [];
    for (const n of [a * 40 + b, ...rest]) {
      const chunk: number[] = [n & 0x7f];
      for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
      bytes.push(...chunk);
    }
    return der.tlv(0x06, new Uint8Array(bytes));
  },
  utf8: (s: string) => der.tlv(0x0c, new TextEncoder().encode(s)),
  ia5: (s: string) => der.tlv(0x16, new TextEncoder().encode(s)),
  octet: (b: Uint8Array) => der.tlv(0x04, b),
  bits: (b: Uint8Array, unused = 0) => der.tlv(0x03, new Uint8Array([unused]), b),
  null: () => new Uint8Array([5, 0]),
  time(d: Date): Uint8Array {
    const iso = d.toISOString();
    const digits = iso.slice(0, 19).replace(/[-:T]/g, '');
    return d.getUTCFullYear() < 2050 ? der.tlv(0x17, new TextEncoder().encode(`${digits.slice(2)}Z`)) : der.tlv(0x18, new TextEncoder().encode(`${digits}Z`));
  },
  ctx: (n: number, content: Uint8Array, constructed = false) => der.tlv(0x80 | (constructed ? 0x20 : 0) | n, content),
  explicit: (n: number, inner: Uint8Array) => der.tlv(0xa0 | n, inner),
};
