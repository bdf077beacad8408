import { describe, expect, it } from 'vitest';
import type { GeneralName } from '../x509/general-name';
import { canonicalIpText, isValidDnsName, matchesPeerName, parseIpAddress } from './host-names';
import { parseName } from '../x509/name';
import { der } from '../__fixtures__/generate';

const dns = (value: string): GeneralName => ({ type: 'dns', value });

describe('host names', () => {
  it('matches DNS names exactly or by one left-most wildcard label', () => {
    expect(matchesPeerName([dns('Example.com')], { type: 'dns', value: 'example.COM' })).toBe(true);
    expect(matchesPeerName([dns('*.example.com')], { type: 'dns', value: 'foo.example.com' })).toBe(true);
    expect(matchesPeerName([dns('*.example.com')], { type: 'dns', value: 'foo.bar.example.com' })).toBe(false);
    expect(matchesPeerName([dns('*.example.com')], { type: 'dns', value: 'example.com' })).toBe(false);
    expect(matchesPeerName([dns('f*.example.com')], { type: 'dns', value: 'foo.example.com' })).toBe(false);
    expect(matchesPeerName([dns('*.com')], { type: 'dns', value: 'example.com' })).toBe(false);
    expect(matchesPeerName(undefined, { type: 'dns', value: 'example.com' })).toBe(false);
  });

  it('parses and matches IP addresses', () => {
    expect(Array.from(parseIpAddress('192.0.2.1') ?? [])).toEqual([192, 0, 2, 1]);
    expect(canonicalIpText(parseIpAddress('2001:DB8:0:0:0:0:0:1') as Uint8Array)).toBe('2001:db8::1');
    expect(canonicalIpText(parseIpAddress('::ffff:192.0.2.1') as Uint8Array)).toBe('::ffff:c000:201');
    expect(parseIpAddress('256.0.0.1')).toBeUndefined();
    expect(matchesPeerName([{ type: 'ip', bytes: new Uint8Array([127, 0, 0, 1]) }], { type: 'ip', value: '127.0.0.1' })).toBe(true);
    expect(matchesPeerName([dns('127.0.0.1')], { type: 'ip', value: '127.0.0.1' })).toBe(false);
  });

  it('validates DNS name syntax', () => {
    expect(isValidDnsName('foo_bar.example.com', { allowWildcard: false })).toBe(false);
    expect(isValidDnsName('*.example.com', { allowWildcard: false })).toBe(false);
    expect(isValidDnsName('*.example.com', { allowWildcard: true })).toBe(true);
    expect(isValidDnsName('xn--n3h.example', { allowWildcard: false })).toBe(true);
  });
});

describe('distinguished names', () => {
  it('compare case- and space-insensitively across string types (RFC 5280 7.1)', () => {
    const a = parseName(der.seq(der.set(der.seq(der.oid('2.5.4.3'), der.utf8('AC  Raiz ')))));
    const b = parseName(der.seq(der.set(der.seq(der.oid('2.5.4.3'), der.tlv(0x13, new TextEncoder().encode('ac raiz'))))));
    const c = parseName(der.seq(der.set(der.seq(der.oid('2.5.4.3'), der.utf8('ac raiz 2')))));
    expect(a.key).toBe(b.key);
    expect(a.key).not.toBe(c.key);
  });
});
