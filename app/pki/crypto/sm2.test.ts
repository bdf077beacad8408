import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { encodeDerEcdsaSignature } from './ecdsaSignature';
import { fromHex, fromPem, toHex, utf8 } from '../bytes';
import { Sm2InputError } from '../errors';
import { parseCertificateSync } from '../x509/certificate';
import { Sm2Point, SM2_CURVE, sm2PublicKey, sm2SignatureVerifier, sm2Za, verifySm2Signature } from './sm2';

// Real certificates (copied from the project's national-PKI sample set).
const fixtures = join(import.meta.dirname, '..', '__fixtures__', 'keys', 'sm2');

type Parts = { tbs: Uint8Array; spki: Uint8Array; signature: Uint8Array; signatureAlgorithm: string };

/** The signed bytes, signature and SubjectPublicKeyInfo of a certificate, exactly as encoded. */
function certificateParts(file: string): Parts {
  const der = fromPem(readFileSync(join(fixtures, file), 'utf8'), 'CERTIFICATE');
  const certificate = asn1js.fromBER(der.slice().buffer).result as asn1js.Sequence;
  const [tbs, algorithm, signature] = certificate.valueBlock.value as [asn1js.Sequence, asn1js.Sequence, asn1js.BitString];
  const fields = tbs.valueBlock.value;
  const spki = fields[fields[0]!.idBlock.tagClass === 3 ? 6 : 5]!;
  return {
    tbs: new Uint8Array(tbs.valueBeforeDecodeView),
    spki: new Uint8Array(spki.valueBeforeDecodeView),
    signature: new Uint8Array(signature.valueBlock.valueHexView),
    signatureAlgorithm: (algorithm.valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString(),
  };
}

const ROOTCA = 'cn_nrcac_ROOTCA_sm2_national-root.pem';
const links: readonly (readonly [string, string, string])[] = [
  ['national ROOTCA self-signature', ROOTCA, ROOTCA],
  ['ROOTCA -> CFCA CS SM2 CA', ROOTCA, 'cn_rootca__cfca-cs-sm2-ca.pem'],
  ['ROOTCA -> SHECA SM2', ROOTCA, 'cn_rootca__sheca-sm2.pem'],
  ['CFCA CS SM2 CA -> CFCA CS SM2 OCA11', 'cn_rootca__cfca-cs-sm2-ca.pem', 'cn_cfca-cs-sm2-ca__cfca-cs-sm2-oca11.pem'],
  ['CFCA CS SM2 CA -> CFCA SM2 OCA1', 'cn_rootca__cfca-cs-sm2-ca.pem', 'cn_cfca-cs-sm2-ca__cfca-sm2-oca1.pem'],
  ['CFCA TEST SM2 OCA1 -> user', 'test_cfca-test-sm2-oca1.pem', 'test_cfca-test-oca1__leaf_user.pem'],
  ['Tongsuo root self-signature', 'test_tongsuo_sm2-root-ca.pem', 'test_tongsuo_sm2-root-ca.pem'],
  ['Tongsuo root -> sub CA', 'test_tongsuo_sm2-root-ca.pem', 'test_tongsuo_sm2-sub-ca.pem'],
  ['Tongsuo sub CA -> server sign', 'test_tongsuo_sm2-sub-ca.pem', 'test_tongsuo_sm2-server-sign.pem'],
  ['Tongsuo sub CA -> server enc', 'test_tongsuo_sm2-sub-ca.pem', 'test_tongsuo_sm2-server-enc.pem'],
  ['explicit-parameters e-seal self-signature', 'test_selfsigned_chenglitong-eseal_sm2-explicit-params.pem', 'test_selfsigned_chenglitong-eseal_sm2-explicit-params.pem'],
];

describe('verifySm2Signature on real certificates', () => {
  it.each(links)('%s verifies, and fails when tampered', (_label, issuerFile, subjectFile) => {
    const issuer = certificateParts(issuerFile);
    const subject = certificateParts(subjectFile);
    expect(subject.signatureAlgorithm).toBe('1.2.156.10197.1.501');
    expect(verifySm2Signature({ publicKey: issuer.spki, message: subject.tbs, signature: subject.signature })).toBe(true);

    const tbs = subject.tbs.slice();
    tbs[tbs.length - 5]! ^= 0x01;
    expect(verifySm2Signature({ publicKey: issuer.spki, message: tbs, signature: subject.signature })).toBe(false);
    const signature = subject.signature.slice();
    signature[signature.length - 3]! ^= 0x01;
    expect(verifySm2Signature({ publicKey: issuer.spki, message: subject.tbs, signature })).toBe(false);
    expect(verifySm2Signature({ publicKey: issuer.spki, message: subject.tbs, signature: subject.signature, id: '1234567812345679' })).toBe(false);
  });

  it('rejects a signature by another SM2 key', () => {
    const cfca = certificateParts('cn_rootca__cfca-cs-sm2-ca.pem');
    const tongsuo = certificateParts('test_tongsuo_sm2-root-ca.pem');
    expect(verifySm2Signature({ publicKey: tongsuo.spki, message: cfca.tbs, signature: cfca.signature })).toBe(false);
  });

  it('accepts the raw point and the SPKI of a key alike', () => {
    const root = certificateParts(ROOTCA);
    const raw = sm2PublicKey(root.spki).toBytes(false);
    expect(raw).toHaveLength(65);
    expect(verifySm2Signature({ publicKey: raw, message: root.tbs, signature: root.signature })).toBe(true);
    expect(verifySm2Signature({ publicKey: sm2PublicKey(root.spki).toBytes(true), message: root.tbs, signature: root.signature })).toBe(true);
  });

  it('refuses keys that are not SM2 and points off the curve with a typed error', () => {
    const p256Spki = fromHex(
      '3059301306072a8648ce3d020106082a8648ce3d03010703420004' +
        '6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296' +
        '4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5',
    );
    expect(() => verifySm2Signature({ publicKey: p256Spki, message: utf8('x'), signature: new Uint8Array(64) })).toThrow(Sm2InputError);
    const offCurve = sm2PublicKey(certificateParts(ROOTCA).spki).toBytes(false);
    offCurve[64]! ^= 0x01;
    expect(() => verifySm2Signature({ publicKey: offCurve, message: utf8('x'), signature: new Uint8Array(64) })).toThrow(Sm2InputError);
  });
});

describe('SM2 with the GB/T 32918 example', () => {
  // GM/T 0003.5 / GB/T 32918.5 appendix A: signature example on the recommended curve.
  const publicKey = Sm2Point.fromAffine({
    x: 0x09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020n,
    y: 0xccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13n,
  });
  const message = utf8('message digest');

  it('computes the standard ZA and verifies the standard signature', () => {
    expect(toHex(sm2Za(publicKey, utf8('1234567812345678')))).toBe('b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3');
    const r = 0xf5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3n;
    const s = 0xb1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aan;
    const signature = encodeDerEcdsaSignature({ r, s });
    expect(verifySm2Signature({ publicKey, message, signature })).toBe(true);
    expect(verifySm2Signature({ publicKey, message: utf8('message digesT'), signature })).toBe(false);
    // The same (r, s) as raw r||s is a second encoding: refused.
    const raw = fromHex(r.toString(16).padStart(64, '0') + s.toString(16).padStart(64, '0'));
    expect(verifySm2Signature({ publicKey, message, signature: raw })).toBe(false);
    expect(SM2_CURVE.h).toBe(1n);
  });
});

describe('sm2SignatureVerifier (registry adapter)', () => {
  it('reports valid, invalid and wrong-key results in the registry shape', async () => {
    const issuer = certificateParts(ROOTCA);
    const subject = certificateParts('cn_rootca__sheca-sm2.pem');
    // The registry's input as the engine gives it: the issuer's key and the subject's algorithm, read by the strict reader.
    const issuerKey = parseCertificateSync(fromPem(readFileSync(join(fixtures, ROOTCA), 'utf8'), 'CERTIFICATE')).subjectPublicKeyInfo;
    const subjectAlgorithm = parseCertificateSync(fromPem(readFileSync(join(fixtures, 'cn_rootca__sheca-sm2.pem'), 'utf8'), 'CERTIFICATE')).signatureAlgorithm;
    // This certificate writes NULL parameters; the adapter is asked with them absent, the usual form.
    const signatureAlgorithm = { ...subjectAlgorithm, parameters: undefined };
    expect([signatureAlgorithm.oid, issuerKey.der]).toEqual(['1.2.156.10197.1.501', issuer.spki]);
    const base = { signatureAlgorithm, publicKey: issuerKey };
    expect(await sm2SignatureVerifier.verify({ ...base, data: subject.tbs, signature: subject.signature })).toEqual({ status: 'valid' });
    expect((await sm2SignatureVerifier.verify({ ...base, data: subject.tbs.subarray(1), signature: subject.signature })).status).toBe('invalid');
    const rsaSpki = fromHex('300d06092a864886f70d0101010500');
    expect((await sm2SignatureVerifier.verify({ ...base, publicKey: { ...issuerKey, der: rsaSpki }, data: subject.tbs, signature: subject.signature })).status).toBe(
      'invalid',
    );
    expect(sm2SignatureVerifier.oids).toEqual(['1.2.156.10197.1.501', '1.2.156.10197.1.301.1']);
  });
});
