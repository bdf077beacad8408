import { cryptoKeySigner, openPkcs12, toDerEcdsaSignature } from '@/pki';
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
  /**
   * An SM2 signer's ID for ZA when its CA assigned one; default "1234567812345678" (GM/T 0009). No
   * standard certificate extension carries it, so it can only be given here.
   */
  readonly sm2Id?: string;
};

/**
 * Opens a PKCS#12 file in this page. An RSA or ECDSA key becomes a non-extractable WebCrypto key that
 * only signs; an SM2 key (WebCrypto has none) a software key in a closure that signs, never returns
 * the key, and is zeroed by `forget()`. A wrong password throws Pkcs12WrongPasswordError (messageKey
 * pki.pkcs12.wrong-password); a key that is not the certificate's, Pkcs12KeyMismatchError.
 */
export async function pkcs12Signer(parameters: Pkcs12SignerParameters): Promise<CertificateSigner> {
  const opened = await openPkcs12({ data: parameters.data, password: parameters.password });
  const kind = parameters.kind ?? 'pkcs12';
  const common = {
    id: await signerId(kind, opened.leaf),
    kind,
    label: parameters.label ?? opened.friendlyName ?? 'PKCS#12',
    certificate: opened.leaf,
    chain: opened.certificates.slice(1),
    keyStorage: 'software',
  } as const;
  if (opened.keyKind === 'sm2') {
    const key = opened.privateKey;
    const options = parameters.sm2Id !== undefined ? { id: parameters.sm2Id } : {};
    return {
      ...common,
      algorithm: { name: 'SM2', namedCurve: 'SM2', hash: 'SM3' },
      sign: async (signedAttributesDer) => key.sign(signedAttributesDer, options),
      forget: () => key.destroy(),
    };
  }
  const algorithm = algorithmOfCryptoKey(opened.privateKey);
  const sign = cryptoKeySigner(opened.privateKey);
  return {
    ...common,
    algorithm,
    // WebCrypto gives ECDSA as raw r||s; CMS wants DER.
    sign: async (signedAttributesDer) => {
      const signature = await sign(signedAttributesDer);
      return algorithm.name === 'ECDSA' ? toDerEcdsaSignature(signature, algorithm.namedCurve) : signature;
    },
    // A non-extractable CryptoKey cannot be wiped; dropping the last reference is all there is.
    forget: () => undefined,
  };
}
