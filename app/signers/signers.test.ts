import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCmsSignature, Pkcs12WrongPasswordError, verifyCmsSignature } from '@/pki';
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
