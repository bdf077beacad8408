// Over 300 lines: the verifier registry and its default entries (RSA, RSA-PSS, ECDSA, brainpool, EdDSA) side by side.
/**
 * Signature verification behind a registry keyed by signature-algorithm OID, so algorithms WebCrypto
 * lacks (SM2-with-SM3, in sm2.ts) plug in with `registerSignatureVerifier`. An algorithm nobody
 * registered, or a key the verifier cannot use, yields `unsupported-algorithm`, never a bad signature.
 */
import { Asn1Error, type DerNode, expectSequence, isContext, isUniversal, parseDer, readOid, readSmallInteger, UniversalTag } from '../der/asn1';
import { base64UrlEncode, bytesEqual, toArrayBuffer, toBufferSource } from '../bytes';
import type { AlgorithmIdentifier, SubjectPublicKeyInfo } from '../x509/certificate';
import { KeyOid, SignatureOid } from '../oids';
import { ed448 } from '@noble/curves/ed448.js';
import { ecdsaDerToRaw, type EcdsaCurveName, parseDerEcdsaSignature } from './ecdsaSignature';
import { sm2SignatureVerifier } from './sm2';
import { curveEcdsa, curveOfKey, curvePoint, type KnownCurve } from './curves';
import { ed521Verifier } from './ed521';
import { eddsaVerifier, verifyEddsaInSoftware } from './eddsa';

export type HashName = 'MD5' | 'SHA-1' | 'SHA-224' | 'SHA-256' | 'SHA-384' | 'SHA-512' | 'SM3' | 'none';

export type VerifySignatureParameters = {
  readonly signatureAlgorithm: AlgorithmIdentifier;
  readonly publicKey: SubjectPublicKeyInfo;
  readonly data: Uint8Array;
  readonly signature: Uint8Array;
};

export type VerifySignatureReturnType =
  | { readonly status: 'valid' }
  | { readonly status: 'invalid'; readonly reason: string }
  | { readonly status: 'unsupported-algorithm'; readonly reason: string };

/** What a signature algorithm is, for the algorithm policy (hash strength). */
export type SignatureAlgorithmInfo = { readonly name: string; readonly hash: HashName };

export type SignatureVerifier = {
  /** Signature algorithm OIDs this verifier handles. */
  readonly oids: readonly string[];
  describe(signatureAlgorithm: AlgorithmIdentifier): SignatureAlgorithmInfo;
  verify(parameters: VerifySignatureParameters): Promise<VerifySignatureReturnType>;
  /**
   * Optional: do beforehand the part of `verify` that needs only the key (e.g. WebCrypto's importKey),
   * so a later `verify` of this key starts at once. Never decides anything: `verify` judges as before.
   */
  prepare?(parameters: Pick<VerifySignatureParameters, 'signatureAlgorithm' | 'publicKey'>): Promise<unknown> | undefined;
};

const registry = new Map<string, SignatureVerifier>();

export function registerSignatureVerifier(verifier: SignatureVerifier): void {
  for (const oid of verifier.oids) registry.set(oid, verifier);
}

export function getSignatureVerifier(oid: string): SignatureVerifier | undefined {
  return registry.get(oid);
}

export function describeSignatureAlgorithm(algorithm: AlgorithmIdentifier): SignatureAlgorithmInfo | undefined {
  const verifier = registry.get(algorithm.oid);
  if (verifier) return verifier.describe(algorithm);
  return KNOWN_UNVERIFIABLE[algorithm.oid];
}

export async function verifySignature(parameters: VerifySignatureParameters): Promise<VerifySignatureReturnType> {
  const verifier = registry.get(parameters.signatureAlgorithm.oid);
  if (!verifier) return { status: 'unsupported-algorithm', reason: `signature algorithm ${parameters.signatureAlgorithm.oid} is not supported` };
  try {
    return await verifier.verify(parameters);
  } catch (error) {
    // WebCrypto refusing a key or parameters means we cannot judge the signature, not that it is bad.
    return { status: 'unsupported-algorithm', reason: `verification failed to run: ${(error as Error).message}` };
  }
}

