import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pkcs12Signer } from '../__fixtures__/pkcs12Signer';
import { createCmsSignature, verifyCmsSignature } from './signed-data';
import { buildP7s } from './p7s';

const fixtures = path.resolve(import.meta.dirname, '../__fixtures__/keys');

describe('buildP7s', () => {
  it.each([
    ['rsa-modern.p12', 'correct horse battery staple'],
    ['p256-modern.p12', 'correct horse battery staple'],
    ['sm2-pkcs12/holder-modern.p12', 'sm2 fixture password'],
  ])('rebuilds from the recorded parts a .p7s that verifies like the original (%s)', async (file, password) => {
    const signer = await pkcs12Signer({ data: new Uint8Array(readFileSync(path.join(fixtures, file))), password });
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
