/**
 * The elliptic curves the engine knows, by OID, with their domain parameters, so that a key with
 * explicit ECParameters (RFC 3279 2.3.5) is accepted exactly when they equal a known named curve
 * (real ICP-Brasil and Chinese certificates carry brainpoolP512r1 and SM2 this way) and refused by
 * name otherwise. Brainpool curves are defined here on @noble/curves' short-Weierstrass support
 * (WebCrypto lacks them); the NIST curves' constants come from @noble/curves (FIPS 186-5).
 */
import { ecdsa, type ECDSA, weierstrass, type WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { bytesToBigInt } from '../bytes';
import { type DerNode, expectSequence, isUniversal, parseDer, readOid, UniversalTag } from '../der/asn1';
import { BRAINPOOL_CURVE_OIDS, CHINA_OIDS, CURVE_OIDS } from '../oids';
import type { SubjectPublicKeyInfo } from '../x509/certificate';

export type CurveParameters = { readonly p: bigint; readonly a: bigint; readonly b: bigint; readonly n: bigint; readonly h: bigint; readonly Gx: bigint; readonly Gy: bigint };

/** SM2 recommended curve parameters (GB/T 32918.5-2017). */
export const SM2_CURVE: CurveParameters = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  h: 1n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
};

/** RFC 5639 section 3.4: brainpoolP256r1. */
export const BRAINPOOL_P256R1: CurveParameters = {
  p: 0xa9fb57dba1eea9bc3e660a909d838d726e3bf623d52620282013481d1f6e5377n,
  a: 0x7d5a0975fc2c3057eef67530417affe7fb8055c126dc5c6ce94a4b44f330b5d9n,
  b: 0x26dc5c6ce94a4b44f330b5d9bbd77cbf958416295cf7e1ce6bccdc18ff8c07b6n,
  Gx: 0x8bd2aeb9cb7e57cb2c4b482ffc81b7afb9de27e1e3bd23c23a4453bd9ace3262n,
  Gy: 0x547ef835c3dac4fd97f8461a14611dc9c27745132ded8e545c1d54c72f046997n,
  n: 0xa9fb57dba1eea9bc3e660a909d838d718c397aa3b561a6f7901e0e82974856a7n,
  h: 1n,
};

/** RFC 5639 section 3.6: brainpoolP384r1. */
export const BRAINPOOL_P384R1: CurveParameters = {
  p: 0x8cb91e82a3386d280f5d6f7e50e641df152f7109ed5456b412b1da197fb71123acd3a729901d1a71874700133107ec53n,
  a: 0x7bc382c63d8c150c3c72080ace05afa0c2bea28e4fb22787139165efba91f90f8aa5814a503ad4eb04a8c7dd22ce2826n,
  b: 0x04a8c7dd22ce28268b39b55416f0447c2fb77de107dcd2a62e880ea53eeb62d57cb4390295dbc9943ab78696fa504c11n,
  Gx: 0x1d1c64f068cf45ffa2a63a81b7c13f6b8847a3e77ef14fe3db7fcafe0cbd10e8e826e03436d646aaef87b2e247d4af1en,
  Gy: 0x8abe1d7520f9c2a45cb1eb8e95cfd55262b70b29feec5864e19c054ff99129280e4646217791811142820341263c5315n,
  n: 0x8cb91e82a3386d280f5d6f7e50e641df152f7109ed5456b31f166e6cac0425a7cf3ab6af6b7fc3103b883202e9046565n,
  h: 1n,
};

/** RFC 5639 section 3.7: brainpoolP512r1. */
export const BRAINPOOL_P512R1: CurveParameters = {
  p: 0xaadd9db8dbe9c48b3fd4e6ae33c9fc07cb308db3b3c9d20ed6639cca703308717d4d9b009bc66842aecda12ae6a380e62881ff2f2d82c68528aa6056583a48f3n,
  a: 0x7830a3318b603b89e2327145ac234cc594cbdd8d3df91610a83441caea9863bc2ded5d5aa8253aa10a2ef1c98b9ac8b57f1117a72bf2c7b9e7c1ac4d77fc94can,
  b: 0x3df91610a83441caea9863bc2ded5d5aa8253aa10a2ef1c98b9ac8b57f1117a72bf2c7b9e7c1ac4d77fc94cadc083e67984050b75ebae5dd2809bd638016f723n,
  Gx: 0x81aee4bdd82ed9645a21322e9c4c6a9385ed9f70b5d916c1b43b62eef4d0098eff3b1f78e2d0d48d50d1687b93b97d5f7c6d5047406a5e688b352209bcb9f822n,
  Gy: 0x7dde385d566332ecc0eabfa9cf7822fdf209f70024a57b1aa000c55b881f8111b2dcde494a5f485e5bca4bd88a2763aed1ca2b2fa8f0540678cd1e0f3ad80892n,
  n: 0xaadd9db8dbe9c48b3fd4e6ae33c9fc07cb308db3b3c9d20ed6639cca70330870553e5c414ca92619418661197fac10471db1d381085ddaddb58796829ca90069n,
  h: 1n,
};

export type KnownCurve = {
  readonly oid: string;
  readonly name: 'P-256' | 'P-384' | 'P-521' | 'SM2' | 'brainpoolP256r1' | 'brainpoolP384r1' | 'brainpoolP512r1';
  /** Bytes of one coordinate. */
  readonly size: number;
  readonly parameters: CurveParameters;
};

const nist = (Point: { CURVE(): CurveParameters }): CurveParameters => {
  const { p, a, b, n, h, Gx, Gy } = Point.CURVE();
  return { p, a, b, n, h, Gx, Gy };
};

