import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../bytes';
import { legacyDecrypt, removePkcs7Padding, type LegacyCipher } from './legacyCiphers';

/** Encrypts with the openssl CLI (legacy provider for RC2), an independent reference. */
function opensslEncrypt(cipher: string, key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const run = spawnSync(
    'openssl',
    ['enc', `-${cipher}`, '-e', '-K', toHex(key), '-iv', toHex(iv), '-provider', 'legacy', '-provider', 'default'],
    { input: plaintext },
  );
  if (run.status !== 0) throw new Error(run.stderr.toString());
  return new Uint8Array(run.stdout);
}

describe('legacyDecrypt', () => {
  const plaintext = new TextEncoder().encode('PKCS#12 legacy bag contents, 45 bytes long!!');
  const iv = fromHex('0102030405060708');

  it.each([
    ['des-ede3-cbc', { name: '3DES-CBC' }, 24],
    ['rc2-40-cbc', { name: 'RC2-CBC', effectiveBits: 40 }, 5],
    ['rc2-cbc', { name: 'RC2-CBC', effectiveBits: 128 }, 16],
  ] as const)('decrypts what openssl enc -%s encrypts, and refuses a wrong key', async (opensslName, cipher: LegacyCipher, keyLength) => {
    const key = Uint8Array.from({ length: keyLength }, (_, i) => (i * 37 + 11) & 0xff);
    const ciphertext = opensslEncrypt(opensslName, key, iv, plaintext);
    expect(toHex((await legacyDecrypt(cipher, key, iv, ciphertext))!)).toBe(toHex(plaintext));
    const wrongKey = key.slice();
    wrongKey[0]! ^= 0x80;
    const wrong = await legacyDecrypt(cipher, wrongKey, iv, ciphertext);
    // A wrong key almost always breaks the padding; if not, it cannot give back the plaintext.
    if (wrong !== undefined) expect(toHex(wrong)).not.toBe(toHex(plaintext));
  });
});

describe('removePkcs7Padding', () => {
  it('removes valid padding and rejects every malformed form', () => {
    expect(removePkcs7Padding(fromHex('4142434445460202'), 8)).toEqual(fromHex('414243444546'));
    expect(removePkcs7Padding(fromHex('0808080808080808'), 8)).toEqual(new Uint8Array(0));
    expect(removePkcs7Padding(fromHex('4142434445460102'), 8)).toBeUndefined(); // pad bytes differ
    expect(removePkcs7Padding(fromHex('4142434445464700'), 8)).toBeUndefined(); // zero count
    expect(removePkcs7Padding(fromHex('4142434445464709'), 8)).toBeUndefined(); // count > block
    expect(removePkcs7Padding(fromHex('41424301'), 8)).toBeUndefined(); // not whole blocks
  });
});
