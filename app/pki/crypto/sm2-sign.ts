/**
 * SM2 signing (GB/T 32918.2-2016 6.1) and the software SM2 private key. WebCrypto has no SM2, so a
 * key opened from a PKCS#12 file lives in JavaScript: this module keeps the scalar in one byte buffer
 * inside a closure, signs with it, never returns it, and overwrites it with zeros on `destroy()`.
 *
 * Limits worth knowing: JavaScript cannot zero a bigint, so each signature converts the scalar to a
 * short-lived bigint that the garbage collector frees when it likes; and the page's own scripts share
 * its memory. That is why a software key is weaker than a token, and the UI says so.
 */
import { SM2_CURVE, Sm2Point, sm2MessageDigest, type Sm2PublicPoint } from './sm2';
import { encodeDerEcdsaSignature } from './ecdsaSignature';
import { bytesToBigInt, utf8 } from '../bytes';
import { SM2_DEFAULT_ID } from '../profiles/china';
import { Sm2InputError, Sm2KeyDestroyedError } from '../errors';

const { n } = SM2_CURVE;

/** A uniformly random scalar in [1, n-2] (d and k alike: 1 + d must be invertible mod n). */
export function randomSm2Scalar(): bigint {
  for (;;) {
    const value = bytesToBigInt(globalThis.crypto.getRandomValues(new Uint8Array(32)));
    if (value >= 1n && value <= n - 2n) return value;
  }
}

/**
 * The signature (r, s) of e = SM3(ZA || M) with private scalar d: k random, (x1, y1) = kG,
 * r = (e + x1) mod n, s = (1 + d)^-1 (k - r d) mod n, retried when r = 0, r + k = n or s = 0.
 */
export function sm2SignWithScalar(d: bigint, publicKey: Sm2PublicPoint, message: Uint8Array, id: Uint8Array = utf8(SM2_DEFAULT_ID)): Uint8Array {
  const { Fn } = Sm2Point;
  const e = sm2MessageDigest(publicKey, message, id);
  const inverse = Fn.inv(1n + d);
  for (;;) {
    const k = randomSm2Scalar();
    const r = Fn.create(e + Sm2Point.BASE.multiply(k).toAffine().x);
    if (r === 0n || r + k === n) continue;
    const s = Fn.mul(inverse, Fn.sub(k, Fn.mul(r, d)));
    if (s === 0n) continue;
    // No low-s normalisation: (r, n - s) is not a valid SM2 signature.
    return encodeDerEcdsaSignature({ r, s });
  }
}

export type Sm2SignOptions = {
  /** The signer's ID for ZA; default "1234567812345678" (GM/T 0009). */
  readonly id?: string | Uint8Array;
};

/** An SM2 private key that only signs. */
export type Sm2PrivateKey = {
  readonly publicKey: Sm2PublicPoint;
  /** SM2-with-SM3 signature of `message` (ZA prefixed), DER SEQUENCE { r, s }. Throws Sm2KeyDestroyedError after `destroy()`. */
  sign(message: Uint8Array, options?: Sm2SignOptions): Uint8Array;
  /** Overwrites the scalar with zeros; signing refuses from then on. */
  destroy(): void;
  readonly destroyed: boolean;
};

/**
 * Wraps a 32-byte private scalar (big-endian) as an Sm2PrivateKey. The key takes the buffer over:
 * it is not copied, and `destroy()` zeroes that very buffer, so the caller must not keep using it.
 */
export function createSm2PrivateKey(scalar: Uint8Array): Sm2PrivateKey {
  if (scalar.length !== 32) throw new Sm2InputError(`an SM2 private key is 32 bytes, not ${scalar.length}`);
  const d = bytesToBigInt(scalar);
  if (d < 1n || d > n - 2n) {
    scalar.fill(0);
    throw new Sm2InputError('the SM2 private key is out of range');
  }
  const publicKey = Sm2Point.BASE.multiply(d);
  let destroyed = false;
  return {
    publicKey,
    sign(message, options = {}) {
      if (destroyed) throw new Sm2KeyDestroyedError();
      const id = typeof options.id === 'string' ? utf8(options.id) : options.id;
      return sm2SignWithScalar(bytesToBigInt(scalar), publicKey, message, id);
    },
    destroy() {
      scalar.fill(0);
      destroyed = true;
    },
    get destroyed() {
      return destroyed;
    },
  };
}
