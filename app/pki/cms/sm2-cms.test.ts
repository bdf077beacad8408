import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sm2 as independent, sm3 as independentSm3 } from 'sm-crypto-v2';
import { createCmsSignature, verifyCmsSignature } from './signed-data';
import { readMessageDigest, readSignedAttributes } from './signed-attributes';
import { fromPem, toHex } from '../bytes';
import { der } from '../der/writer';
import { expectSequence, parseDer, readOid } from '../der/asn1';
import { CHINA_OIDS, CMS_OIDS } from '../oids';
import { parseDerEcdsaSignature } from '../crypto/ecdsaSignature';
import { sm2PublicKey } from '../crypto/sm2';
import { sm3 } from '../crypto/sm3';
import { createSm2PrivateKey, type Sm2PrivateKey } from '../crypto/sm2-sign';
import { openPkcs12 } from '../pkcs12/import';
import { parseCertificate } from '../x509/certificate';

// The holder of an OpenSSL-made SM2 PKCS#12 file (__fixtures__/keys/sm2-pkcs12/make-sm2-pkcs12.sh).
const folder = join(import.meta.dirname, '..', '__fixtures__', 'keys', 'sm2-pkcs12');
const read = (name: string) => new Uint8Array(readFileSync(join(folder, name)));
const pem = (name: string) => fromPem(readFileSync(join(folder, name), 'utf8'), 'CERTIFICATE');
const holder = pem('holder.pem');
const ca = pem('ca.pem');
const content = globalThis.crypto.getRandomValues(new Uint8Array(32));

let key: Sm2PrivateKey;
let workDir: string;

beforeAll(async () => {
  const opened = await openPkcs12({ data: read('holder-modern.p12'), password: 'sm2 fixture password' });
  if (opened.keyKind !== 'sm2') throw new Error('expected an SM2 key');
  key = opened.privateKey;
  workDir = mkdtempSync(join(tmpdir(), 'sm2-cms-'));
});
afterAll(() => {
  key.destroy();
  rmSync(workDir, { recursive: true, force: true });
});

const sign = async (data: Uint8Array) => key.sign(data);

/** The SignerInfo's digestAlgorithm and signatureAlgorithm, read with the strict reader. */
function signerInfoAlgorithms(contentInfo: Uint8Array) {
  const [, signedDataExplicit] = expectSequence(parseDer(contentInfo), 'ContentInfo');
  const signedData = expectSequence(signedDataExplicit!.children[0], 'SignedData');
  const signerInfos = signedData[signedData.length - 1]!;
  const fields = expectSequence(signerInfos.children[0], 'SignerInfo');
  const digestAlgorithm = expectSequence(fields[2], 'digestAlgorithm');
  const signatureAlgorithm = expectSequence(fields[4], 'signatureAlgorithm');
  return { digestAlgorithm, signatureAlgorithm, outerDigestAlgorithms: signedData[1]!.children.map((node) => expectSequence(node, 'AlgorithmIdentifier')) };
}

/** A detached SignedData assembled around given signed attributes and signature, with chosen OIDs (as other SM2 toolkits label them). */
function assemble(parameters: { signedAttributes: Uint8Array; signature: Uint8Array; digestOid: string; signatureOid: string; contentType: string }): Uint8Array {
  const certificate = expectSequence(expectSequence(parseDer(holder), 'Certificate')[0], 'TBSCertificate');
  const digestAlgorithm = der.seq(der.oid(parameters.digestOid));
  const signedAttrs = parameters.signedAttributes.slice();
  signedAttrs[0] = 0xa0;
  const signerInfo = der.seq(der.int(1), der.seq(certificate[3]!.der, certificate[1]!.der), digestAlgorithm, signedAttrs, der.seq(der.oid(parameters.signatureOid)), der.octet(parameters.signature));
  const signedData = der.seq(der.int(1), der.set(digestAlgorithm), der.seq(der.oid(CMS_OIDS.data)), der.tlv(0xa0, holder, ca), der.set(signerInfo));
  return der.seq(der.oid(parameters.contentType), der.explicit(0, signedData));
}

