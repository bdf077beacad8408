/** Syntax of DNS names, IP addresses and mailboxes, and matching a peer name against a certificate. */
import { bytesEqual } from '../bytes';
import type { GeneralName } from '../x509/general-name';

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/** A DNS name in preferred name syntax (RFC 1034 3.5 as relaxed by RFC 1123); `*.` prefix when allowed. */
export function isValidDnsName(name: string, options: { allowWildcard: boolean }): boolean {
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  if (labels[0] === '*' && options.allowWildcard) {
    labels.shift();
    // A wildcard needs at least two labels under it ("*.com" is not a valid wildcard).
    if (labels.length < 2) return false;
  }
  return labels.every((label) => LABEL.test(label));
}

export function parseIpAddress(text: string): Uint8Array | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    const parts = text.split('.').map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return new Uint8Array(parts);
  }
  if (!text.includes(':')) return undefined;
  let head = text;
  let tailV4: number[] = [];
  const v4 = /:(\d{1,3}(\.\d{1,3}){3})$/.exec(text);
  if (v4) {
    const bytes = parseIpAddress(v4[1] as string);
    if (!bytes) return undefined;
    tailV4 = [((bytes[0] as number) << 8) | (bytes[1] as number), ((bytes[2] as number) << 8) | (bytes[3] as number)];
    head = text.slice(0, v4.index);
    // "::1.2.3.4": the '::' straddles the match, so put its second colon back.
    if (head.endsWith(':')) head += ':';
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string): number[] | undefined => {
    if (part === '') return [];
    const groups = part.split(':');
    if (groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
    return groups.map((g) => parseInt(g, 16));
  };
  const left = parse(halves[0] as string);
  const right = halves.length === 2 ? parse(halves[1] as string) : [];
  if (!left || !right) return undefined;
  const total = left.length + right.length + tailV4.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
  const groups = [...left, ...new Array<number>(8 - total).fill(0), ...right, ...tailV4];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}

export function isValidEmail(address: string): boolean {
  const at = address.lastIndexOf('@');
  if (at <= 0) return false;
  const local = address.slice(0, at);
  if (local.includes('@') && !/^".*"$/.test(local)) return false;
  // rfc822Name is an IA5String: no characters outside ASCII.
  if (/[^\x21-\x7e]/.test(local)) return false;
  return isValidDnsName(address.slice(at + 1), { allowWildcard: false });
}

export type PeerName = { readonly type: 'dns' | 'ip' | 'email'; readonly value: string };

function dnsMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, '');
  const h = host.toLowerCase().replace(/\.$/, '');
  if (!p.startsWith('*.')) return p === h;
  // RFC 6125 6.4.3 as browsers apply it: '*' is the whole left-most label and matches exactly one label.
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === p.slice(2);
}

/** True when the subjectAltName holds the peer name (no fallback to the subject CN). */
export function matchesPeerName(subjectAltName: readonly GeneralName[] | undefined, peer: PeerName): boolean {
  if (!subjectAltName) return false;
  if (peer.type === 'email') {
    // RFC 5280 4.2.1.6: the local part is case-sensitive, the domain is not.
    const at = peer.value.lastIndexOf('@');
    return subjectAltName.some((n) => {
      if (n.type !== 'email') return false;
      const nat = n.value.lastIndexOf('@');
      return n.value.slice(0, nat) === peer.value.slice(0, at) && n.value.slice(nat + 1).toLowerCase() === peer.value.slice(at + 1).toLowerCase();
    });
  }
  if (peer.type === 'ip') {
    const bytes = parseIpAddress(peer.value);
    return !!bytes && subjectAltName.some((n) => n.type === 'ip' && bytesEqual(n.bytes, bytes));
  }
  if (!isValidDnsName(peer.value, { allowWildcard: false })) return false;
  return subjectAltName.some((n) => n.type === 'dns' && isValidDnsName(n.value, { allowWildcard: true }) && dnsMatches(n.value, peer.value));
}


/** An IPv4 address in any form inet_aton accepts (hex, octal, fewer parts), or undefined. */
function parseLegacyIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length < 1 || parts.length > 4) return undefined;
  const values: number[] = [];
  for (const part of parts) {
    if (/^0x[0-9a-f]+$/i.test(part)) values.push(parseInt(part.slice(2), 16));
    else if (/^0[0-7]+$/.test(part)) values.push(parseInt(part, 8));
    else if (/^\d+$/.test(part)) values.push(Number(part));
    else return undefined;
  }
  const last = values.pop() as number;
  if (values.some((v) => v > 255) || last >= 256 ** (4 - values.length)) return undefined;
  const out = new Uint8Array(4);
  values.forEach((v, i) => (out[i] = v));
  for (let i = 3; i >= values.length; i--) out[i] = Math.floor(last / 256 ** (3 - i)) % 256;
  return out;
}

/** RFC 5952 text of an IPv6 address, dotted decimal for IPv4. */
export function canonicalIpText(bytes: Uint8Array): string | undefined {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  if (bytes.length !== 16) return undefined;
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

function toAsciiHost(name: string): string | undefined {
  try {
    return new URL(`http://${name}/`).hostname;
  } catch {
    return undefined;
  }
}

/**
 * CA/B Forum BR 7.1.4.3: a common name that names a SAN entry must be a character-for-character copy
 * of it. Returns the offending CN when one spells a SAN name differently (case, IDNA form, IP text).
 */
export function commonNameSpellingMismatch(commonNames: readonly string[], subjectAltName: readonly GeneralName[] | undefined): string | undefined {
  const sans = subjectAltName ?? [];
  for (const cn of commonNames) {
    const ip = parseIpAddress(cn) ?? parseLegacyIpv4(cn);
    if (ip) {
      const same = sans.find((n) => n.type === 'ip' && bytesEqual(n.bytes, ip));
      if (same && same.type === 'ip' && canonicalIpText(same.bytes) !== cn) return cn;
      continue;
    }
    if (sans.some((n) => n.type === 'dns' && n.value === cn)) continue;
    const ascii = toAsciiHost(cn);
    if (ascii && sans.some((n) => n.type === 'dns' && n.value.toLowerCase() === ascii)) return cn;
  }
  return undefined;
}
