import { isSm2PublicKey, parseCertificateSync, Sm2SigningUnsupportedError, toDerEcdsaSignature } from '@/pki';
import { signerId } from './algorithm';
import { SignerError, SignerUnsupportedKeyError } from './errors';
import { FortifyError, FortifyKeyNotFoundError, type FortifyCertificate } from './fortify';
import type { CertificateSigner, SignerAlgorithm } from './types';

const CURVES = ['P-256', 'P-384', 'P-521'] as const;

function algorithmOf(certificate: FortifyCertificate): SignerAlgorithm {
  const key = certificate.keyAlgorithm;
  if (!certificate.privateKeyIndex || !key) throw new FortifyKeyNotFoundError();
  // Fortify (WebCrypto over PKCS#11) cannot sign with SM2: say so, rather than "unsupported key".
  if (key.namedCurve === 'SM2' || isSm2Certificate(certificate.der)) throw new Sm2SigningUnsupportedError({ details: 'Fortify has no SM2 signing' });
  // CMS here signs with SHA-256; an RSA key on a token is bound to one hash, so it must be SHA-256.
  if (key.name === 'RSASSA-PKCS1-v1_5' && key.hash === 'SHA-256') return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const curve = CURVES.find((c) => c === key.namedCurve);
  if (key.name === 'ECDSA' && curve) return { name: 'ECDSA', namedCurve: curve, hash: 'SHA-256' };
  throw new SignerUnsupportedKeyError({ details: `${key.name} ${key.hash ?? key.namedCurve ?? ''}` });
}

/**
 * A certificate on a smart card or token behind Fortify. The token hashes and signs (it may ask for
 * its PIN in the Fortify window); removing it mid-way throws FortifyTokenRemovedError.
 */
export async function fortifySigner(certificate: FortifyCertificate): Promise<CertificateSigner> {
  const algorithm = algorithmOf(certificate);
  const chain = (await certificate.getChain()).filter((der, i) => i > 0 || !sameBytes(der, certificate.der));
  return {
    id: await signerId('fortify', certificate.der),
    kind: 'fortify',
    label: certificate.provider.name,
    certificate: certificate.der,
    chain,
    algorithm,
    keyStorage: 'token',
    // The key stays on the token; the Fortify connection is the store's to close.
    forget: () => undefined,
    sign: async (signedAttributesDer) => {
      let signature: Uint8Array;
      try {
        signature = await certificate.sign(signedAttributesDer.slice(), algorithm.name === 'ECDSA' ? { hash: 'SHA-256' } : {});
      } catch (error) {
        // A token pulled out, a cancelled PIN prompt...: one translatable sentence wherever the signer is used.
        if (error instanceof FortifyError) throw new SignerError(error.shortMessage, { messageOf: error, cause: error, details: error.details });
        throw error;
      }
      // Fortify gives ECDSA as raw r||s (IEEE P1363); CMS wants DER.
      return algorithm.name === 'ECDSA' ? toDerEcdsaSignature(signature, algorithm.namedCurve) : signature;
    },
  };
}

function isSm2Certificate(der: Uint8Array): boolean {
  try {
    return isSm2PublicKey(parseCertificateSync(der).subjectPublicKeyInfo.der);
  } catch {
    return false;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