describe('SM2 CMS signatures (GB/T 35275: SM3 digests, SM2-with-SM3 signatures)', () => {
  it('makes SignedData with SM3 (1.2.156.10197.1.401) and SM2-with-SM3 (1.2.156.10197.1.501), parameters absent, and verifies it', async () => {
    const signed = await createCmsSignature({ content, signerCertificate: holder, certificates: [ca], sign });
    const { digestAlgorithm, signatureAlgorithm, outerDigestAlgorithms } = signerInfoAlgorithms(signed.contentInfo);
    expect(digestAlgorithm.map((node) => node.der)).toEqual([der.oid(CHINA_OIDS.sm3)]);
    expect(outerDigestAlgorithms.map((algorithm) => readOid(algorithm[0]))).toEqual([CHINA_OIDS.sm3]);
    expect(signatureAlgorithm.map((node) => node.der)).toEqual([der.oid(CHINA_OIDS.sm2WithSm3)]);
    expect(signed.signatureAlgorithm).toBe(CHINA_OIDS.sm2WithSm3);
    expect(signed.contentDigest).toEqual(sm3(content));
    expect(readMessageDigest(readSignedAttributes(signed.signedAttributes))).toEqual(sm3(content));
    expect(signed.signedAttributes.subarray(signed.messageDigestOffset, signed.messageDigestOffset + 32)).toEqual(sm3(content));
    parseDerEcdsaSignature(signed.signature, 'SM2');

    const verified = await verifyCmsSignature({ contentInfo: signed.contentInfo, content });
    expect(verified.valid).toBe(true);
    expect(await verifyCmsSignature({ contentInfo: signed.contentInfo, content: content.map((byte) => byte ^ 1) })).toMatchObject({ valid: false, reason: 'message-digest-mismatch' });
  });

  it('is verified by an independent SM2/SM3 implementation (sm-crypto-v2)', async () => {
    const signed = await createCmsSignature({ content, signerCertificate: holder, sign });
    const point = toHex(sm2PublicKey((await parseCertificate(holder)).subjectPublicKeyInfo.der).toBytes(false));
    expect(independent.doVerifySignature(signed.signedAttributes, toHex(signed.signature), point, { der: true, hash: true })).toBe(true);
    expect(independentSm3(content)).toBe(toHex(signed.contentDigest));
    const tampered = signed.signedAttributes.slice();
    tampered[tampered.length - 1]! ^= 1;
    expect(independent.doVerifySignature(tampered, toHex(signed.signature), point, { der: true, hash: true })).toBe(false);
  });

  it('is verified by `openssl dgst -sm3 -sigopt distid:1234567812345678` over the DER signed attributes', async () => {
    const signed = await createCmsSignature({ content, signerCertificate: holder, sign });
    writeFileSync(join(workDir, 'attrs.der'), signed.signedAttributes);
    writeFileSync(join(workDir, 'sig.der'), signed.signature);
    const run = (attributes: string) =>
      spawnSync('openssl', ['dgst', '-sm3', '-verify', join(folder, 'holder-pub.pem'), '-sigopt', 'distid:1234567812345678', '-signature', join(workDir, 'sig.der'), join(workDir, attributes)], {
        encoding: 'utf8',
      });
    const verified = run('attrs.der');
    expect(verified.stdout.trim()).toBe('Verified OK');
    expect(verified.status).toBe(0);
    const tampered = signed.signedAttributes.slice();
    tampered[5]! ^= 1;
    writeFileSync(join(workDir, 'tampered.der'), tampered);
    expect(run('tampered.der').status).not.toBe(0);
  });

  it('verifies SignedData with the GM/T 0010 and ISO/IEC 10118-3 labels (sm2sign, ISO SM3, GM/T signedData)', async () => {
    const signed = await createCmsSignature({ content, signerCertificate: holder, sign });
    const labels = [
      { digestOid: CHINA_OIDS.sm3, signatureOid: CHINA_OIDS.sm2Sign, contentType: CMS_OIDS.signedData },
      { digestOid: CHINA_OIDS.sm3Iso, signatureOid: CHINA_OIDS.sm2WithSm3, contentType: CMS_OIDS.signedData },
      { digestOid: CHINA_OIDS.sm3, signatureOid: CHINA_OIDS.sm2WithSm3, contentType: CHINA_OIDS.gmSignedData },
      { digestOid: CHINA_OIDS.sm3, signatureOid: CHINA_OIDS.sm2Curve, contentType: CMS_OIDS.signedData },
    ];
    for (const label of labels) {
      const contentInfo = assemble({ signedAttributes: signed.signedAttributes, signature: signed.signature, ...label });
      expect(await verifyCmsSignature({ contentInfo, content }), JSON.stringify(label)).toMatchObject({ valid: true });
      const badSignature = signed.signature.slice();
      badSignature[badSignature.length - 1]! ^= 1;
      const forged = assemble({ signedAttributes: signed.signedAttributes, signature: badSignature, ...label });
      expect(await verifyCmsSignature({ contentInfo: forged, content }), JSON.stringify(label)).toMatchObject({ valid: false, reason: 'signature-invalid' });
    }
  });

  it("verifies with the signer's own ID when given, and not with the default", async () => {
    const id = 'zhang.san@example.cn';
    const signed = await createCmsSignature({ content, signerCertificate: holder, sign: async (data) => key.sign(data, { id }) });
    expect(await verifyCmsSignature({ contentInfo: signed.contentInfo, content })).toMatchObject({ valid: false, reason: 'signature-invalid' });
    expect(await verifyCmsSignature({ contentInfo: signed.contentInfo, content, sm2Id: id })).toMatchObject({ valid: true });
    expect(await verifyCmsSignature({ contentInfo: signed.contentInfo, content, sm2Id: 'someone else' })).toMatchObject({ valid: false, reason: 'signature-invalid' });
  });

  it("refuses a signature by another SM2 key than the certificate's", async () => {
    const other = createSm2PrivateKey(globalThis.crypto.getRandomValues(new Uint8Array(32)));
    const signed = await createCmsSignature({ content, signerCertificate: holder, sign: async (data) => other.sign(data) });
    expect(await verifyCmsSignature({ contentInfo: signed.contentInfo, content })).toMatchObject({ valid: false, reason: 'signature-invalid' });
  });

  it('refuses a raw r||s from an SM2 signer instead of reading it', async () => {
    const raw = async (data: Uint8Array) => {
      const { r, s } = parseDerEcdsaSignature(key.sign(data), 'SM2');
      return Uint8Array.from(Buffer.from(r.toString(16).padStart(64, '0') + s.toString(16).padStart(64, '0'), 'hex'));
    };
    await expect(createCmsSignature({ content, signerCertificate: holder, sign: raw })).rejects.toMatchObject({ messageKey: 'pki.cms.malformed' });
  });
});
