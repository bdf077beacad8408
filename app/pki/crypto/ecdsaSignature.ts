/**
 * ECDSA signature encodings. WebCrypto and PKCS#11 tokens give raw r||s; CMS and X.509 carry
 * DER `SEQUENCE { r INTEGER, s INTEGER }`. Signatures are also normalised to low s, because the
 * ledger's P-256 verifier (OpenZeppelin P256.sol) rejects high-s signatures and every other
 * verifier accepts both.
 */

import { bigIntToBytes, bytesToBigInt } from '../bytes';
import { type DerNode, expectSequence, isUniversal, parseDer, UniversalTag } from '../der/asn1';
import { KNOWN_CURVES, type KnownCurve } from './curves';

/** A curve's order, from the one table of curve parameters (crypto/curves.ts; read on use, as curves.ts imports sm2.ts which imports this module). */
const curveOrder = (curve: EcdsaCurveName): bigint => (KNOWN_CURVES.find((known) => known.name === curve) as KnownCurve).parameters.n;

export type EcdsaCurveName = 'P-256' | 'P-384' | 'P-521' | 'SM2';

export const CURVE_SIZES: Readonly<Record<EcdsaCurveName, number>> = { 'P-256': 32, 'P-384': 48, 'P-521': 66, SM2: 32 };

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  if (length < 0x100) return Uint8Array.of(0x81, length);
  return Uint8Array.of(0x82, length >> 8, length & 0xff);
}

function encodeInteger(value: bigint): Uint8Array {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let body = Uint8Array.from(hex.match(/../g)!, (pair) => parseInt(pair, 16));
  if (body[0]! & 0x80) body = Uint8Array.of(0, ...body);
  return Uint8Array.of(0x02, ...encodeLength(body.length), ...body);
}

export type EcdsaSignatureComponents = { readonly r: bigint; readonly s: bigint };

/**
 * Parses a DER Ecdsa-Sig-Value through the engine's strict DER reader (minimal lengths and
 * INTEGERs, nothing after it); with the curve, also 0 < r, s < n. Throws RangeError otherwise, so a
 * raw r||s or any re-encoding of a signature is refused rather than read.
 */
export function parseDerEcdsaSignature(der: Uint8Array, curve?: EcdsaCurveName): EcdsaSignatureComponents {
  let fields: readonly DerNode[];
  try {
    fields = expectSequence(parseDer(der), 'Ecdsa-Sig-Value');
  } catch (error) {
    throw new RangeError(`Not a DER Ecdsa-Sig-Value: ${(error as Error).message}`, { cause: error });
  }
  const [r, s, extra] = fields;
  if (!r || !s || extra || !isUniversal(r, UniversalTag.Integer) || !isUniversal(s, UniversalTag.Integer)) throw new RangeError('Expected SEQUENCE { r INTEGER, s INTEGER }');
  if (((r.content[0] as number) & 0x80) !== 0 || ((s.content[0] as number) & 0x80) !== 0) throw new RangeError('Negative INTEGER');
  const components = { r: bytesToBigInt(r.content), s: bytesToBigInt(s.content) };
  if (curve) {
    const n = curveOrder(curve);
    if (components.r <= 0n || components.r >= n || components.s <= 0n || components.s >= n) throw new RangeError('r and s must be in 1..n-1');
  }
  return components;
}

export function isDerEcdsaSignature(bytes: Uint8Array): boolean {
  try {
    parseDerEcdsaSignature(bytes);
    return true;
  } catch {
    return false;
  }
}

export function encodeDerEcdsaSignature({ r, s }: EcdsaSignatureComponents): Uint8Array {
  const body = Uint8Array.of(...encodeInteger(r), ...encodeInteger(s));
  return Uint8Array.of(0x30, ...encodeLength(body.length), ...body);
}

/** r||s, each left-padded to the curve's coordinate size, as WebCrypto `verify` expects. */
export function ecdsaDerToRaw(der: Uint8Array, curve: EcdsaCurveName): Uint8Array {
  const { r, s } = parseDerEcdsaSignature(der, curve);
  const size = CURVE_SIZES[curve];
  return Uint8Array.of(...bigIntToBytes(r, size), ...bigIntToBytes(s, size));
}

export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  if (raw.length === 0 || raw.length % 2 !== 0) throw new RangeError('Raw ECDSA signature must be r||s of equal halves');
  const half = raw.length / 2;
  return encodeDerEcdsaSignature({ r: bytesToBigInt(raw.subarray(0, half)), s: bytesToBigInt(raw.subarray(half)) });
}

/**
 * Accepts a signature a token or WebCrypto produced, raw r||s or DER, and returns DER with low s.
 * Raw is recognised by its exact length (2 x coordinate size) when it is not valid DER.
 */
export function toDerEcdsaSignature(signature: Uint8Array, curve: EcdsaCurveName): Uint8Array {
  const size = CURVE_SIZES[curve];
  let components: EcdsaSignatureComponents;
  if (signature.length === 2 * size && !isDerEcdsaSignature(signature)) {
    components = { r: bytesToBigInt(signature.subarray(0, size)), s: bytesToBigInt(signature.subarray(size)) };
  } else {
    components = parseDerEcdsaSignature(signature);
  }
  return encodeDerEcdsaSignature(normaliseLowS(components, curve));
}

/** s -> n - s when s > n/2: the same signature, in the form the ledger's verifier accepts. */
export function normaliseLowS({ r, s }: EcdsaSignatureComponents, curve: EcdsaCurveName): EcdsaSignatureComponents {
  const n = curveOrder(curve);
  return { r, s: s > n >> 1n ? n - s : s };
}
