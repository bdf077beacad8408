/**
 * SM2 key generation and signing (GB/T 32918.2) for demo and test PKIs only: the private scalar
 * is a plain bigint in memory. Real SM2 signers are tokens; the project only verifies SM2.
 */
import * as asn1js from 'asn1js';
import { encodeDerEcdsaSignature } from '../crypto/ecdsaSignature';
import { utf8 } from '../bytes';
import { CHINA_OIDS, SM2_DEFAULT_ID } from '../profiles/china';
import { SM2_CURVE, Sm2Point, sm2MessageDigest, type Sm2PublicPoint } from '../crypto/sm2';

export type Sm2DemoKeyPair = {
  readonly kind: 'sm2';
  readonly privateScalar: bigint;
  readonly publicKey: Sm2PublicPoint;
};

function randomScalar(): bigint {
  const { n } = SM2_CURVE;
  for (;;) {
    const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
    let value = 0n;
    for (const byte of bytes) value = (value << 8n) | BigInt(byte);
    // d must lie in [1, n-2] so that 1 + d is invertible mod n.
    if (value >= 1n && value <= n - 2n) return value;
  }
}

function modInverse(value: bigint, modulus: bigint): bigint {
  let [a, b, x, y] = [((value % modulus) + modulus) % modulus, modulus, 1n, 0n];
  while (b !== 0n) {
    const q = a / b;
    [a, b] = [b, a - q * b];
    [x, y] = [y, x - q * y];
  }
  return ((x % modulus) + modulus) % modulus;
}

export function generateSm2DemoKeyPair(): Sm2DemoKeyPair {
  const privateScalar = randomScalar();
  return { kind: 'sm2', privateScalar, publicKey: Sm2Point.BASE.multiply(privateScalar) };
}

/** SM2-with-SM3 signature, DER SEQUENCE { r, s }, with the default signer ID unless given. */
export function signSm2(key: Sm2DemoKeyPair, message: Uint8Array, id: Uint8Array = utf8(SM2_DEFAULT_ID)): Uint8Array {
  const { n } = SM2_CURVE;
  const e = sm2MessageDigest(key.publicKey, message, id);
  const d = key.privateScalar;
  for (;;) {
    const k = randomScalar();
    const x1 = Sm2Point.BASE.multiply(k).toAffine().x;
    const r = (e + x1) % n;
    if (r === 0n || r + k === n) continue;
    const s = (modInverse(1n + d, n) * (((k - r * d) % n) + n)) % n;
    if (s === 0n) continue;
    return encodeDerEcdsaSignature({ r, s });
  }
}

/** SubjectPublicKeyInfo DER: id-ecPublicKey with namedCurve SM2, as deployed certificates label it. */
export function sm2SubjectPublicKeyInfo(publicKey: Sm2PublicPoint): Uint8Array {
  return new Uint8Array(
    new asn1js.Sequence({
      value: [
        new asn1js.Sequence({
          value: [new asn1js.ObjectIdentifier({ value: '1.2.840.10045.2.1' }), new asn1js.ObjectIdentifier({ value: CHINA_OIDS.sm2Curve })],
        }),
        new asn1js.BitString({ valueHex: publicKey.toBytes(false) }),
      ],
    }).toBER(),
  );
}