/**
 * Import the key a verification of this algorithm will need (see `SignatureVerifier.prepare`); settles
 * once it is ready, and never rejects: a key that cannot be imported is reported by the verification.
 */
export async function prepareSignatureVerification(parameters: Pick<VerifySignatureParameters, 'signatureAlgorithm' | 'publicKey'>): Promise<void> {
  try {
    await registry.get(parameters.signatureAlgorithm.oid)?.prepare?.(parameters);
  } catch {
    // verify() imports again and says why it cannot.
  }
}

const KNOWN_UNVERIFIABLE: Record<string, SignatureAlgorithmInfo> = {
  [SignatureOid.md5WithRsa]: { name: 'md5WithRSAEncryption', hash: 'MD5' },
  [SignatureOid.sha224WithRsa]: { name: 'sha224WithRSAEncryption', hash: 'SHA-224' },
  [SignatureOid.ecdsaWithSha224]: { name: 'ecdsa-with-SHA224', hash: 'SHA-224' },
  [SignatureOid.sm2WithSm3]: { name: 'SM2-with-SM3', hash: 'SM3' },
};


const HASH_OIDS: Record<string, HashName> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

const NULL_DER = new Uint8Array([5, 0]);

// Imported keys, per SPKI object (certificates are memoised, so each key imports once per algorithm);
// `key` is set once the import has settled, so a verification can start without awaiting it.
type ImportedKey = { readonly promise: Promise<CryptoKey>; key?: CryptoKey };
const keyCache = new WeakMap<SubjectPublicKeyInfo, Map<string, ImportedKey>>();

type KeyImportAlgorithm = RsaHashedImportParams | EcKeyImportParams | Algorithm;

function importKey(spki: SubjectPublicKeyInfo, algorithm: KeyImportAlgorithm): Promise<CryptoKey> {
  let perKey = keyCache.get(spki);
  if (!perKey) keyCache.set(spki, (perKey = new Map()));
  const cacheKey = JSON.stringify(algorithm);
  let entry = perKey.get(cacheKey);
  if (!entry) {
    const imported: ImportedKey = { promise: importPublicKey(spki, algorithm) };
    perKey.set(cacheKey, imported);
    imported.promise.then(
      (key) => (imported.key = key),
      () => perKey.delete(cacheKey),
    );
    entry = imported;
  }
  return entry.promise;
}

/**
 * The key, imported already or in the making. A ready key is returned as it is, not as a promise: the
 * verification then reaches WebCrypto in the same turn (see the path builder's prefetch).
 */
function keyFor(spki: SubjectPublicKeyInfo, algorithm: KeyImportAlgorithm): CryptoKey | Promise<CryptoKey> {
  return keyCache.get(spki)?.get(JSON.stringify(algorithm))?.key ?? importKey(spki, algorithm);
}

/**
 * Import through the cheapest form WebCrypto takes: decoding an SPKI goes through the platform's
 * generic key decoder (in Node, OpenSSL's, about 0.1 ms per key) while an RSA JWK or a raw EC point
 * is built directly from its parts (4 to 5 times faster). Only keys whose encoding we fully checked
 * take the short cut; anything unusual is imported as SPKI, so the platform judges it as before.
 */
