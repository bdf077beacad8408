import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from '../bytes';
import { sm3 } from './sm3';

describe('sm3', () => {
  // GB/T 32905-2016 appendix A examples 1 and 2.
  it('hashes "abc" to the standard value', () => {
    expect(toHex(sm3(utf8('abc')))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('hashes the 64-byte "abcd" x 16 example (two blocks after padding) to the standard value', () => {
    expect(toHex(sm3(utf8('abcd'.repeat(16))))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('handles the empty message and agrees with OpenSSL around the padding boundary', () => {
    // Empty-message value as published with the GM/T 0004 reference implementations.
    expect(toHex(sm3(new Uint8Array(0)))).toBe('1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
    for (const length of [55, 56, 63, 64, 65, 119, 120, 1000]) {
      const message = Uint8Array.from({ length }, (_, i) => (i * 7 + length) & 0xff);
      const openssl = execFileSync('openssl', ['dgst', '-sm3', '-r'], { input: message }).toString().split(' ')[0];
      expect(toHex(sm3(message))).toBe(openssl);
    }
  });
});
