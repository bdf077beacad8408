import { toDerEcdsaSignature } from '../crypto/ecdsaSignature';
import { cryptoKeySigner } from '../cms/signed-data';
import { openPkcs12 } from '../pkcs12/import';

/** A PKCS#12 test identity as a CMS signer (what app/signers' pkcs12Signer does, without the app layer); SM2 included. */
export async function pkcs12Signer({ data, password }: { data: Uint8Array; password: string }) {
  const opened = await openPkcs12({ data, password });
  const common = { certificate: opened.leaf, chain: opened.certificates.slice(1) };
  if (opened.keyKind === 'sm2') {
    const key = opened.privateKey;
    return { ...common, sign: async (signedAttributesDer: Uint8Array) => key.sign(signedAttributesDer) };
  }
  const sign = cryptoKeySigner(opened.privateKey);
  const algorithm = opened.privateKey.algorithm as EcKeyAlgorithm;
  return {
    ...common,
    sign: async (signedAttributesDer: Uint8Array) => {
      const signature = await sign(signedAttributesDer);
      return algorithm.name === 'ECDSA' ? toDerEcdsaSignature(signature, algorithm.namedCurve as 'P-256') : signature;
    },
  };
}