function importPublicKey(spki: SubjectPublicKeyInfo, algorithm: RsaHashedImportParams | EcKeyImportParams | Algorithm): Promise<CryptoKey> {
  const subtle = globalThis.crypto.subtle;
  if (algorithm.name === 'RSASSA-PKCS1-v1_5' || algorithm.name === 'RSA-PSS') {
    const jwk = rsaJwk(spki);
    if (jwk) return subtle.importKey('jwk', jwk, algorithm, false, ['verify']);
  } else if (algorithm.name === 'ECDSA') {
    // Explicit parameters equal to a NIST curve are imported by the curve's name (WebCrypto's SPKI decoder refuses them).
    const known = curveOfKey(spki);
    const point = spki.publicKey;
    if (known.status === 'named' && known.curve.name === (algorithm as EcKeyImportParams).namedCurve && point.length === 1 + 2 * known.curve.size && point[0] === 4)
      return subtle.importKey('raw', toArrayBuffer(point), algorithm, false, ['verify']);
  }
  return subtle.importKey('spki', toArrayBuffer(spki.der), algorithm, false, ['verify']);
}

/** An rsaEncryption key (NULL parameters) whose RSAPublicKey is two positive, minimally encoded INTEGERs, as a JWK. */
function rsaJwk(spki: SubjectPublicKeyInfo): JsonWebKey | undefined {
  if (spki.algorithm.oid !== KeyOid.rsaEncryption || !spki.algorithm.parameters || !bytesEqual(spki.algorithm.parameters, NULL_DER)) return undefined;
  try {
    const fields = expectSequence(parseDer(spki.publicKey), 'RSAPublicKey');
    if (fields.length !== 2) return undefined;
    const parts: Uint8Array[] = [];
    for (const integer of fields) {
      if (!isUniversal(integer, UniversalTag.Integer) || integer.constructed) return undefined;
      const bytes = integer.content;
      // Negative, or not the shortest encoding: leave it to the SPKI decoder.
      if (bytes.length === 0 || ((bytes[0] as number) & 0x80) !== 0) return undefined;
      if (bytes.length > 1 && bytes[0] === 0 && ((bytes[1] as number) & 0x80) === 0) return undefined;
      parts.push(bytes[0] === 0 ? bytes.subarray(1) : bytes);
    }
    const [n, e] = parts as [Uint8Array, Uint8Array];
    return { kty: 'RSA', n: base64UrlEncode(n), e: base64UrlEncode(e) };
  } catch {
    return undefined;
  }
}

const unsupported = (reason: string): VerifySignatureReturnType => ({ status: 'unsupported-algorithm', reason });
const invalid = (reason: string): VerifySignatureReturnType => ({ status: 'invalid', reason });

async function webVerify(key: CryptoKey, algorithm: Algorithm | RsaPssParams | EcdsaParams, signature: Uint8Array, data: Uint8Array): Promise<VerifySignatureReturnType> {
  const ok = await globalThis.crypto.subtle.verify(algorithm, key, toBufferSource(signature), toBufferSource(data));
  return ok ? { status: 'valid' } : invalid('the signature does not verify with the issuer public key');
}

const RSA_PKCS1: Record<string, HashName> = {
  [SignatureOid.sha1WithRsa]: 'SHA-1',
  [SignatureOid.sha256WithRsa]: 'SHA-256',
  [SignatureOid.sha384WithRsa]: 'SHA-384',
  [SignatureOid.sha512WithRsa]: 'SHA-512',
};

export const rsaPkcs1Verifier: SignatureVerifier = {
  oids: Object.keys(RSA_PKCS1),
  describe: (alg) => ({ name: `RSA PKCS#1 v1.5 with ${RSA_PKCS1[alg.oid]}`, hash: RSA_PKCS1[alg.oid] ?? 'none' }),
  async verify({ signatureAlgorithm, publicKey, data, signature }) {
    if (publicKey.algorithm.oid !== KeyOid.rsaEncryption) return invalid(`an RSA signature needs an RSA key, the issuer key is ${publicKey.algorithm.oid}`);
    // RFC 4055: the parameters MUST be NULL (absent is tolerated, as most verifiers do).
    if (signatureAlgorithm.parameters && !bytesEqual(signatureAlgorithm.parameters, NULL_DER)) return invalid('RSA PKCS#1 v1.5 signature parameters must be NULL');
    const ready = keyFor(publicKey, rsaPkcs1KeyAlgorithm(signatureAlgorithm));
    const key = ready instanceof Promise ? await ready : ready;
    return webVerify(key, { name: 'RSASSA-PKCS1-v1_5' }, signature, data);
  },
  prepare: ({ signatureAlgorithm, publicKey }) => (publicKey.algorithm.oid === KeyOid.rsaEncryption ? importKey(publicKey, rsaPkcs1KeyAlgorithm(signatureAlgorithm)) : undefined),
};

