import { describe, expect, it } from 'vitest';
import { toHex } from './bytes';
import { sha256Sync } from './sha256';

describe('sha256Sync', () => {
  it('matches WebCrypto on lengths around the block boundaries', async () => {
    for (const length of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 4099]) {
      const data = new Uint8Array(length).map((_, i) => (i * 31 + length) & 0xff);
      const expected = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
      expect(toHex(sha256Sync(data))).toBe(toHex(expected));
    }
  });
});
