import { cryptoKeySigner, Pkcs12MalformedError, toDerEcdsaSignature } from '@/pki';
import { algorithmOfCryptoKey, signerId } from './algorithm';
import { pkcs12Call } from './pkcs12Client';
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
 * Opens a PKCS#12 file in a worker (pkcs12Protocol.ts), so its legacy key derivation never blocks the
 * page. An RSA or ECDSA key becomes a non-extractable WebCrypto key that only signs; an SM2 key (WebCrypto
 * has none) stays in the worker, signs by message, and is zeroed there by `forget()`. A wrong password throws Pkcs12WrongPasswordError (messageKey
 * pki.pkcs12.wrong-password); a key that is not the certificate's, Pkcs12KeyMismatchError.
 */
export async function pkcs12Signer(parameters: Pkcs12SignerParameters): Promise<CertificateSigner> {
  const opened = await pkcs12Call({ type: 'open', data: parameters.data, password: parameters.password });
  if (opened.result !== 'opened') throw new Pkcs12MalformedError({ details: `the worker answered ${opened.result}` });
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
    const { handle } = opened;
    const sm2Id = parameters.sm2Id !== undefined ? { sm2Id: parameters.sm2Id } : {};
    return {
      ...common,
      algorithm: { name: 'SM2', namedCurve: 'SM2', hash: 'SM3' },
      sign: async (signedAttributesDer) => {
        const answer = await pkcs12Call({ type: 'sign', handle, data: signedAttributesDer, ...sm2Id });
        if (answer.result !== 'signed') throw new Pkcs12MalformedError({ details: `the worker answered ${answer.result}` });
        return answer.signature;
      },
      forget: () => void pkcs12Call({ type: 'forget', handle }).catch(() => undefined),
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
