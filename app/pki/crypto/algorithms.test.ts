import { describe, expect, it } from 'vitest';
import { der } from '../__fixtures__/generate';
import { type AlgorithmIdentifier, registerSignatureVerifier, SignatureOid, type SubjectPublicKeyInfo, verifySignature } from '../index';
import { decodeOid, parseDer } from '../der/asn1';
import { prepareSignatureVerification } from './algorithms';

const data = new TextEncoder().encode('to be signed');
const buf = (b: Uint8Array) => b.slice().buffer as ArrayBuffer;

async function spkiOf(key: CryptoKey): Promise<SubjectPublicKeyInfo> {
  const spkiDer = new Uint8Array(await crypto.subtle.exportKey('spki', key));
  const [alg, bits] = parseDer(spkiDer).children;
  return { der: spkiDer, algorithm: { oid: decodeOid(alg!.children[0]!.content), parameters: alg!.children[1]?.der, der: alg!.der }, publicKey: bits!.content.subarray(1) };
}

const alg = (oid: string, parameters?: Uint8Array): AlgorithmIdentifier => ({ oid, parameters, der: der.seq(der.oid(oid), ...(parameters ? [parameters] : [])) });

function ecdsaDer(raw: Uint8Array, size: number): Uint8Array {
  const int = (b: Uint8Array) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    const t = b.slice(i);
    return der.int(t[0]! & 0x80 ? new Uint8Array([0, ...t]) : t);
  };
  return der.seq(int(raw.slice(0, size)), int(raw.slice(size)));
}