function rsaPkcs1KeyAlgorithm(signatureAlgorithm: AlgorithmIdentifier): RsaHashedImportParams {
  return { name: 'RSASSA-PKCS1-v1_5', hash: RSA_PKCS1[signatureAlgorithm.oid] as HashName };
}

type PssParameters = { hash: HashName; mgfHash: HashName; saltLength: number };

function decodePssParameters(der: Uint8Array | undefined): PssParameters {
  let hash: HashName = 'SHA-1';
  let mgfHash: HashName = 'SHA-1';
  let saltLength = 20;
  if (!der) return { hash, mgfHash, saltLength };
  for (const field of expectSequence(parseDer(der), 'RSASSA-PSS-params')) {
    const inner = field.children[0] as DerNode;
    if (isContext(field, 0)) hash = HASH_OIDS[readOid(expectSequence(inner, 'hashAlgorithm')[0])] ?? 'none';
    else if (isContext(field, 1)) {
      const [mgf, mgfParams] = expectSequence(inner, 'maskGenAlgorithm');
      if (readOid(mgf) !== '1.2.840.113549.1.1.8') throw new Asn1Error('only MGF1 is supported');
      mgfHash = HASH_OIDS[readOid(expectSequence(mgfParams, 'MGF1 parameters')[0])] ?? 'none';
    } else if (isContext(field, 2)) saltLength = readSmallInteger(inner, 'saltLength');
    else if (isContext(field, 3)) {
      if (readSmallInteger(inner, 'trailerField') !== 1) throw new Asn1Error('trailerField must be 1');
    }
  }
  return { hash, mgfHash, saltLength };
}

export const rsaPssVerifier: SignatureVerifier = {
  oids: [SignatureOid.rsassaPss],
  describe(alg) {
    try {
      return { name: 'RSASSA-PSS', hash: decodePssParameters(alg.parameters).hash };
    } catch {
      return { name: 'RSASSA-PSS', hash: 'none' };
    }
  },
  async verify({ signatureAlgorithm, publicKey, data, signature }) {
    if (publicKey.algorithm.oid !== KeyOid.rsaEncryption && publicKey.algorithm.oid !== KeyOid.rsassaPss)
      return invalid(`an RSA-PSS signature needs an RSA key, the issuer key is ${publicKey.algorithm.oid}`);
    let params: PssParameters;
    try {
      params = decodePssParameters(signatureAlgorithm.parameters);
    } catch (error) {
      return invalid(`malformed RSASSA-PSS parameters: ${(error as Error).message}`);
    }
    if (params.hash === 'none' || params.hash !== params.mgfHash) return unsupported('RSASSA-PSS with this hash or mask generation is not supported');
    const key = await importKey(publicKey, { name: 'RSA-PSS', hash: params.hash });
    return webVerify(key, { name: 'RSA-PSS', saltLength: params.saltLength } as RsaPssParams, signature, data);
  },
};

const ECDSA: Record<string, HashName> = {
  [SignatureOid.ecdsaWithSha1]: 'SHA-1',
  [SignatureOid.ecdsaWithSha256]: 'SHA-256',
  [SignatureOid.ecdsaWithSha384]: 'SHA-384',
  [SignatureOid.ecdsaWithSha512]: 'SHA-512',
};

