/**
 * SM2 digital signature verification (GB/T 32918.2-2016) with SM3, on the SM2 curve
 * (GB/T 32918.5), over @noble/curves' short-Weierstrass arithmetic. WebCrypto has no SM2.
 *
 * e = SM3(ZA || M), ZA = SM3(ENTL || ID || a || b || xG || yG || xA || yA); the signature (r, s)
 * is valid when r = (e + x1) mod n, where (x1, y1) = s*G + (r + s)*PA.
 */
import { weierstrass, type WeierstrassPoint } from '@noble/curves/abstract/weierstrass.js';
import * as asn1js from 'asn1js';
import { parseDerEcdsaSignature } from './ecdsaSignature';
import { bigIntToBytes, bytesEqual, bytesToBigInt, concatBytes, toArrayBuffer, utf8 } from '../bytes';
import { Sm2InputError } from '../errors';
import { CHINA_OIDS, SM2_DEFAULT_ID } from '../profiles/china';
import { sm3 } from './sm3';
// Types only: the registry imports this verifier, so a value import back would be a cycle.
import type { SignatureVerifier } from './algorithms';
// The curve's constants live in the one curve table; importing them from there keeps curves.ts free of a cycle.
import { SM2_CURVE } from './curves';

export { SM2_CURVE };

export const Sm2Point = /* @__PURE__ */ weierstrass(SM2_CURVE);
export type Sm2PublicPoint = WeierstrassPoint<bigint>;

const ID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const PRIME_FIELD = '1.2.840.10045.1.1';

function integerValue(value: unknown): bigint | undefined {
  return value instanceof asn1js.Integer ? bytesToBigInt(value.valueBlock.valueHexView) : undefined;
}

/** Whether explicit ECParameters (RFC 3279) describe exactly the SM2 curve. */
export function isSm2ExplicitParameters(parameters: asn1js.AsnType): boolean {
  if (!(parameters instanceof asn1js.Sequence)) return false;
  const [version, fieldId, curve, base, order, cofactor] = parameters.valueBlock.value;
  if (integerValue(version) !== 1n) return false;
  if (!(fieldId instanceof asn1js.Sequence) || !(curve instanceof asn1js.Sequence) || !(base instanceof asn1js.OctetString)) return false;
  const [fieldType, prime] = fieldId.valueBlock.value;
  if (!(fieldType instanceof asn1js.ObjectIdentifier) || fieldType.valueBlock.toString() !== PRIME_FIELD) return false;
  if (integerValue(prime) !== SM2_CURVE.p) return false;
  const [a, b] = curve.valueBlock.value;
  if (!(a instanceof asn1js.OctetString) || !(b instanceof asn1js.OctetString)) return false;
  if (bytesToBigInt(a.valueBlock.valueHexView) !== SM2_CURVE.a || bytesToBigInt(b.valueBlock.valueHexView) !== SM2_CURVE.b) return false;
  let generator: Sm2PublicPoint;
  try {
    generator = Sm2Point.fromBytes(new Uint8Array(base.valueBlock.valueHexView));
  } catch {
    return false;
  }
  if (!generator.equals(Sm2Point.BASE)) return false;
  if (integerValue(order) !== SM2_CURVE.n) return false;
  return cofactor === undefined || integerValue(cofactor) === 1n;
}

/**
 * The SM2 public point of a SubjectPublicKeyInfo (id-ecPublicKey with namedCurve SM2, with explicit
 * parameters equal to SM2, or the SM2 OID as key algorithm) or of a raw point (04||x||y, 02/03||x).
 */
export function sm2PublicKey(publicKey: Uint8Array): Sm2PublicPoint {
  const first = publicKey[0];
  if ((first === 0x04 && publicKey.length === 65) || ((first === 0x02 || first === 0x03) && publicKey.length === 33)) {
    try {
      return Sm2Point.fromBytes(publicKey);
    } catch (cause) {
      throw new Sm2InputError('the point is not on the SM2 curve', { cause });
    }
  }
  const parsed = asn1js.fromBER(toArrayBuffer(publicKey));
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) throw new Sm2InputError('not a SubjectPublicKeyInfo or raw point');
  const [algorithm, subjectPublicKey] = parsed.result.valueBlock.value;
  if (!(algorithm instanceof asn1js.Sequence) || !(subjectPublicKey instanceof asn1js.BitString)) {
    throw new Sm2InputError('malformed SubjectPublicKeyInfo');
  }
  const [algorithmOid, parameters] = algorithm.valueBlock.value;
  const oid = algorithmOid instanceof asn1js.ObjectIdentifier ? algorithmOid.valueBlock.toString() : '';
  const isSm2 =
    oid === CHINA_OIDS.sm2Curve ||
    (oid === ID_EC_PUBLIC_KEY &&
      parameters !== undefined &&
      ((parameters instanceof asn1js.ObjectIdentifier && parameters.valueBlock.toString() === CHINA_OIDS.sm2Curve) ||
        isSm2ExplicitParameters(parameters)));
  if (!isSm2) throw new Sm2InputError(`the key is not an SM2 key (algorithm ${oid || 'unknown'})`);
  try {
    return Sm2Point.fromBytes(new Uint8Array(subjectPublicKey.valueBlock.valueHexView));
  } catch (cause) {
    throw new Sm2InputError('the point is not on the SM2 curve', { cause });
  }
}

