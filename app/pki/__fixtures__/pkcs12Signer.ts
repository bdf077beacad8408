import { toDerEcdsaSignature } from '../crypto/ecdsaSignature';
import { cryptoKeySigner } from '../cms/signed-data';
import { importPkcs12 } from '../pkcs12/import';

/** A PKCS#12 test identity as a CMS signer (what app/signers' pkcs12Signer does, without the app layer). */
export async function pkcs12Signer({ data, password }: { data: Uint8Array; password: string }) {
  const opened = await importPkcs12({ data, password });
  const sign = cryptoKeySigner(opened.privateKey);
  const algorithm = opened.privateKey.algorithm as EcKeyAlgorithm;
  return {
    certificate: opened.leaf,
    chain: opened.certificates.slice(1),
    sign: async (signedAttributesDer: Uint8Array) => {
      const signature = await sign(signedAttributesDer);
      return algorithm.name === 'ECDSA' ? toDerEcdsaSignature(signature, algorithm.namedCurve as 'P-256') : signature;
    },
  };
}