describe('signature verifiers', () => {
  it('verifies ECDSA P-384 and rejects a tampered message as invalid', async () => {
    const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-384' }, keys.privateKey, buf(data)));
    const publicKey = await spkiOf(keys.publicKey);
    const params = { signatureAlgorithm: alg(SignatureOid.ecdsaWithSha384), publicKey, signature: ecdsaDer(raw, 48) };
    expect(await verifySignature({ ...params, data })).toEqual({ status: 'valid' });
    expect((await verifySignature({ ...params, data: new TextEncoder().encode('tampered') })).status).toBe('invalid');
  });

  it('verifies RSASSA-PSS with SHA-256 parameters', async () => {
    const keys = (await crypto.subtle.generateKey({ name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const signature = new Uint8Array(await crypto.subtle.sign({ name: 'RSA-PSS', saltLength: 32 }, keys.privateKey, buf(data)));
    const sha256 = der.seq(der.oid('2.16.840.1.101.3.4.2.1'));
    const pss = der.seq(der.explicit(0, sha256), der.explicit(1, der.seq(der.oid('1.2.840.113549.1.1.8'), sha256)), der.explicit(2, der.int(32)));
    expect(await verifySignature({ signatureAlgorithm: alg(SignatureOid.rsassaPss, pss), publicKey: await spkiOf(keys.publicKey), data, signature })).toEqual({ status: 'valid' });
  });

  it('verifies Ed25519 where the platform has it', async () => {
    const keys = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const signature = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, keys.privateKey, buf(data)));
    expect(await verifySignature({ signatureAlgorithm: alg(SignatureOid.ed25519), publicKey: await spkiOf(keys.publicKey), data, signature })).toEqual({ status: 'valid' });
  });

  it('reports an unregistered algorithm as unsupported, and uses a verifier once registered (how SM2 plugs in)', async () => {
    const keys = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const testOid = '1.3.6.1.4.1.99999.9.1';
    const params = { signatureAlgorithm: alg(testOid), publicKey: await spkiOf(keys.publicKey), data, signature: new Uint8Array(64) };
    expect((await verifySignature(params)).status).toBe('unsupported-algorithm');
    registerSignatureVerifier({
      oids: [testOid],
      describe: () => ({ name: 'test', hash: 'SHA-256' }),
      verify: async ({ signature }) => (signature.every((b) => b === 0) ? { status: 'valid' } : { status: 'invalid', reason: 'non-zero' }),
    });
    expect(await verifySignature(params)).toEqual({ status: 'valid' });
  });

  describe('key import short cuts (RSA as JWK, EC as a raw point) judge keys as the SPKI import does', async () => {
    const rsa = (await crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const rsaSignature = new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', rsa.privateKey, buf(data)));
    const rsaSpki = await spkiOf(rsa.publicKey);
    const sha256WithRsa = alg(SignatureOid.sha256WithRsa, der.null());

    it('verifies RSA PKCS#1 v1.5 and refuses a tampered message', async () => {
      expect(await verifySignature({ signatureAlgorithm: sha256WithRsa, publicKey: rsaSpki, data, signature: rsaSignature })).toEqual({ status: 'valid' });
      expect((await verifySignature({ signatureAlgorithm: sha256WithRsa, publicKey: rsaSpki, data: new TextEncoder().encode('tampered'), signature: rsaSignature })).status).toBe('invalid');
    });

    it('leaves a non-minimal modulus encoding to the SPKI decoder', async () => {
      const [modulus, exponent] = parseDer(rsaSpki.publicKey).children;
      const padded = der.seq(der.int(new Uint8Array([0, ...modulus!.content])), exponent!.der);
      const spkiDer = der.seq(rsaSpki.algorithm.der, der.bits(padded));
      const odd: SubjectPublicKeyInfo = { der: spkiDer, algorithm: rsaSpki.algorithm, publicKey: padded };
      const platform = await crypto.subtle.importKey('spki', buf(spkiDer), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']).then(
        async (key) => ((await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, buf(rsaSignature), buf(data))) ? 'valid' : 'invalid'),
        () => 'unsupported-algorithm',
      );
      expect((await verifySignature({ signatureAlgorithm: sha256WithRsa, publicKey: odd, data, signature: rsaSignature })).status).toBe(platform);
    });

    it('verifies ECDSA P-256 with an uncompressed point, and with a compressed one through SPKI', async () => {
      const ec = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
      const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, ec.privateKey, buf(data)));
      const params = { signatureAlgorithm: alg(SignatureOid.ecdsaWithSha256), data, signature: ecdsaDer(raw, 32) };
      const spki = await spkiOf(ec.publicKey);
      expect(await verifySignature({ ...params, publicKey: spki })).toEqual({ status: 'valid' });
      const point = spki.publicKey;
      const compressed = new Uint8Array([2 + ((point[64] as number) & 1), ...point.subarray(1, 33)]);
      const compressedDer = der.seq(spki.algorithm.der, der.bits(compressed));
      expect(await verifySignature({ ...params, publicKey: { der: compressedDer, algorithm: spki.algorithm, publicKey: compressed } })).toEqual({ status: 'valid' });
    });
  });
  it('a prepared key decides nothing: the verification that follows judges valid, tampered and unusable keys as without it', async () => {
    const keys = (await crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const signature = new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', keys.privateKey, buf(data)));
    const publicKey = await spkiOf(keys.publicKey);
    const signatureAlgorithm = alg(SignatureOid.sha256WithRsa, new Uint8Array([5, 0]));
    await prepareSignatureVerification({ signatureAlgorithm, publicKey });
    expect(await verifySignature({ signatureAlgorithm, publicKey, data, signature })).toEqual({ status: 'valid' });
    expect((await verifySignature({ signatureAlgorithm, publicKey, data: new TextEncoder().encode('tampered'), signature })).status).toBe('invalid');
    // A P-256 "key" that is no point of the curve: preparing settles without throwing, and the verification still says it cannot use it.
    const ec = await spkiOf(((await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair).publicKey);
    const broken: SubjectPublicKeyInfo = { ...ec, publicKey: new Uint8Array(65).fill(7, 1).fill(4, 0, 1) };
    const ecdsa = { signatureAlgorithm: alg(SignatureOid.ecdsaWithSha256), publicKey: broken, data, signature: der.seq(der.int(new Uint8Array([1])), der.int(new Uint8Array([1]))) };
    const unprepared = await verifySignature(ecdsa);
    await expect(prepareSignatureVerification(ecdsa)).resolves.toBeUndefined();
    expect(unprepared.status).toBe('unsupported-algorithm');
    expect(await verifySignature(ecdsa)).toEqual(unprepared);
  });
});
