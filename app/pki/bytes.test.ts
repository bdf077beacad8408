import { describe, expect, it } from 'vitest';
import { base64UrlEncode, bigIntToBytes, bytesToBigInt, concatBytes, joinBytes } from './bytes';

describe('base64UrlEncode', () => {
  it('matches RFC 4648 test vectors in the URL alphabet without padding', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'Zg'], ['fo', 'Zm8'], ['foo', 'Zm9v'], ['foob', 'Zm9vYg'], ['fooba', 'Zm9vYmE'], ['foobar', 'Zm9vYmFy']];
    for (const [text, encoded] of vectors) expect(base64UrlEncode(new TextEncoder().encode(text))).toBe(encoded);
  });

  it('agrees with Node’s base64url over every length up to 70 and all byte values', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => (i * 167 + 13) & 0xff);
    for (let length = 0; length <= 70; length++) {
      const part = bytes.subarray(256 - length);
      expect(base64UrlEncode(part)).toBe(Buffer.from(part).toString('base64url'));
    }
    expect(base64UrlEncode(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
  });
});

describe('joinBytes', () => {
  it('joins as concatBytes does, and takes more parts than a spread call could', () => {
    const parts = [Uint8Array.of(1, 2), new Uint8Array(0), Uint8Array.of(3)];
    expect(joinBytes(parts)).toEqual(Uint8Array.of(1, 2, 3));
    expect(concatBytes(...parts)).toEqual(Uint8Array.of(1, 2, 3));
    const many = Array.from({ length: 200_000 }, (_, i) => Uint8Array.of(i & 0xff));
    const joined = joinBytes(many);
    expect([joined.length, joined[257]]).toEqual([200_000, 1]);
  });
});

describe('bytesToBigInt and bigIntToBytes', () => {
  it('read big-endian unsigned bytes and write them back left-padded, refusing a value that does not fit', () => {
    expect(bytesToBigInt(Uint8Array.of(0x01, 0x00, 0xff))).toBe(0x100ffn);
    expect(bytesToBigInt(new Uint8Array(0))).toBe(0n);
    expect(bigIntToBytes(0x100ffn, 4)).toEqual(Uint8Array.of(0, 0x01, 0x00, 0xff));
    expect(() => bigIntToBytes(0x10000n, 2)).toThrow(RangeError);
  });
});
