/**
 * Which IP addresses the relay may connect to. The URLs come from untrusted certificates, so every
 * address a name resolves to is checked, and only public unicast addresses pass: a CRL or OCSP URL
 * that names (or resolves to) loopback, a private network, link-local (the 169.254.169.254 cloud
 * metadata service), multicast or any reserved range is refused before a connection is made.
 */
import { isIP } from 'node:net';

export type AddressPolicy = {
  /** Loopback (127.0.0.0/8, ::1) is allowed: only for tests, whose upstream servers listen on 127.0.0.1. */
  readonly allowLoopback: boolean;
};

export const productionPolicy: AddressPolicy = { allowLoopback: false };

/** IPv4 ranges that are not public unicast (RFC 6890 special-purpose registry, plus multicast and class E). */
const IPV4_REFUSED: readonly [string, number, string][] = [
  ['0.0.0.0', 8, 'unspecified ("this network")'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared address space (carrier-grade NAT)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local (includes the 169.254.169.254 metadata service)'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, '6to4 relay anycast'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved (includes the 255.255.255.255 broadcast)'],
];

function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function classifyIpv4(address: string): string | undefined {
  const value = ipv4ToNumber(address);
  for (const [base, bits, why] of IPV4_REFUSED) {
    const size = 2 ** (32 - bits);
    const start = ipv4ToNumber(base);
    if (value >= start && value < start + size) return why;
  }
  return undefined;
}

/** The eight 16-bit groups of an IPv6 address (an embedded dotted IPv4 tail included). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    // An embedded dotted IPv4 tail (::ffff:1.2.3.4) becomes two hex groups.
    const v4 = ipv4ToNumber(text.slice(lastColon + 1));
    text = `${text.slice(0, lastColon + 1)}${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`;
  }
  const [head, rest] = text.includes('::') ? text.split('::') : [text, undefined];
  const parse = (s: string | undefined) => (s ? s.split(':').filter((g) => g !== '').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(rest);
  const missing = 8 - left.length - right.length;
  return [...left, ...(rest === undefined ? [] : new Array<number>(Math.max(missing, 0)).fill(0)), ...right];
}

function classifyIpv6(address: string): string | undefined {
  const g = ipv6Groups(address);
  if (g.length !== 8) return 'not a valid IPv6 address';
  const [g0, g1, g2, g3, g4, g5, g6, g7] = g as [number, number, number, number, number, number, number, number];
  const embeddedV4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (g.every((x) => x === 0)) return 'unspecified (::)';
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0 && g6 === 0 && g7 === 1) return 'loopback (::1)';
  // ::ffff:a.b.c.d (IPv4-mapped) and ::a.b.c.d (IPv4-compatible, deprecated): judged as the IPv4 address.
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && (g5 === 0xffff || g5 === 0)) {
    const v4 = embeddedV4(g6, g7);
    const why = classifyIpv4(v4);
    return why ? `IPv4 ${g5 ? 'mapped' : 'compatible'} address of ${v4}: ${why}` : undefined;
  }
  // 64:ff9b::/96 (NAT64) embeds an IPv4 address; 2002::/16 (6to4) embeds one in groups 1-2.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    const why = classifyIpv4(embeddedV4(g6, g7));
    return why ? `NAT64 address of ${embeddedV4(g6, g7)}: ${why}` : undefined;
  }
  if (g0 === 0x2002) {
    const why = classifyIpv4(embeddedV4(g1, g2));
    return why ? `6to4 address of ${embeddedV4(g1, g2)}: ${why}` : undefined;
  }
  if ((g0 & 0xfe00) === 0xfc00) return 'unique local (fc00::/7, private)';
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local (fe80::/10)';
  if ((g0 & 0xffc0) === 0xfec0) return 'site-local (fec0::/10, deprecated)';
  if ((g0 & 0xff00) === 0xff00) return 'multicast (ff00::/8)';
  if (g0 === 0x2001 && g1 === 0x0db8) return 'documentation (2001:db8::/32)';
  if (g0 === 0x2001 && g1 === 0) return 'Teredo (2001::/32)';
  if (g0 === 0x0100 && g1 === 0 && g2 === 0 && g3 === 0) return 'discard-only (100::/64)';
  // Global unicast is 2000::/3; everything else is reserved.
  if ((g0 & 0xe000) !== 0x2000) return 'reserved IPv6 range';
  return undefined;
}

function isLoopback(address: string): boolean {
  if (isIP(address) === 4) return address.startsWith('127.');
  const g = ipv6Groups(address);
  if (g.length !== 8) return false;
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return true;
  return g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff && (g[6] as number) >> 8 === 127;
}

/** Why `address` (an IP literal) may not be connected to, or undefined when it may. */
export function refusalReason(address: string, policy: AddressPolicy): string | undefined {
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  if (policy.allowLoopback && isLoopback(address)) return undefined;
  return family === 4 ? classifyIpv4(address) : classifyIpv6(address);
}
