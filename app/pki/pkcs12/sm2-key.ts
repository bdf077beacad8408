/**
 * SM2 private keys as PKCS#12 files carry them (a PKCS#8 PrivateKeyInfo), in the encodings Chinese
 * CAs and toolkits ship:
 * - id-ecPublicKey with namedCurve SM2 (1.2.156.10197.1.301) over a SEC1 ECPrivateKey: OpenSSL 3,
 *   Tongsuo, BouncyCastle;
 * - id-ecPublicKey with explicit parameters equal to SM2 (older CFCA/Java exports);
 * - id-ecPublicKey without parameters, the curve given inside the ECPrivateKey ([0] SM2);
 * - 1.2.156.10197.1.301 as the key algorithm (GmSSL 2, some GM/T 0010 toolkits), over a SEC1
 *   ECPrivateKey or a bare INTEGER (GM/T 0010 Annex A SM2PrivateKey).
 * Read with the strict DER reader; the scalar is copied into a fresh 32-byte buffer that the caller
 * hands to createSm2PrivateKey.
 */
import { type DerNode, expectSequence, isContext, isUniversal, parseDer, readOctetString, readOid, UniversalTag } from '../der/asn1';
import { CHINA_OIDS, KeyOid } from '../oids';
import { isSm2ExplicitParameters } from '../crypto/sm2';
import { Pkcs12MalformedError } from '../errors';
import * as asn1js from 'asn1js';
import { toArrayBuffer } from '../bytes';

/** Whether ECParameters (DER node) name SM2: the SM2 OID or explicit parameters exactly equal to SM2. */
function isSm2Parameters(node: DerNode | undefined): boolean {
  if (!node) return false;
  if (isUniversal(node, UniversalTag.ObjectIdentifier)) return readOid(node) === CHINA_OIDS.sm2Curve;
  if (!isUniversal(node, UniversalTag.Sequence)) return false;
  const parsed = asn1js.fromBER(toArrayBuffer(node.der));
  return parsed.offset !== -1 && isSm2ExplicitParameters(parsed.result);
}

/** The scalar left-padded to 32 bytes; an encoder may drop leading zero octets (or add one, as an INTEGER does). */
function scalarBytes(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (bytes.length - start > 32 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  if (trimmed.length > 32) throw new Pkcs12MalformedError({ details: 'the SM2 private key is longer than 32 bytes' });
  const out = new Uint8Array(32);
  out.set(trimmed, 32 - trimmed.length);
  return out;
}

export type Sm2KeyInfo = {
  /** 32 bytes, big-endian, a fresh buffer. */
  readonly scalar: Uint8Array;
  /** The public point the file stores beside the key (04||x||y), when it does. */
  readonly publicPoint: Uint8Array | undefined;
};

/**
 * Reads an SM2 key out of PKCS#8 DER; undefined when the key is not SM2 (RSA, P-256...). Throws
 * Pkcs12MalformedError when it claims SM2 and does not read.
 */
export function readSm2PrivateKeyInfo(pkcs8: Uint8Array): Sm2KeyInfo | undefined {
  let fields: readonly DerNode[];
  let algorithm: readonly DerNode[];
  try {
    fields = expectSequence(parseDer(pkcs8), 'PrivateKeyInfo');
    algorithm = expectSequence(fields[1], 'privateKeyAlgorithm');
  } catch {
    return undefined; // not for this reader: the generic path reports what it is
  }
  const algorithmOid = readOid(algorithm[0], 'privateKeyAlgorithm.algorithm');
  const parameters = algorithm[1];
  const parametersAbsent = parameters === undefined || isUniversal(parameters, UniversalTag.Null);
  const byAlgorithm = algorithmOid === CHINA_OIDS.sm2Curve && (parametersAbsent || isSm2Parameters(parameters));
  const byCurve = algorithmOid === KeyOid.ecPublicKey && isSm2Parameters(parameters);
  const maybeInner = algorithmOid === KeyOid.ecPublicKey && parametersAbsent;
  if (!byAlgorithm && !byCurve && !maybeInner) return undefined;
  try {
    const inner = parseDer(readOctetString(fields[2], 'privateKey'));
    if (isUniversal(inner, UniversalTag.Integer)) {
      if (!byAlgorithm) return undefined;
      return { scalar: scalarBytes(inner.content), publicPoint: undefined };
    }
    // ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] ECParameters OPTIONAL, [1] BIT STRING OPTIONAL }
    const [version, privateKey, ...optional] = expectSequence(inner, 'ECPrivateKey');
    if (!version || !isUniversal(version, UniversalTag.Integer) || version.content.length !== 1 || version.content[0] !== 1) {
      throw new Error('ECPrivateKey version must be 1');
    }
    const innerParameters = optional.find((node) => isContext(node, 0))?.children[0];
    if (maybeInner && !isSm2Parameters(innerParameters)) return undefined;
    if (innerParameters && !isSm2Parameters(innerParameters)) throw new Error('the ECPrivateKey names another curve than its algorithm');
    const publicKey = optional.find((node) => isContext(node, 1))?.children[0];
    let publicPoint: Uint8Array | undefined;
    if (publicKey) {
      if (!isUniversal(publicKey, UniversalTag.BitString) || publicKey.content[0] !== 0) throw new Error('malformed ECPrivateKey publicKey');
      publicPoint = publicKey.content.slice(1); // a copy: the caller zeroes the PKCS#8 buffer
    }
    return { scalar: scalarBytes(readOctetString(privateKey, 'ECPrivateKey.privateKey')), publicPoint };
  } catch (cause) {
    if (cause instanceof Pkcs12MalformedError) throw cause;
    throw new Pkcs12MalformedError({ details: `the SM2 private key does not read: ${(cause as Error).message}`, cause });
  }
}