/** ZA = SM3(ENTL || ID || a || b || xG || yG || xA || yA), ENTL = bit length of ID (16 bits). */
export function sm2Za(publicKey: Sm2PublicPoint, id: Uint8Array = utf8(SM2_DEFAULT_ID)): Uint8Array {
  if (id.length * 8 > 0xffff) throw new Sm2InputError('the signer ID is too long');
  const bits = id.length * 8;
  const { x, y } = publicKey.toAffine();
  return sm3(
    concatBytes(
      Uint8Array.of(bits >> 8, bits & 0xff),
      id,
      bigIntToBytes(SM2_CURVE.a, 32),
      bigIntToBytes(SM2_CURVE.b, 32),
      bigIntToBytes(SM2_CURVE.Gx, 32),
      bigIntToBytes(SM2_CURVE.Gy, 32),
      bigIntToBytes(x, 32),
      bigIntToBytes(y, 32),
    ),
  );
}

/** e = SM3(ZA || M) as an integer, the value SM2 signs. */
export function sm2MessageDigest(publicKey: Sm2PublicPoint, message: Uint8Array, id?: Uint8Array): bigint {
  return bytesToBigInt(sm3(concatBytes(sm2Za(publicKey, id), message)));
}

export type VerifySm2SignatureParameters = {
  /** SubjectPublicKeyInfo DER, or a raw point. */
  readonly publicKey: Uint8Array | Sm2PublicPoint;
  readonly message: Uint8Array;
  /** DER SEQUENCE { r, s } with minimal INTEGERs, 0 < r, s < n (a raw r||s is refused). */
  readonly signature: Uint8Array;
  /** Signer ID; default "1234567812345678". */
  readonly id?: string | Uint8Array;
};

/**
 * Verifies an SM2-with-SM3 signature. Returns false for a wrong or undecodable signature; throws
 * Sm2InputError when the public key is not an SM2 key.
 */
export function verifySm2Signature({ publicKey, message, signature, id }: VerifySm2SignatureParameters): boolean {
  const point = publicKey instanceof Uint8Array ? sm2PublicKey(publicKey) : publicKey;
  let r: bigint;
  let s: bigint;
  try {
    // GB/T 35276 and X.509 carry SM2 signatures as DER; a raw r||s would be a second encoding.
    ({ r, s } = parseDerEcdsaSignature(signature, 'SM2'));
  } catch {
    return false;
  }
  const { n } = SM2_CURVE;
  const t = (r + s) % n;
  if (t === 0n) return false;
  const e = sm2MessageDigest(point, message, typeof id === 'string' ? utf8(id) : id);
  const sum = Sm2Point.BASE.multiplyUnsafe(s).add(point.multiplyUnsafe(t));
  if (sum.equals(Sm2Point.ZERO)) return false;
  return (e + sum.toAffine().x) % n === r;
}

/** Whether a SubjectPublicKeyInfo (DER) holds an SM2 key (named curve, explicit SM2 parameters or the SM2 OID as algorithm). */
export function isSm2PublicKey(spki: Uint8Array): boolean {
  try {
    sm2PublicKey(spki);
    return true;
  } catch {
    return false;
  }
}

/** True when `a` and `b` encode the same SM2 point (helps compare keys given in different forms). */
export function sameSm2Key(a: Uint8Array, b: Uint8Array): boolean {
  return bytesEqual(sm2PublicKey(a).toBytes(false), sm2PublicKey(b).toBytes(false));
}

/**
 * SM2-with-SM3 for the signature-verifier registry keyed by algorithm OID (one of its default
 * verifiers, see `defaultSignatureVerifiers`); default signer ID.
 */
export const sm2SignatureVerifier: SignatureVerifier = {
  // SM2-with-SM3 (GB/T 33560, X.509 and GB/T 35275 CMS) and sm2sign (GM/T 0006 / GM/T 0010 CMS, where SM3 is implied).
  oids: [CHINA_OIDS.sm2WithSm3, CHINA_OIDS.sm2Sign],
  describe: () => ({ name: 'SM2-with-SM3', hash: 'SM3' }),
  async verify({ signatureAlgorithm, publicKey, data, signature }) {
    // Parameters are absent in deployed certificates; NULL appears in some and means the same.
    const parameters = signatureAlgorithm.parameters;
    if (parameters && !(parameters.length === 2 && parameters[0] === 0x05 && parameters[1] === 0x00)) {
      return { status: 'invalid', reason: 'SM2-with-SM3 signature algorithm parameters must be absent' };
    }
    let point: Sm2PublicPoint;
    try {
      point = sm2PublicKey(publicKey.der);
    } catch (error) {
      return { status: 'invalid', reason: `an SM2 signature needs an SM2 key: ${(error as Error).message}` };
    }
    return verifySm2Signature({ publicKey: point, message: data, signature })
      ? { status: 'valid' }
      : { status: 'invalid', reason: 'the SM2 signature does not match' };
  },
};
