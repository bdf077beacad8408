import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes';
import { iterateSha1, iterateSha256 } from './iteratedHash';

const slowly = (hash: (data: Uint8Array) => Uint8Array, digest: Uint8Array, rounds: number) => {
  let block = digest;
  for (let i = 0; i < rounds; i++) block = hash(block);
  return block;
};

describe('iterated hashing of a digest (PKCS#12 KDF rounds)', () => {
  // Digests with every bit pattern the word arithmetic can get wrong: zeros, ones, high bits, random.
  const starts = (length: number) => [new Uint8Array(length), new Uint8Array(length).fill(0xff), Uint8Array.from({ length }, (_, i) => (i * 37 + 0x80) & 0xff), globalThis.crypto.getRandomValues(new Uint8Array(length))];

  it.each([0, 1, 2, 3, 1000, 2047])('SHA-256 %i rounds equals @noble/hashes', (rounds) => {
    for (const start of starts(32)) expect(toHex(iterateSha256(start, rounds))).toBe(toHex(slowly(sha256, start, rounds)));
  });

  it.each([0, 1, 2, 3, 1000, 2047])('SHA-1 %i rounds equals @noble/hashes', (rounds) => {
    for (const start of starts(20)) expect(toHex(iterateSha1(start, rounds))).toBe(toHex(slowly(sha1, start, rounds)));
  });

  it('refuses an input that is not one digest (the single-block shortcut would be wrong)', () => {
    expect(() => iterateSha256(new Uint8Array(31), 1)).toThrow(RangeError);
    expect(() => iterateSha1(new Uint8Array(32), 1)).toThrow(RangeError);
  });
});
