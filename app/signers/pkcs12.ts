import { cryptoKeySigner, importPkcs12, toDerEcdsaSignature } from '@/pki';
import { algorithmOfCryptoKey, signerId } from './algorithm';
import type { CertificateSigner, SignerKind } from './types';

export type Pkcs12SignerParameters = {
  /** The .p12/.pfx file. */
  readonly data: Uint8Array;
  /** Used once to open the file and then dropped: neither stored nor kept in the signer. */
  readonly password: string;
  /** A name for people; defaults to the file's friendlyName. */
  readonly label?: string;
  /** 'demo' for the embedded network's demo identities. */
  readonly kind?: Extract<SignerKind, 'pkcs12' | 'demo'>;
};

/**
 * Opens a PKCS#12 file in this page: the private key becomes a non-extractable WebCrypto key that
 * only signs. A wrong password throws Pkcs12WrongPasswordError (messageKey pki.pkcs12.wrong-password).
 */
export async function pkcs12Signer(parameters: Pkcs12SignerParameters): Promise<CertificateSigner> {
  const opened = await importPkcs12({ data: parameters.data, password: parameters.password });
  const algorithm = algorithmOfCryptoKey(opened.privateKey);
  const sign = cryptoKeySigner(opened.privateKey);
  const kind = parameters.kind ?? 'pkcs12';
  return {
    id: await signerId(kind, opened.leaf),
    kind,
    label: parameters.label ?? opened.friendlyName ?? 'PKCS#12',
    certificate: opened.leaf,
    chain: opened.certificates.slice(1),
    algorithm,
    // WebCrypto gives ECDSA as raw r||s; CMS wants DER.
    sign: async (signedAttributesDer) => {
      const signature = await sign(signedAttributesDer);
      return algorithm.name === 'ECDSA' ? toDerEcdsaSignature(signature, algorithm.namedCurve) : signature;
    },
  };
}
