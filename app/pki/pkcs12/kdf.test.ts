import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../bytes';
import { bmpPassword, pkcs12Kdf } from './kdf';

describe('pkcs12Kdf (RFC 7292 B.2)', () => {
  // Published test vectors (Bouncy Castle PKCS12 KDF tests), SHA-1.
  it.each([
    ['smeg', '0A58CF64530D823F', 1, 1, 24, '8AAAE6297B6CB04642AB5B077851284EB7128F1A2A7FBCA3'],
    ['smeg', '0A58CF64530D823F', 1, 2, 8, '79993DFE048D3B76'],
    ['queeg', '05DEC959ACFF72F7', 1000, 1, 24, 'ED2034E36328830FF09DF1E1A07DD357185DAC0D4F9EB3D4'],
  ] as const)('derives the published vector for %s / %s / %i iterations / purpose %i', (password, salt, iterations, purpose, length, expected) => {
    const derived = pkcs12Kdf({ hash: 'SHA-1', purpose, password: bmpPassword(password), salt: fromHex(salt), iterations, length });
    expect(toHex(derived)).toBe(expected.toLowerCase());
  });

  it.each(['SHA-256', 'SHA-512'] as const)('matches OpenSSL PKCS12KDF with %s over several output blocks', (hash) => {
    const password = bmpPassword('correct horse');
    const salt = fromHex('05dec959acff72f7a1');
    const derived = pkcs12Kdf({ hash, purpose: 3, password, salt, iterations: 7, length: 150 });
    const openssl = execFileSync('openssl', [
      'kdf', '-keylen', '150', '-kdfopt', `digest:${hash.replace('-', '')}`, '-kdfopt', `hexpass:${toHex(password)}`,
      '-kdfopt', `hexsalt:${toHex(salt)}`, '-kdfopt', 'iter:7', '-kdfopt', 'id:3', 'PKCS12KDF',
    ]).toString();
    expect(toHex(derived)).toBe(openssl.replace(/[^0-9A-Fa-f]/g, '').toLowerCase());
  });
});
