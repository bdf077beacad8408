import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCmsSignature, Pkcs12UnsupportedError, Pkcs12WrongPasswordError, PkiLimitError, Sm2KeyDestroyedError, verifyCmsSignature } from '@/pki';
import { demoSigner, DemoIdentitiesUnavailableError, listDemoIdentities, pkcs12Signer } from './index';

const fixtures = path.resolve(import.meta.dirname, '../pki/__fixtures__/keys');
const read = (file: string) => new Uint8Array(readFileSync(path.join(fixtures, file)));
const PASSWORD = 'correct horse battery staple';
const content = new TextEncoder().encode('EIP-712 digest stand-in');

describe('pkcs12Signer', () => {
  it.each([
    ['rsa-modern.p12', 'RSASSA-PKCS1-v1_5'],
    ['p256-modern.p12', 'ECDSA'],
  ])('signs CMS signed attributes that verify against its certificate (%s)', async (file, algorithm) => {
    const signer = await pkcs12Signer({ data: read(file), password: PASSWORD });
    expect(signer.kind).toBe('pkcs12');
    expect(signer.algorithm.name).toBe(algorithm);
    expect(signer.id).toMatch(/^pkcs12:[0-9a-f]{64}$/);
    expect(signer.chain.length).toBeGreaterThan(0);
    const signed = await createCmsSignature({ content, signerCertificate: signer.certificate, certificates: signer.chain, sign: signer.sign });
    const verified = await verifyCmsSignature({ contentInfo: signed.contentInfo, content });
    expect(verified.valid).toBe(true);
    const tampered = await verifyCmsSignature({ contentInfo: signed.contentInfo, content: new TextEncoder().encode('other') });
    expect(tampered.valid).toBe(false);
  });

  it('gives ECDSA signatures in DER, not raw r||s', async () => {
    const signer = await pkcs12Signer({ data: read('p256-modern.p12'), password: PASSWORD });
    const signature = await signer.sign(new Uint8Array([0x31, 0x00]));
    expect(signature[0]).toBe(0x30);
    expect(signature[1]).toBe(signature.length - 2);
  });

  it('says the password is wrong in one sentence', async () => {
    const attempt = pkcs12Signer({ data: read('rsa-modern.p12'), password: 'wrong' });
    await expect(attempt).rejects.toBeInstanceOf(Pkcs12WrongPasswordError);
    await expect(attempt).rejects.toMatchObject({ messageKey: 'pki.pkcs12.wrong-password' });
  });
});

describe('pkcs12Signer with an SM2 file (OpenSSL 3 export)', () => {
  const sm2File = () => read('sm2-pkcs12/holder-modern.p12');
  const SM2_PASSWORD = 'sm2 fixture password';

  it('signs SM2 CMS evidence that verifies, says its key is a software key, and refuses to sign once forgotten', async () => {
    const signer = await pkcs12Signer({ data: sm2File(), password: SM2_PASSWORD });
    expect(signer.algorithm).toEqual({ name: 'SM2', namedCurve: 'SM2', hash: 'SM3' });
    expect(signer.keyStorage).toBe('software');
    expect(signer.chain).toHaveLength(1);
    const signed = await createCmsSignature({ content, signerCertificate: signer.certificate, certificates: signer.chain, sign: signer.sign });
    expect((await verifyCmsSignature({ contentInfo: signed.contentInfo, content })).valid).toBe(true);

    signer.forget();
    const attempt = signer.sign(signed.signedAttributes);
    await expect(attempt).rejects.toBeInstanceOf(Sm2KeyDestroyedError);
    await expect(attempt).rejects.toMatchObject({ messageKey: 'pki.sm2.key-destroyed' });
  });

  it("signs with the certificate's own SM2 ID when one is given", async () => {
    const signer = await pkcs12Signer({ data: sm2File(), password: SM2_PASSWORD, sm2Id: 'zhang.san@example.cn' });
    const signed = await createCmsSignature({ content, signerCertificate: signer.certificate, sign: signer.sign });
    expect((await verifyCmsSignature({ contentInfo: signed.contentInfo, content })).valid).toBe(false);
    expect((await verifyCmsSignature({ contentInfo: signed.contentInfo, content, sm2Id: 'zhang.san@example.cn' })).valid).toBe(true);
    signer.forget();
  });

  it('says a wrong SM2 password is wrong, in one sentence', async () => {
    await expect(pkcs12Signer({ data: sm2File(), password: 'wrong' })).rejects.toMatchObject({ messageKey: 'pki.pkcs12.wrong-password' });
  });

});