/** DER Ecdsa-Sig-Value (strict, 0 < r, s < n) to the fixed-size r||s WebCrypto expects; undefined otherwise. */
function ecdsaRawSignature(der: Uint8Array, curve: EcdsaCurveName): Uint8Array | undefined {
  try {
    return ecdsaDerToRaw(der, curve);
  } catch {
    return undefined;
  }
}

const WEBCRYPTO_CURVES: ReadonlySet<string> = new Set(['P-256', 'P-384', 'P-521']);

/** ECDSA on a curve WebCrypto lacks (brainpool), with @noble/curves over the digest WebCrypto computes. */
async function nobleEcdsaVerify(curve: KnownCurve, hash: HashName, publicKey: SubjectPublicKeyInfo, signature: Uint8Array, data: Uint8Array): Promise<VerifySignatureReturnType> {
  let components: { r: bigint; s: bigint };
  try {
    components = parseDerEcdsaSignature(signature);
  } catch {
    return invalid('malformed ECDSA signature value: a DER Ecdsa-Sig-Value with minimal INTEGERs is required');
  }
  const Point = curvePoint(curve);
  const { n } = curve.parameters;
  if (components.r <= 0n || components.r >= n || components.s <= 0n || components.s >= n) return invalid('malformed ECDSA signature value: r and s must be in 1..n-1');
  let point;
  try {
    point = Point.fromBytes(publicKey.publicKey);
  } catch {
    return invalid(`the issuer public key is not a point of ${curve.name}`);
  }
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest(hash, toBufferSource(data)));
  const ecdsa = curveEcdsa(curve);
  const raw = new ecdsa.Signature(components.r, components.s).toBytes('compact');
  // lowS: false, since X.509 signatures are not normalised; prehash: false, as the digest is already taken.
  const ok = ecdsa.verify(raw, digest, point.toBytes(false), { lowS: false, prehash: false });
  return ok ? { status: 'valid' } : invalid('the signature does not verify with the issuer public key');
}

export const ecdsaVerifier: SignatureVerifier = {
  oids: Object.keys(ECDSA),
  describe: (alg) => ({ name: `ECDSA with ${ECDSA[alg.oid]}`, hash: ECDSA[alg.oid] ?? 'none' }),
  async verify({ signatureAlgorithm, publicKey, data, signature }) {
    if (publicKey.algorithm.oid !== KeyOid.ecPublicKey) return invalid(`an ECDSA signature needs an EC key, the issuer key is ${publicKey.algorithm.oid}`);
    if (signatureAlgorithm.parameters) return invalid('ECDSA signature algorithm parameters must be absent');
    const known = curveOfKey(publicKey);
    if (known.status !== 'named') return unsupported(known.reason);
    const hash = ECDSA[signatureAlgorithm.oid] as HashName;
    const curve = known.curve;
    if (curve.name === 'SM2') return unsupported('ECDSA on the SM2 curve is not supported (SM2 keys sign with SM2-with-SM3)');
    if (!WEBCRYPTO_CURVES.has(curve.name)) return nobleEcdsaVerify(curve, hash, publicKey, signature, data);
    const name = curve.name as EcdsaCurveName;
    const raw = ecdsaRawSignature(signature, name);
    if (!raw) return invalid('malformed ECDSA signature value: a DER Ecdsa-Sig-Value with minimal INTEGERs 0 < r, s < n is required');
    const ready = keyFor(publicKey, { name: 'ECDSA', namedCurve: name });
    const key = ready instanceof Promise ? await ready : ready;
    return webVerify(key, { name: 'ECDSA', hash } as EcdsaParams, raw, data);
  },
  prepare({ publicKey }) {
    if (publicKey.algorithm.oid !== KeyOid.ecPublicKey) return undefined;
    const known = curveOfKey(publicKey);
    return known.status === 'named' && WEBCRYPTO_CURVES.has(known.curve.name) ? importKey(publicKey, { name: 'ECDSA', namedCurve: known.curve.name }) : undefined;
  },
};