export const KNOWN_CURVES: readonly KnownCurve[] = [
  { oid: CURVE_OIDS['P-256'], name: 'P-256', size: 32, parameters: nist(p256.Point) },
  { oid: CURVE_OIDS['P-384'], name: 'P-384', size: 48, parameters: nist(p384.Point) },
  { oid: CURVE_OIDS['P-521'], name: 'P-521', size: 66, parameters: nist(p521.Point) },
  { oid: CHINA_OIDS.sm2Curve, name: 'SM2', size: 32, parameters: SM2_CURVE },
  { oid: BRAINPOOL_CURVE_OIDS.brainpoolP256r1, name: 'brainpoolP256r1', size: 32, parameters: BRAINPOOL_P256R1 },
  { oid: BRAINPOOL_CURVE_OIDS.brainpoolP384r1, name: 'brainpoolP384r1', size: 48, parameters: BRAINPOOL_P384R1 },
  { oid: BRAINPOOL_CURVE_OIDS.brainpoolP512r1, name: 'brainpoolP512r1', size: 64, parameters: BRAINPOOL_P512R1 },
];

export const curveByOid = (oid: string): KnownCurve | undefined => KNOWN_CURVES.find((c) => c.oid === oid);

// Points built on demand: only brainpool keys need @noble/curves' arithmetic here (WebCrypto does the NIST curves).
const points = new Map<string, WeierstrassPointCons<bigint>>();
export function curvePoint(curve: KnownCurve): WeierstrassPointCons<bigint> {
  let point = points.get(curve.oid);
  if (!point) points.set(curve.oid, (point = weierstrass(curve.parameters)));
  return point;
}

const schemes = new Map<string, ECDSA>();
/** ECDSA on the curve, for verification over a digest the caller computed (`prehash: false`). */
export function curveEcdsa(curve: KnownCurve): ECDSA {
  let scheme = schemes.get(curve.oid);
  // The hash only serves signing's nonce derivation, which the engine never does here.
  if (!scheme) schemes.set(curve.oid, (scheme = ecdsa(curvePoint(curve), sha256)));
  return scheme;
}

export type CurveOfKey =
  | { readonly status: 'named'; readonly curve: KnownCurve; readonly explicit: boolean }
  | { readonly status: 'unknown'; readonly reason: string };

function integer(node: DerNode | undefined, what: string): bigint {
  if (!node || !isUniversal(node, UniversalTag.Integer) || ((node.content[0] as number) & 0x80) !== 0) throw new Error(`${what} is not a non-negative INTEGER`);
  return bytesToBigInt(node.content);
}

function octets(node: DerNode | undefined, what: string): Uint8Array {
  if (!node || !isUniversal(node, UniversalTag.OctetString) || node.constructed) throw new Error(`${what} is not an OCTET STRING`);
  return node.content;
}

const PRIME_FIELD = '1.2.840.10045.1.1';

/** RFC 3279 ECParameters, read strictly enough to compare; throws on anything else. */
function readExplicitParameters(node: DerNode): Omit<CurveParameters, 'Gx' | 'Gy'> & { readonly base: Uint8Array } {
  const [version, fieldId, curve, base, order, cofactor, extra] = expectSequence(node, 'ECParameters');
  if (extra) throw new Error('trailing fields in ECParameters');
  if (integer(version, 'version') !== 1n) throw new Error('ECParameters version must be 1');
  const [fieldType, prime] = expectSequence(fieldId, 'FieldID');
  if (readOid(fieldType) !== PRIME_FIELD) throw new Error('only prime-field curves are known');
  const [a, b] = expectSequence(curve, 'Curve');
  const basePoint = octets(base, 'base');
  // An absent cofactor is 1 for the curves compared here (all of prime order).
  return { p: integer(prime, 'prime'), a: bytesToBigInt(octets(a, 'a')), b: bytesToBigInt(octets(b, 'b')), n: integer(order, 'order'), h: cofactor ? integer(cofactor, 'cofactor') : 1n, base: basePoint };
}

/** Which known curve an id-ecPublicKey key is on: its namedCurve, or explicit parameters exactly equal to one. */
export function curveOfKey(spki: SubjectPublicKeyInfo): CurveOfKey {
  if (!spki.algorithm.parameters) return { status: 'unknown', reason: 'EC key without curve parameters' };
  let node: DerNode;
  try {
    node = parseDer(spki.algorithm.parameters);
  } catch {
    return { status: 'unknown', reason: 'malformed EC curve parameters' };
  }
  if (isUniversal(node, UniversalTag.ObjectIdentifier)) {
    const oid = readOid(node);
    const curve = curveByOid(oid);
    return curve ? { status: 'named', curve, explicit: false } : { status: 'unknown', reason: `EC curve ${oid} is not supported` };
  }
  let explicit: ReturnType<typeof readExplicitParameters>;
  try {
    explicit = readExplicitParameters(node);
  } catch (error) {
    return { status: 'unknown', reason: `explicit EC curve parameters that are not a known curve (${(error as Error).message})` };
  }
  const { p, a, b, n, h } = explicit;
  for (const curve of KNOWN_CURVES) {
    const known = curve.parameters;
    if (known.p !== p || known.a !== a || known.b !== b || known.n !== n || known.h !== h) continue;
    // The base point may be compressed or not; it must be the curve's generator.
    try {
      if (curvePoint(curve).fromBytes(explicit.base).equals(curvePoint(curve).BASE)) return { status: 'named', curve, explicit: true };
    } catch {
      // not a point of this curve
    }
    return { status: 'unknown', reason: `explicit EC curve parameters equal to ${curve.name} except for the base point` };
  }
  return { status: 'unknown', reason: `explicit EC curve parameters (a ${p.toString(2).length}-bit prime field) that are not a known named curve` };
}