describe('demo identities', () => {
  const manifest = {
    version: 1,
    generatedAt: '2026-01-01T00:00:00Z',
    password: PASSWORD,
    pkis: [
      {
        id: 'br',
        country: 'BR',
        description: 'test',
        root: {},
        intermediates: [],
        holders: [
          { id: 'holder-person', kind: 'person', subject: 'CN=Holder', pkcs12: 'br/holder-person.p12', path: [] },
          { id: 'holder-sm2', kind: 'person', subject: 'CN=SM2', pkcs12: undefined, path: [] },
        ],
      },
    ],
  };
  const served: Record<string, () => Response> = {
    '/demo-pki/manifest.json': () => Response.json(manifest),
    '/demo-pki/br/holder-person.p12': () => new Response(read('p256-modern.p12')),
  };
  const fakeFetch = (async (url: string | URL | Request) => served[String(url)]?.() ?? new Response('', { status: 404 })) as typeof fetch;

  it('lists the holders that have a PKCS#12 file and opens one', async () => {
    const { identities, password } = await listDemoIdentities({ fetch: fakeFetch });
    expect(identities.map((i) => i.id)).toEqual(['br/holder-person']);
    const signer = await demoSigner({ identity: identities[0]!, password, fetch: fakeFetch });
    expect(signer.kind).toBe('demo');
    expect(signer.label).toBe('CN=Holder');
    expect(signer.id).toMatch(/^demo:/);
  });

  it('explains when no demo PKI is served', async () => {
    await expect(listDemoIdentities({ fetch: fakeFetch, baseUrl: '/nothing/' })).rejects.toBeInstanceOf(DemoIdentitiesUnavailableError);
  });
});

describe('the PKCS#12 worker protocol', () => {
  it('brings each typed error back with its class and sentence across the thread boundary', async () => {
    const { deserializeError, serializeError } = await import('./pkcs12Protocol');
    const limit = deserializeError(serializeError(new PkiLimitError('pkcs12-iterations', 1_000_000, { details: '5000000 rounds' })));
    expect(limit).toBeInstanceOf(PkiLimitError);
    expect(limit).toMatchObject({ messageKey: 'pki.limit.pkcs12-iterations', params: { limit: 1_000_000 }, details: '5000000 rounds' });
    expect(deserializeError(serializeError(new Pkcs12WrongPasswordError()))).toBeInstanceOf(Pkcs12WrongPasswordError);
    expect(deserializeError(serializeError(new Pkcs12UnsupportedError('RC5')))).toMatchObject({ shortMessage: 'The PKCS#12 file uses an unsupported algorithm: RC5.' });
    expect(deserializeError(serializeError(new TypeError('boom')))).toMatchObject({ messageKey: 'pki.pkcs12.malformed' });
  });

  it('answers an SM2 file with a handle, never the key, and signs by handle', async () => {
    const { createPkcs12Handler } = await import('./pkcs12Protocol');
    const handle = createPkcs12Handler();
    const opened = await handle({ type: 'open', id: 1, data: read('sm2-pkcs12/holder-modern.p12'), password: 'sm2 fixture password' });
    expect(opened).toMatchObject({ ok: true, result: 'opened', keyKind: 'sm2', handle: 1 });
    expect(JSON.stringify(Object.keys(opened))).not.toContain('privateKey');
    await expect(handle({ type: 'sign', id: 2, handle: 1, data: new Uint8Array(8) })).resolves.toMatchObject({ ok: true, result: 'signed' });
    await handle({ type: 'forget', id: 3, handle: 1 });
    await expect(handle({ type: 'sign', id: 4, handle: 1, data: new Uint8Array(8) })).resolves.toMatchObject({ ok: false, error: { name: 'Sm2KeyDestroyedError' } });
    const rsa = await handle({ type: 'open', id: 5, data: read('rsa-modern.p12'), password: PASSWORD });
    // A WebCrypto key crosses as the non-extractable CryptoKey.
    expect(rsa).toMatchObject({ ok: true, keyKind: 'webcrypto', privateKey: { extractable: false, usages: ['sign'] } });
  });
});
