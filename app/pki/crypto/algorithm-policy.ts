/** Which algorithms and key sizes a profile accepts (MD5 never; SHA-1 until a cut-off; RSA >= 2048). */
import { describeSignatureAlgorithm, type HashName, rsaModulusBits, type VerifySignatureReturnType } from './algorithms';
import { curveOfKey, KNOWN_CURVES } from './curves';
import { CHINA_OIDS, ED521_OID, KeyOid } from '../oids';
import type { AlgorithmIdentifier, SubjectPublicKeyInfo } from '../x509/certificate';

export type AlgorithmPolicy = {
  readonly minRsaModulusBits: number;
  /** SHA-1 signatures are refused at validation times from this date; undefined refuses them always. */
  readonly sha1AllowedBefore: Date | undefined;
  /** RSA moduli whose size is not a whole number of octets are refused (CA/B Forum 6.1.5). */
  readonly rsaModulusMultipleOf8: boolean;
  /** EC curves accepted for keys, by OID, named or as exactly equal explicit parameters (signature verification still needs a registered verifier). */
  readonly ecCurves: readonly string[];
};

export const SM2_CURVE_OID = CHINA_OIDS.sm2Curve;

export const defaultAlgorithmPolicy: AlgorithmPolicy = {
  minRsaModulusBits: 2048,
  sha1AllowedBefore: new Date(Date.UTC(2017, 0, 1)),
  rsaModulusMultipleOf8: true,
  // P-256, P-384, P-521, SM2 and brainpoolP256r1/P384r1/P512r1 (ICP-Brasil roots v4 and v13).
  ecCurves: KNOWN_CURVES.map((curve) => curve.oid),
};

export type AlgorithmPolicyFailure = { readonly code: 'algorithmRefused' | 'unsupportedAlgorithm'; readonly message: string };

/** Whether a hash may serve a signature at `time` (the hash inside a signature algorithm, or a CMS digest algorithm). */
export function checkHash(policy: AlgorithmPolicy, hash: HashName, time: Date, name: string = hash): AlgorithmPolicyFailure | undefined {
  if (hash === 'MD5') return { code: 'algorithmRefused', message: `${name} is refused: MD5 is broken` };
  if (hash === 'SHA-1' && (!policy.sha1AllowedBefore || time.getTime() >= policy.sha1AllowedBefore.getTime()))
    return { code: 'algorithmRefused', message: `${name} is refused at this time: SHA-1 is no longer accepted` };
  return undefined;
}

export function checkSignatureAlgorithm(policy: AlgorithmPolicy, algorithm: AlgorithmIdentifier, time: Date): AlgorithmPolicyFailure | undefined {
  const info = describeSignatureAlgorithm(algorithm);
  if (!info) return { code: 'unsupportedAlgorithm', message: `signature algorithm ${algorithm.oid} is not supported` };
  return checkHash(policy, info.hash, time, info.name);
}

export type SignatureFailure = { readonly code: AlgorithmPolicyFailure['code'] | 'badSignature'; readonly message: string };

/**
 * How the engine checks any signature (certificates, CRLs, CMS): the policy's verdict on the
 * algorithm at `time` first, then the verifier registry's (`verify`, e.g. the memoised certificate
 * check). Undefined when the signature is valid.
 */
export async function checkSignature(
  policy: AlgorithmPolicy,
  signatureAlgorithm: AlgorithmIdentifier,
  time: Date,
  verify: () => Promise<VerifySignatureReturnType>,
): Promise<SignatureFailure | undefined> {
  const refused = checkSignatureAlgorithm(policy, signatureAlgorithm, time);
  if (refused) return refused;
  const verdict = await verify();
  if (verdict.status === 'valid') return undefined;
  return { code: verdict.status === 'invalid' ? 'badSignature' : 'unsupportedAlgorithm', message: verdict.reason };
}

export function checkPublicKey(policy: AlgorithmPolicy, spki: SubjectPublicKeyInfo): AlgorithmPolicyFailure | undefined {
  switch (spki.algorithm.oid) {
    case KeyOid.rsaEncryption:
    case KeyOid.rsassaPss: {
      const bits = rsaModulusBits(spki);
      if (bits === undefined) return { code: 'algorithmRefused', message: 'malformed RSA public key' };
      if (bits < policy.minRsaModulusBits) return { code: 'algorithmRefused', message: `RSA key of ${bits} bits is below the ${policy.minRsaModulusBits}-bit minimum` };
      if (policy.rsaModulusMultipleOf8 && bits % 8 !== 0) return { code: 'algorithmRefused', message: `RSA key of ${bits} bits is not a whole number of octets` };
      return undefined;
    }
    case KeyOid.ecPublicKey: {
      const curve = curveOfKey(spki);
      if (curve.status !== 'named') return { code: 'unsupportedAlgorithm', message: curve.reason };
      if (!policy.ecCurves.includes(curve.curve.oid)) return { code: 'unsupportedAlgorithm', message: `EC curve ${curve.curve.name} is not accepted here` };
      return undefined;
    }
    case KeyOid.ed25519:
    case KeyOid.ed448:
    case ED521_OID:
      return undefined;
    default:
      return { code: 'unsupportedAlgorithm', message: `public key algorithm ${spki.algorithm.oid} is not supported` };
  }
}