/** Ed448 (RFC 8032 pure, empty context; RFC 8410) with @noble/curves: WebCrypto in Node 20 and most browsers lacks it. */
export const ed448Verifier: SignatureVerifier = eddsaVerifier({
  oid: SignatureOid.ed448,
  name: 'Ed448',
  signatureLabel: 'Ed448',
  keyLabel: 'Ed448',
  async verify(parameters) {
    if (parameters.publicKey.algorithm.parameters) return invalid('Ed448 key parameters must be absent');
    return verifyEddsaInSoftware(ed448, { keyLabel: 'Ed448', key: 57, signature: 114 }, parameters);
  },
});

export const ed25519Verifier: SignatureVerifier = eddsaVerifier({
  oid: SignatureOid.ed25519,
  name: 'Ed25519',
  signatureLabel: 'Ed25519',
  keyLabel: 'Ed25519',
  async verify({ publicKey, data, signature }) {
    let key: CryptoKey;
    try {
      key = await importKey(publicKey, { name: 'Ed25519' });
    } catch (error) {
      return unsupported(`this platform has no Ed25519: ${(error as Error).message}`);
    }
    return webVerify(key, { name: 'Ed25519' }, signature, data);
  },
});

/** Signature algorithms by key algorithm and hash (a CMS SignerInfo may name its algorithm by the key, RFC 5652). */
const SIGNATURE_BY_KEY_AND_HASH: Readonly<Record<string, Partial<Record<HashName, string>>>> = {
  [KeyOid.rsaEncryption]: { 'SHA-1': SignatureOid.sha1WithRsa, 'SHA-256': SignatureOid.sha256WithRsa, 'SHA-384': SignatureOid.sha384WithRsa, 'SHA-512': SignatureOid.sha512WithRsa },
  [KeyOid.ecPublicKey]: { 'SHA-1': SignatureOid.ecdsaWithSha1, 'SHA-256': SignatureOid.ecdsaWithSha256, 'SHA-384': SignatureOid.ecdsaWithSha384, 'SHA-512': SignatureOid.ecdsaWithSha512 },
};

/** Whether an OID is a key algorithm that names a signature algorithm once a hash is given. */
export function isKeyAlgorithmWithHash(oid: string): boolean {
  return oid in SIGNATURE_BY_KEY_AND_HASH;
}

/** The signature algorithm OID a key of this algorithm signs with under `hash` (verify it with `verifySignature`). */
export function signatureOidForKey(keyOid: string, hash: HashName): string | undefined {
  return SIGNATURE_BY_KEY_AND_HASH[keyOid]?.[hash];
}

/**
 * The verifiers the registry knows from the start, SM2-with-SM3 among them (China's national PKI signs
 * with it and WebCrypto lacks it): a static list, so no import has to register anything.
 */
export const defaultSignatureVerifiers: readonly SignatureVerifier[] = [rsaPkcs1Verifier, rsaPssVerifier, ecdsaVerifier, ed25519Verifier, ed448Verifier, ed521Verifier, sm2SignatureVerifier];
for (const verifier of defaultSignatureVerifiers) registerSignatureVerifier(verifier);

/** Modulus size of an RSA SPKI in bits, or undefined when the key is not RSA or malformed. */
export function rsaModulusBits(spki: SubjectPublicKeyInfo): number | undefined {
  if (spki.algorithm.oid !== KeyOid.rsaEncryption && spki.algorithm.oid !== KeyOid.rsassaPss) return undefined;
  try {
    const [modulus] = expectSequence(parseDer(spki.publicKey), 'RSAPublicKey');
    if (!modulus || !isUniversal(modulus, UniversalTag.Integer)) return undefined;
    let bytes = modulus.content;
    while (bytes.length > 1 && bytes[0] === 0) bytes = bytes.subarray(1);
    const top = bytes[0] as number;
    return (bytes.length - 1) * 8 + (32 - Math.clz32(top));
  } catch {
    return undefined;
  }
}
