/**
 * SM2 key generation and signing (GB/T 32918.2) for demo and test PKIs only: the private scalar
 * is a plain bigint in memory (a person's key goes through crypto/sm2-sign.ts createSm2PrivateKey).
 */
import * as asn1js from 'asn1js';
import { CHINA_OIDS } from '../profiles/china';
import { fromHex } from '../bytes';
import { der } from '../der/writer';
import { Sm2Point, type Sm2PublicPoint } from '../crypto/sm2';
import { randomSm2Scalar, sm2SignWithScalar } from '../crypto/sm2-sign';

export type Sm2DemoKeyPair = {
  readonly kind: 'sm2';
  readonly privateScalar: bigint;
  readonly publicKey: Sm2PublicPoint;
};

export function generateSm2DemoKeyPair(): Sm2DemoKeyPair {
  const privateScalar = randomSm2Scalar();
  return { kind: 'sm2', privateScalar, publicKey: Sm2Point.BASE.multiply(privateScalar) };
}

/** SM2-with-SM3 signature, DER SEQUENCE { r, s }, with the default signer ID unless given. */
export function signSm2(key: Sm2DemoKeyPair, message: Uint8Array, id?: Uint8Array): Uint8Array {
  return sm2SignWithScalar(key.privateScalar, key.publicKey, message, id);
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

/**
 * PKCS#8 DER of a demo SM2 key as OpenSSL 3 writes it: id-ecPublicKey with namedCurve SM2 over a SEC1
 * ECPrivateKey { 1, d, [1] point }, for the demo holders' PKCS#12 files.
 */
export function sm2DemoPkcs8(key: Sm2DemoKeyPair): Uint8Array {
  const scalar = fromHex(key.privateScalar.toString(16).padStart(64, '0'));
  const ecPrivateKey = der.seq(der.int(1), der.octet(scalar), der.explicit(1, der.bits(key.publicKey.toBytes(false))));
  return der.seq(der.int(0), der.seq(der.oid('1.2.840.10045.2.1'), der.oid(CHINA_OIDS.sm2Curve)), der.octet(ecPrivateKey));
}
