import { describe, expect, it } from 'vitest';
import { sm2 as independent } from 'sm-crypto-v2';
import { fromHex, toHex } from '../bytes';
import { Sm2InputError, Sm2KeyDestroyedError } from '../errors';
import { createSm2PrivateKey, randomSm2Scalar } from './sm2-sign';
import { SM2_CURVE, verifySm2Signature } from './sm2';

// The independent implementation: sm-crypto-v2 (npm), its own SM2/SM3 code over @noble/curves 1.
const scalarHex = () => randomSm2Scalar().toString(16).padStart(64, '0');
const message = new TextEncoder().encode('1 SET OF signed attributes, as CMS signs them');

describe('createSm2PrivateKey', () => {
  it('signs with ZA and the default ID: our verifier and sm-crypto-v2 both accept the signature', () => {
    const hex = scalarHex();
    const key = createSm2PrivateKey(fromHex(hex));
    const signature = key.sign(message);
    const publicKey = key.publicKey.toBytes(false);
    expect(verifySm2Signature({ publicKey, message, signature })).toBe(true);
    expect(independent.doVerifySignature(message, toHex(signature), toHex(publicKey), { der: true, hash: true })).toBe(true);
    expect(toHex(publicKey)).toBe(independent.getPublicKeyFromPrivateKey(hex));
    // Another message does not verify: the check is real.
    expect(independent.doVerifySignature(new Uint8Array([1]), toHex(signature), toHex(publicKey), { der: true, hash: true })).toBe(false);
  });

  it('verifies signatures sm-crypto-v2 makes with ZA', () => {
    const hex = scalarHex();
    const publicKey = independent.getPublicKeyFromPrivateKey(hex);
    for (let i = 0; i < 5; i++) {
      const signature = fromHex(independent.doSignature(message, hex, { der: true, hash: true, publicKey }));
      expect(verifySm2Signature({ publicKey: fromHex(publicKey), message, signature })).toBe(true);
    }
  });

  it("signs with a certificate's own ID when given, which the default ID does not verify", () => {
    const key = createSm2PrivateKey(fromHex(scalarHex()));
    const publicKey = key.publicKey.toBytes(false);
    const signature = key.sign(message, { id: 'zhang.san@example.cn' });
    expect(independent.doVerifySignature(message, toHex(signature), toHex(publicKey), { der: true, hash: true, userId: 'zhang.san@example.cn' })).toBe(true);
    expect(verifySm2Signature({ publicKey, message, signature, id: 'zhang.san@example.cn' })).toBe(true);
    expect(verifySm2Signature({ publicKey, message, signature })).toBe(false);
  });

  it('zeroes the scalar when destroyed, and refuses to sign from then on', () => {
    const buffer = fromHex(scalarHex());
    const key = createSm2PrivateKey(buffer);
    key.sign(message);
    expect(buffer.some((byte) => byte !== 0)).toBe(true);
    key.destroy();
    expect(key.destroyed).toBe(true);
    expect(buffer).toEqual(new Uint8Array(32));
    expect(() => key.sign(message)).toThrow(Sm2KeyDestroyedError);
    expect(() => key.sign(message)).toThrow(expect.objectContaining({ messageKey: 'pki.sm2.key-destroyed' }));
  });

  it('keeps the scalar out of everything it exposes', () => {
    const hex = scalarHex();
    const key = createSm2PrivateKey(fromHex(hex));
    const shown = JSON.stringify(key, (_name, value: unknown) => (typeof value === 'bigint' ? value.toString(16) : value));
    expect(shown.toLowerCase()).not.toContain(hex.replace(/^0+/, ''));
    expect(Object.keys(key).sort()).toEqual(['destroy', 'destroyed', 'publicKey', 'sign']);
  });

  it('refuses a scalar of the wrong size or out of [1, n-2], and zeroes the refused one', () => {
    expect(() => createSm2PrivateKey(new Uint8Array(31).fill(1))).toThrow(Sm2InputError);
    expect(() => createSm2PrivateKey(new Uint8Array(32))).toThrow(Sm2InputError);
    const tooBig = fromHex((SM2_CURVE.n - 1n).toString(16));
    expect(() => createSm2PrivateKey(tooBig)).toThrow(Sm2InputError);
    expect(tooBig).toEqual(new Uint8Array(32));
  });
});
