import { describe, expect, it } from 'vitest';
import { FortifyTokenRemovedError, type FortifyCertificate } from './fortify';
import { fortifySigner } from './fortifySigner';
import { SignerError, SignerUnsupportedKeyError } from './errors';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fromPem, Sm2SigningUnsupportedError } from '@/pki';

// A FortifyCertificate as connectFortify lists it; only sign() and getChain() are called here.
function tokenCertificate(overrides: Partial<FortifyCertificate>): FortifyCertificate {
  return {
    provider: { id: 'p1', name: 'Test token', isRemovable: true, isHardware: true },
    certificateIndex: 'x509-1-aa',
    privateKeyIndex: 'private-1-aa',
    keyAlgorithm: { name: 'ECDSA', hash: undefined, namedCurve: 'P-256' },
    der: new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]),
    sign: async () => new Uint8Array(64).fill(1),
    getChain: async () => [new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]), new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x02])],
    ...overrides,
  };
}

describe('fortifySigner', () => {
  it('gives ECDSA token signatures as DER and leaves the leaf out of the chain', async () => {
    const signer = await fortifySigner(tokenCertificate({}));
    expect(signer.kind).toBe('fortify');
    expect(signer.label).toBe('Test token');
    expect(signer.chain).toEqual([new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x02])]);
    const signature = await signer.sign(new Uint8Array([0x31, 0x00]));
    expect(Array.from(signature.slice(0, 2))).toEqual([0x30, signature.length - 2]);
  });

  it('turns a token removed mid-signing into one translatable sentence', async () => {
    const signer = await fortifySigner(tokenCertificate({ sign: () => Promise.reject(new FortifyTokenRemovedError('p1')) }));
    const attempt = signer.sign(new Uint8Array([0x31, 0x00]));
    await expect(attempt).rejects.toBeInstanceOf(SignerError);
    await expect(attempt).rejects.toMatchObject({ messageKey: 'fortify.error.FortifyTokenRemovedError' });
  });

  it('refuses an RSA key bound to another hash than SHA-256', async () => {
    await expect(fortifySigner(tokenCertificate({ keyAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512', namedCurve: undefined } }))).rejects.toBeInstanceOf(
      SignerUnsupportedKeyError,
    );
  });

  it('says an SM2 key on a token cannot sign through Fortify, in one sentence', async () => {
    const sm2Certificate = fromPem(readFileSync(path.resolve(import.meta.dirname, '../pki/__fixtures__/keys/sm2-pkcs12/holder.pem'), 'utf8'), 'CERTIFICATE');
    const cases: readonly Partial<FortifyCertificate>[] = [
      { keyAlgorithm: { name: 'ECDSA', hash: undefined, namedCurve: 'SM2' } },
      { der: sm2Certificate, keyAlgorithm: { name: 'ECDSA', hash: undefined, namedCurve: undefined } },
    ];
    for (const overrides of cases) {
      const attempt = fortifySigner(tokenCertificate(overrides));
      await expect(attempt).rejects.toBeInstanceOf(Sm2SigningUnsupportedError);
      await expect(attempt).rejects.toMatchObject({ messageKey: 'pki.sm2.signing-unsupported' });
    }
  });
});
