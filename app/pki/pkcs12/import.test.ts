import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCmsSignature, cryptoKeySigner, verifyCmsSignature } from '../cms/signed-data';
import { fromPem } from '../bytes';
import { Pkcs12MalformedError, Pkcs12WrongPasswordError } from '../errors';
import { importPkcs12 } from './import';

// Made by __fixtures__/keys/make-pkcs12.sh with the openssl CLI.
const fixtures = join(import.meta.dirname, '..', '__fixtures__', 'keys');
const PASSWORD = 'correct horse battery staple';
const read = (name: string) => new Uint8Array(readFileSync(join(fixtures, name)));
const pem = (name: string) => fromPem(readFileSync(join(fixtures, name), 'utf8'), 'CERTIFICATE');

describe.each([
  ['rsa', 'modern', 'RSASSA-PKCS1-v1_5'],
  ['rsa', 'legacy', 'RSASSA-PKCS1-v1_5'],
  ['p256', 'modern', 'ECDSA'],
  ['p256', 'legacy', 'ECDSA'],
  ['rsa', '3des', 'RSASSA-PKCS1-v1_5'],
])('importPkcs12 of the %s holder (%s encryption)', (holder, form, algorithmName) => {
  const file = `${holder}-${form}.p12`;

  it('returns the leaf, the CA certificate, the friendly name and a non-extractable key that signs', async () => {
    const imported = await importPkcs12({ data: read(file), password: PASSWORD });
    expect(imported.leaf).toEqual(pem(`${holder}.pem`));
    expect(imported.certificates[0]).toEqual(imported.leaf);
    expect(imported.certificates).toContainEqual(pem('ca.pem'));
    expect(imported.certificates).toHaveLength(2);
    expect(imported.friendlyName).toBe(`Holder ${holder}`);
    expect(imported.privateKey.extractable).toBe(false);
    expect(imported.privateKey.algorithm.name).toBe(algorithmName);
    expect(imported.privateKey.usages).toEqual(['sign']);
    await expect(globalThis.crypto.subtle.exportKey('pkcs8', imported.privateKey)).rejects.toThrow();

    // The key belongs to the leaf: a CMS signature made with it verifies against the certificate.
    const content = new Uint8Array(32).fill(7);
    const signed = await createCmsSignature({ content, signerCertificate: imported.leaf, sign: cryptoKeySigner(imported.privateKey) });
    expect((await verifyCmsSignature({ contentInfo: signed.contentInfo, content })).valid).toBe(true);
  });

  it('says the password is wrong (not that the file is corrupt)', async () => {
    await expect(importPkcs12({ data: read(file), password: 'wrong password' })).rejects.toBeInstanceOf(Pkcs12WrongPasswordError);
    await expect(importPkcs12({ data: read(file), password: '' })).rejects.toBeInstanceOf(Pkcs12WrongPasswordError);
    await expect(importPkcs12({ data: read(file), password: 'x' })).rejects.toMatchObject({
      messageKey: 'pki.pkcs12.wrong-password',
      shortMessage: 'The password does not open this PKCS#12 file.',
    });
  });
});

describe('importPkcs12 edge cases', () => {
  it('detects a wrong password in a file without a MAC, by the decryption check', async () => {
    const imported = await importPkcs12({ data: read('p256-nomac.p12'), password: PASSWORD });
    expect(imported.leaf).toEqual(pem('p256.pem'));
    await expect(importPkcs12({ data: read('p256-nomac.p12'), password: 'wrong password' })).rejects.toBeInstanceOf(
      Pkcs12WrongPasswordError,
    );
  });

  it('reports a truncated or non-PKCS#12 file as malformed', async () => {
    const data = read('rsa-modern.p12');
    await expect(importPkcs12({ data: data.subarray(0, data.length - 40), password: PASSWORD })).rejects.toBeInstanceOf(
      Pkcs12MalformedError,
    );
    await expect(importPkcs12({ data: pem('rsa.pem'), password: PASSWORD })).rejects.toBeInstanceOf(Pkcs12MalformedError);
    await expect(importPkcs12({ data: new TextEncoder().encode('not a pfx'), password: PASSWORD })).rejects.toBeInstanceOf(
      Pkcs12MalformedError,
    );
  });

  it('reports a file whose MAC does not match its contents as a wrong password (integrity check failed)', async () => {
    const data = read('rsa-legacy.p12').slice();
    data[200]! ^= 0xff;
    await expect(importPkcs12({ data, password: PASSWORD })).rejects.toBeInstanceOf(Pkcs12WrongPasswordError);
  });
});
