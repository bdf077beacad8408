import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toDerEcdsaSignature } from '../crypto/ecdsaSignature';
import { importPkcs12 } from '../pkcs12/import';
import { createCmsSignature, cryptoKeySigner, verifyCmsSignature } from './signed-data';
import { buildP7s } from './p7s';

const fixtures = path.resolve(import.meta.dirname, '../__fixtures__/keys');

/** A PKCS#12 test identity as a CMS signer (what app/signers' pkcs12Signer does, without the app layer). */
async function pkcs12Signer({ data, password }: { data: Uint8Array; password: string }) {
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

describe('buildP7s', () => {
  it.each(['rsa-modern.p12', 'p256-modern.p12'])('rebuilds from the recorded parts a .p7s that verifies like the original (%s)', async (file) => {
    const signer = await pkcs12Signer({ data: new Uint8Array(readFileSync(path.join(fixtures, file))), password: 'correct horse battery staple' });
    const content = new Uint8Array(32).fill(7);
    const original = await createCmsSignature({ content, signerCertificate: signer.certificate, certificates: signer.chain, sign: signer.sign });
    const rebuilt = await buildP7s({ signedAttributes: original.signedAttributes, signature: original.signature, certificate: signer.certificate, certificates: signer.chain });
    const verified = await verifyCmsSignature({ contentInfo: rebuilt, content });
    expect(verified.valid).toBe(true);
    if (verified.valid) {
      expect(verified.signerCertificate).toEqual(signer.certificate);
      expect(verified.certificates).toHaveLength(1 + signer.chain.length);
    }
    expect((await verifyCmsSignature({ contentInfo: rebuilt, content: new Uint8Array(32) })).valid).toBe(false);
  });
});
