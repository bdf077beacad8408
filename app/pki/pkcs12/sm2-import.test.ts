import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromPem } from '../bytes';
import { der } from '../der/writer';
import { expectSequence, parseDer } from '../der/asn1';
import { Pkcs12KeyMismatchError, Pkcs12MalformedError, Pkcs12WrongPasswordError, Sm2SigningUnsupportedError } from '../errors';
import { sm2PublicKey, verifySm2Signature } from '../crypto/sm2';
import { exportPkcs12 } from './export';
import { importPkcs12, openPkcs12, type OpenPkcs12ReturnType } from './import';

// Made by __fixtures__/keys/sm2-pkcs12/make-sm2-pkcs12.sh with the openssl CLI (OpenSSL 3.0).
const fixtures = join(import.meta.dirname, '..', '__fixtures__', 'keys');
const PASSWORD = 'sm2 fixture password';
const read = (name: string) => new Uint8Array(readFileSync(join(fixtures, 'sm2-pkcs12', name)));
const pem = (name: string, label = 'CERTIFICATE', folder = 'sm2-pkcs12') => fromPem(readFileSync(join(fixtures, folder, name), 'utf8'), label);
const message = new TextEncoder().encode('signed attributes stand-in');

function spkiOf(certificate: Uint8Array): Uint8Array {
  const [tbs] = expectSequence(parseDer(certificate), 'Certificate');
  return expectSequence(tbs, 'TBSCertificate')[6]!.der;
}

function expectSm2(imported: OpenPkcs12ReturnType, leaf: Uint8Array) {
  expect(imported.keyKind).toBe('sm2');
  if (imported.keyKind !== 'sm2') return;
  expect(imported.leaf).toEqual(leaf);
  const signature = imported.privateKey.sign(message);
  expect(verifySm2Signature({ publicKey: spkiOf(leaf), message, signature })).toBe(true);
  // The key object exposes the public point and nothing that reads as the scalar.
  expect(Object.keys(imported.privateKey).sort()).toEqual(['destroy', 'destroyed', 'publicKey', 'sign']);
  imported.privateKey.destroy();
}

describe('openPkcs12 of SM2 files as OpenSSL 3 writes them', () => {
  it.each(['holder-modern.p12', 'holder-legacy.p12'])('opens %s: the holder, its CA and a software SM2 key that signs for the holder', async (file) => {
    const imported = await openPkcs12({ data: read(file), password: PASSWORD });
    expect(imported.certificates).toEqual([pem('holder.pem'), pem('ca.pem')]);
    expect(imported.friendlyName).toBe('Zhang San');
    expectSm2(imported, pem('holder.pem'));
  });

  it('opens the self-signed file of `req -x509` + `pkcs12 -export`', async () => {
    expectSm2(await openPkcs12({ data: read('self-signed.p12'), password: PASSWORD }), pem('self.pem'));
  });

  it.each(['holder-modern.p12', 'holder-legacy.p12'])('says the password of %s is wrong in one sentence', async (file) => {
    const attempt = openPkcs12({ data: read(file), password: 'wrong password' });
    await expect(attempt).rejects.toBeInstanceOf(Pkcs12WrongPasswordError);
    await expect(attempt).rejects.toMatchObject({ messageKey: 'pki.pkcs12.wrong-password' });
  });
});

describe('importPkcs12, the WebCrypto-only path', () => {
  it('refuses an SM2 file in one sentence that says where it can sign', async () => {
    const attempt = importPkcs12({ data: read('holder-modern.p12'), password: PASSWORD });
    await expect(attempt).rejects.toBeInstanceOf(Sm2SigningUnsupportedError);
    await expect(attempt).rejects.toMatchObject({ messageKey: 'pki.sm2.signing-unsupported' });
  });
});

