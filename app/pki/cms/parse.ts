/**
 * What signing and verifying CMS share: the signer's certificate as pkijs reads it, the kind of key
 * it holds, and the digest algorithms (SHA-2 by WebCrypto, SM3 by crypto/sm3.ts).
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { type EcdsaCurveName } from '../crypto/ecdsaSignature';
import { isSm2PublicKey } from '../crypto/sm2';
import { sm3 } from '../crypto/sm3';
import { CHINA_OIDS, CURVE_OIDS, HASH_OIDS, KeyOid, hashNameOf, type CmsHashName } from '../oids';
import { digest, toArrayBuffer } from '../bytes';
import { CmsMalformedError, UnsupportedAlgorithmError } from '../errors';

/** The digests a CMS signature here may use: SHA-2 (and SHA-1 for old signatures), and SM3 for SM2 signers. */
export type CmsDigestName = CmsHashName | 'SM3';

/** What kind of key a certificate holds, as far as CMS signing here is concerned. */
export type SignerKey =
  | { readonly kind: 'rsa' }
  | { readonly kind: 'ecdsa'; readonly curve: Exclude<EcdsaCurveName, 'SM2'> }
  /** SM2 (id-ecPublicKey with the SM2 curve, explicit SM2 parameters, or the SM2 OID as algorithm). */
  | { readonly kind: 'sm2' };

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  try {
    return pkijs.Certificate.fromBER(toArrayBuffer(der));
  } catch (cause) {
    throw new CmsMalformedError({ details: 'The certificate is not valid DER X.509.', cause });
  }
}

/** The signer's key type, read from the certificate's SubjectPublicKeyInfo. */
export function signerKeyOf(certificate: pkijs.Certificate): SignerKey {
  const spki = certificate.subjectPublicKeyInfo;
  const algorithm = spki.algorithm;
  if (algorithm.algorithmId === KeyOid.rsaEncryption) return { kind: 'rsa' };
  if (isSm2PublicKey(new Uint8Array(spki.toSchema().toBER()))) return { kind: 'sm2' };
  if (algorithm.algorithmId === KeyOid.ecPublicKey && algorithm.algorithmParams instanceof asn1js.ObjectIdentifier) {
    const curveOid = algorithm.algorithmParams.valueBlock.toString();
    const curve = (Object.keys(CURVE_OIDS) as (keyof typeof CURVE_OIDS)[]).find((name) => CURVE_OIDS[name] === curveOid);
    if (curve) return { kind: 'ecdsa', curve };
    throw new UnsupportedAlgorithmError(`elliptic curve ${curveOid}`);
  }
  throw new UnsupportedAlgorithmError(`public key ${algorithm.algorithmId}`);
}

/** The digest an algorithm OID names: SHA-1/SHA-2, or SM3 by its GM/T 0006 or ISO/IEC 10118-3 OID. */
export function cmsDigestNameOf(oid: string): CmsDigestName | undefined {
  if (oid === CHINA_OIDS.sm3 || oid === CHINA_OIDS.sm3Iso) return 'SM3';
  return hashNameOf(oid);
}

/** The OID a SignerInfo written here names its digest with (SM3: the GM/T 0006 one, parameters absent). */
export function cmsDigestOid(name: CmsDigestName): string {
  return name === 'SM3' ? CHINA_OIDS.sm3 : HASH_OIDS[name];
}

export async function cmsDigest(name: CmsDigestName, data: Uint8Array): Promise<Uint8Array> {
  return name === 'SM3' ? sm3(data) : digest(name, data);
}

/** The digest a signer of this key signs with here: SM3 for SM2 (GB/T 35275), SHA-256 otherwise. */
export function signerDigest(key: SignerKey): CmsDigestName {
  return key.kind === 'sm2' ? 'SM3' : 'SHA-256';
}