describe('openPkcs12 of the SM2 key encodings Chinese CAs and toolkits ship', () => {
  // The holder's SEC1 key (`openssl ecparam -genkey -name SM2`): ECPrivateKey { 1, d, [0] SM2, [1] point }.
  const sec1 = pem('holder-sec1.key.pem', 'SM2 PRIVATE KEY');
  const [, scalarNode, curveNode, pointNode] = expectSequence(parseDer(sec1), 'ECPrivateKey');
  const scalar = scalarNode!.content;
  const sm2Oid = der.oid('1.2.156.10197.1.301');
  const ecPublicKey = der.oid('1.2.840.10045.2.1');
  // Explicit SM2 parameters, as a real e-seal certificate carries them.
  const esealSpki = spkiOf(pem('test_selfsigned_chenglitong-eseal_sm2-explicit-params.pem', 'CERTIFICATE', 'sm2'));
  const explicitParameters = expectSequence(expectSequence(parseDer(esealSpki), 'SPKI')[0], 'AlgorithmIdentifier')[1]!.der;
  const ecPrivateKey = (...optional: Uint8Array[]) => der.seq(der.int(1), der.octet(scalar), ...optional);
  const pkcs8 = (algorithm: Uint8Array, privateKey: Uint8Array) => der.seq(der.int(0), algorithm, der.octet(privateKey));

  const encodings: readonly (readonly [string, Uint8Array])[] = [
    ['PKCS#8 id-ecPublicKey + namedCurve SM2 over SEC1 without [0]', pkcs8(der.seq(ecPublicKey, sm2Oid), ecPrivateKey(pointNode!.der))],
    ['PKCS#8 id-ecPublicKey without parameters, SM2 named in the SEC1 [0]', pkcs8(der.seq(ecPublicKey), sec1)],
    ['PKCS#8 id-ecPublicKey + explicit SM2 parameters', pkcs8(der.seq(ecPublicKey, explicitParameters), ecPrivateKey())],
    ['PKCS#8 with 1.2.156.10197.1.301 as the algorithm over SEC1', pkcs8(der.seq(sm2Oid), ecPrivateKey(curveNode!.der))],
    ['PKCS#8 with 1.2.156.10197.1.301 + NULL over SEC1', pkcs8(der.seq(sm2Oid, der.null()), ecPrivateKey())],
    ['PKCS#8 with 1.2.156.10197.1.301 over a bare INTEGER (GM/T 0010 Annex A)', pkcs8(der.seq(sm2Oid), der.int(BigInt(`0x${Buffer.from(scalar).toString('hex')}`)))],
  ];

  it.each(encodings)('opens %s', async (_label, key) => {
    const data = await exportPkcs12({ privateKey: key, certificates: [pem('holder.pem'), pem('ca.pem')], password: PASSWORD, iterations: 1000 });
    expectSm2(await openPkcs12({ data, password: PASSWORD }), pem('holder.pem'));
  });
});

describe('a PKCS#12 key that does not belong to its certificate', () => {
  const sec1 = pem('holder-sec1.key.pem', 'SM2 PRIVATE KEY');
  const key = der.seq(der.int(0), der.seq(der.oid('1.2.840.10045.2.1'), der.oid('1.2.156.10197.1.301')), der.octet(sec1));

  it('refuses an SM2 key filed with another SM2 certificate (the localKeyId pairs them)', async () => {
    const data = await exportPkcs12({ privateKey: key, certificates: [pem('self.pem')], password: PASSWORD, iterations: 1000 });
    const attempt = openPkcs12({ data, password: PASSWORD });
    await expect(attempt).rejects.toBeInstanceOf(Pkcs12KeyMismatchError);
    await expect(attempt).rejects.toMatchObject({ messageKey: 'pki.pkcs12.key-mismatch' });
  });

  it('refuses an SM2 key whose stored public point is not its own', async () => {
    const [, scalar] = expectSequence(parseDer(sec1), 'ECPrivateKey');
    const otherPoint = sm2PublicKey(spkiOf(pem('self.pem'))).toBytes(false);
    const lying = der.seq(der.int(0), der.seq(der.oid('1.2.840.10045.2.1'), der.oid('1.2.156.10197.1.301')), der.octet(der.seq(der.int(1), scalar!.der, der.explicit(1, der.bits(otherPoint)))));
    const data = await exportPkcs12({ privateKey: lying, certificates: [pem('holder.pem')], password: PASSWORD, iterations: 1000 });
    await expect(openPkcs12({ data, password: PASSWORD })).rejects.toBeInstanceOf(Pkcs12KeyMismatchError);
  });

  it('refuses a P-256 key filed with the certificate of another P-256 key', async () => {
    const pair = await globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
    const data = await exportPkcs12({ privateKey: pair.privateKey, certificates: [pem('p256.pem', 'CERTIFICATE', '.')], password: PASSWORD, iterations: 1000 });
    await expect(importPkcs12({ data, password: PASSWORD })).rejects.toBeInstanceOf(Pkcs12KeyMismatchError);
  });

  const rsaKey = async () =>
    (await globalThis.crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign']))
      .privateKey;

  it('refuses an RSA key filed with the certificate of another RSA key, or of a P-256 key', async () => {
    for (const certificate of ['rsa.pem', 'p256.pem']) {
      const data = await exportPkcs12({ privateKey: await rsaKey(), certificates: [pem(certificate, 'CERTIFICATE', '.')], password: PASSWORD, iterations: 1000 });
      await expect(importPkcs12({ data, password: PASSWORD })).rejects.toBeInstanceOf(Pkcs12KeyMismatchError);
    }
  });

  it('refuses, as a malformed file, a certificate bag whose bytes are not an X.509 certificate', async () => {
    const notACertificate = der.seq(der.int(1), der.int(2));
    const data = await exportPkcs12({ privateKey: await rsaKey(), certificates: [notACertificate], password: PASSWORD, iterations: 1000 });
    await expect(importPkcs12({ data, password: PASSWORD })).rejects.toBeInstanceOf(Pkcs12MalformedError);
  });
});
