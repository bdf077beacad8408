import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCmsSignature, cryptoKeySigner, verifyCmsSignature, type CmsSignFunction } from './signed-data';
import { parseDerEcdsaSignature, ecdsaDerToRaw } from '../crypto/ecdsaSignature';
import { CMS_OIDS } from '../oids';
import { KEY_USAGE, certificateDer, generateDemoKeyPair, issueCertificate, type IssuerKey } from '../demo/issue';
import { fromPem, sha256, toPem } from '../bytes';
import { generateCertificate, generateKeys } from '../__fixtures__/generate';
import { defaultAlgorithmPolicy, validatePath } from '../index';

type Signer = { certificate: Uint8Array; privateKey: CryptoKey };

const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const notBefore = new Date(Date.now() - 3600_000);
const notAfter = new Date(Date.now() + 365 * 86400_000);

let workDir: string;
let root: IssuerKey;
let rootPemPath: string;
let rsaSigner: Signer;
let ecSigner: Signer;

async function issueLeaf(type: 'rsa-2048' | 'p-256', serialNumber: string, name: string): Promise<Signer> {
  const keys = await generateDemoKeyPair(type);
  const certificate = await issueCertificate({
    subject: [['C', 'BR'], ['O', 'Demo'], ['CN', name]],
    publicKey: keys.publicKey,
    issuer: root,
    serialNumber,
    notBefore,
    notAfter,
    keyUsage: KEY_USAGE.digitalSignature | KEY_USAGE.nonRepudiation,
    hash: 'SHA-256',
  });
  return { certificate: certificateDer(certificate), privateKey: keys.privateKey };
}

function opensslVerify(content: Uint8Array, p7s: Uint8Array, trust: 'noverify' | 'cafile'): string {
  const contentPath = join(workDir, 'content.bin');
  const signaturePath = join(workDir, 'signature.p7s');
  writeFileSync(contentPath, content);
  writeFileSync(signaturePath, p7s);
  const trustArguments = trust === 'noverify' ? ['-noverify'] : ['-CAfile', rootPemPath];
  const run = spawnSync(
    'openssl',
    ['cms', '-verify', '-binary', '-content', contentPath, '-inform', 'DER', '-in', signaturePath, ...trustArguments, '-out', '/dev/null'],
    { encoding: 'utf8' },
  );
  return run.status === 0 ? run.stderr.trim() : `exit ${run.status}: ${run.stderr}`;
}

function randomContent(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(32));
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'cms-test-'));
  const rootKeys = await generateDemoKeyPair('p-256');
  const rootCertificate = await issueCertificate({
    subject: [['C', 'BR'], ['O', 'Demo'], ['CN', 'CMS Test Root']],
    publicKey: rootKeys.publicKey,
    selfSigningKey: rootKeys.privateKey,
    serialNumber: '01',
    notBefore,
    notAfter,
    ca: {},
    keyUsage: KEY_USAGE.keyCertSign | KEY_USAGE.cRLSign,
    hash: 'SHA-256',
  });
  root = { certificate: rootCertificate, privateKey: rootKeys.privateKey };
  rootPemPath = join(workDir, 'root.pem');
  writeFileSync(rootPemPath, toPem(certificateDer(rootCertificate), 'CERTIFICATE'));
  rsaSigner = await issueLeaf('rsa-2048', '1001', 'RSA Holder');
  ecSigner = await issueLeaf('p-256', '1002', 'P256 Holder');
});

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe.each([
  ['RSA-2048', () => rsaSigner],
  ['P-256', () => ecSigner],
])('createCmsSignature with a %s signer', (_label, signer) => {
  it('produces a detached CAdES-BES signature that OpenSSL verifies, with and without a trusted root', async () => {
    const content = randomContent();
    const { contentInfo } = await createCmsSignature({
      content,
      signerCertificate: signer().certificate,
      sign: cryptoKeySigner(signer().privateKey),
    });
    expect(opensslVerify(content, contentInfo, 'noverify')).toBe('CMS Verification successful');
    expect(opensslVerify(content, contentInfo, 'cafile')).toBe('CMS Verification successful');
    expect(opensslVerify(randomContent(), contentInfo, 'noverify')).toMatch(/^exit [1-9]/);
  });

  it('signs exactly the returned signed attributes, with messageDigest = SHA-256(content)', async () => {
    const content = randomContent();
    let signedBytes: Uint8Array | undefined;
    const sign: CmsSignFunction = async (data) => {
      signedBytes = data;
      return cryptoKeySigner(signer().privateKey)(data);
    };
    const result = await createCmsSignature({ content, signerCertificate: signer().certificate, sign });
    expect(result.signedAttributes).toEqual(signedBytes);
    expect(result.contentDigest).toEqual(await sha256(content));
    expect(result.signedAttributes.subarray(result.messageDigestOffset, result.messageDigestOffset + 32)).toEqual(result.contentDigest);
    // ... preceded by the messageDigest OID and the OCTET STRING header.
    expect(Buffer.from(result.signedAttributes.subarray(result.messageDigestOffset - 15, result.messageDigestOffset)).toString('hex')).toBe(
      '06092a864886f70d010904' + '3122' + '0420',
    );
    const set = asn1js.fromBER(result.signedAttributes.slice().buffer).result as asn1js.Set;
    expect(set.idBlock.tagNumber).toBe(17);
    const types = set.valueBlock.value.map((attribute) =>
      ((attribute as asn1js.Sequence).valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString(),
    );
    expect(new Set(types)).toEqual(
      new Set([CMS_OIDS.contentType, CMS_OIDS.messageDigest, CMS_OIDS.signingTime, CMS_OIDS.signingCertificateV2]),
    );
    // DER SET OF: elements in ascending order of their encodings.
    const encodings = set.valueBlock.value.map((attribute) => Buffer.from(attribute.toBER()).toString('hex'));
    expect([...encodings].sort()).toEqual(encodings);

    const verified = await verifyCmsSignature({ contentInfo: result.contentInfo, content });
    expect(verified.valid).toBe(true);
    if (verified.valid) {
      expect(verified.signedAttributes).toEqual(result.signedAttributes);
      expect(verified.signature).toEqual(result.signature);
      expect(verified.signerCertificate).toEqual(signer().certificate);
    }
  });

  it('rejects other content, a tampered signature and a certificate that is not the signing certificate', async () => {
    const content = randomContent();
    const result = await createCmsSignature({
      content,
      signerCertificate: signer().certificate,
      sign: cryptoKeySigner(signer().privateKey),
    });
    expect(await verifyCmsSignature({ contentInfo: result.contentInfo, content: randomContent() })).toEqual({
      valid: false,
      reason: 'message-digest-mismatch',
    });

    const tampered = result.contentInfo.slice();
    const at = indexOf(tampered, result.signature) + result.signature.length - 8;
    tampered[at]! ^= 0x01;
    expect(await verifyCmsSignature({ contentInfo: tampered, content })).toEqual({ valid: false, reason: 'signature-invalid' });

    // Same issuer and serial number, another key: the ESSCertIDv2 hash tells them apart.
    const impostor = await issueLeaf('p-256', signer() === rsaSigner ? '1001' : '1002', 'Impostor');
    expect(await verifyCmsSignature({ contentInfo: result.contentInfo, content, signerCertificate: impostor.certificate })).toEqual({
      valid: false,
      reason: 'signing-certificate-mismatch',
    });
  });
});

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  throw new Error('not found');
}

describe('ECDSA signatures in CMS', () => {
  it('accepts raw r||s and DER from the signing function and always embeds DER with low s', async () => {
    const content = randomContent();
    const webCrypto = cryptoKeySigner(ecSigner.privateKey);
    // A high-s DER signature: the same signature with s replaced by n - s, as some tokens return.
    const highS: CmsSignFunction = async (data) => {
      const raw = await webCrypto(data);
      const r = BigInt(`0x${Buffer.from(raw.subarray(0, 32)).toString('hex')}`);
      const s = BigInt(`0x${Buffer.from(raw.subarray(32)).toString('hex')}`);
      const high = s > P256_ORDER / 2n ? s : P256_ORDER - s;
      const hex = r.toString(16).padStart(64, '0') + high.toString(16).padStart(64, '0');
      return Uint8Array.from(Buffer.from(hex, 'hex'));
    };
    for (const sign of [webCrypto, highS]) {
      const result = await createCmsSignature({ content, signerCertificate: ecSigner.certificate, sign });
      const { s } = parseDerEcdsaSignature(result.signature);
      expect(s <= P256_ORDER / 2n).toBe(true);
      expect(ecdsaDerToRaw(result.signature, 'P-256')).toHaveLength(64);
      expect((await verifyCmsSignature({ contentInfo: result.contentInfo, content })).valid).toBe(true);
      expect(opensslVerify(content, result.contentInfo, 'noverify')).toBe('CMS Verification successful');
    }
  });
});

describe('signature policy attribute', () => {
  it('carries the ICP-Brasil style policy identifier, hash and URI; OpenSSL still verifies', async () => {
    const content = randomContent();
    const policyHash = await sha256(new TextEncoder().encode('demo policy document'));
    const result = await createCmsSignature({
      content,
      signerCertificate: rsaSigner.certificate,
      sign: cryptoKeySigner(rsaSigner.privateKey),
      signaturePolicy: { oid: '2.16.76.1.7.1.1.2.3', hashAlgorithm: 'SHA-256', hash: policyHash, uri: 'http://example.invalid/PA_AD_RB.der' },
      signingTime: new Date('2026-01-02T03:04:05.678Z'),
    });
    const verified = await verifyCmsSignature({ contentInfo: result.contentInfo, content });
    expect(verified).toMatchObject({
      valid: true,
      signaturePolicy: { oid: '2.16.76.1.7.1.1.2.3', hashAlgorithm: 'SHA-256', hash: policyHash, uri: 'http://example.invalid/PA_AD_RB.der' },
      signingTime: new Date('2026-01-02T03:04:05Z'),
    });
    expect(Buffer.from(result.signedAttributes).includes(Buffer.from(policyHash))).toBe(true);
    expect(opensslVerify(content, result.contentInfo, 'cafile')).toBe('CMS Verification successful');
    const printed = execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', join(workDir, 'signature.p7s')]).toString();
    expect(printed).toContain('id-smime-aa-ets-sigPolicyId');
    expect(printed).toContain('id-smime-aa-signingCertificateV2');
  });
});

describe('cryptoKeySigner', () => {
  it('refuses keys whose signature would not match the SignerInfo algorithm', async () => {
    const sha512Rsa = await generateDemoKeyPair('rsa-2048', 'SHA-512');
    expect(() => cryptoKeySigner(sha512Rsa.privateKey)).toThrow(/SHA-512/);
    const hmacKey = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    expect(() => cryptoKeySigner(hmacKey)).toThrow(/HMAC/);
  });
});

describe('verifyCmsSignature of signatures made by OpenSSL', () => {
  it.each([
    ['rsa', []],
    ['p256', []],
    ['rsa', ['-keyid']],
  ] as const)('accepts openssl cms -sign -cades (%s holder, detached, options %j) and reads its signing time', async (holder, options) => {
    const fixtures = join(import.meta.dirname, '..', '__fixtures__', 'keys');
    const keyAndCertificate = join(workDir, `${holder}.pem`);
    const extracted = spawnSync(
      'openssl',
      ['pkcs12', '-in', join(fixtures, `${holder}-modern.p12`), '-passin', 'pass:correct horse battery staple', '-nodes', '-clcerts', '-out', keyAndCertificate],
      { encoding: 'utf8' },
    );
    expect(extracted.status).toBe(0);
    const content = randomContent();
    const contentPath = join(workDir, 'openssl-content.bin');
    const signaturePath = join(workDir, 'openssl-signature.p7s');
    writeFileSync(contentPath, content);
    const signed = spawnSync(
      'openssl',
      ['cms', '-sign', '-binary', '-cades', ...options, '-md', 'sha256', '-signer', keyAndCertificate, '-in', contentPath, '-outform', 'DER', '-out', signaturePath],
      { encoding: 'utf8' },
    );
    expect(signed.status).toBe(0);
    const contentInfo = new Uint8Array(readFileSync(signaturePath));
    const verified = await verifyCmsSignature({ contentInfo, content });
    expect(verified.valid).toBe(true);
    if (verified.valid) {
      expect(Math.abs(verified.signingTime!.getTime() - Date.now())).toBeLessThan(120_000);
      expect(verified.signerCertificate).toEqual(fromPem(readFileSync(join(fixtures, `${holder}.pem`), 'utf8'), 'CERTIFICATE'));
    }
    expect(await verifyCmsSignature({ contentInfo, content: randomContent() })).toEqual({ valid: false, reason: 'message-digest-mismatch' });
  });
});

describe('one algorithm policy for CMS and certification paths', () => {
  it('refuses a CMS signed with SHA-1 under the default policy, with the path validator\'s error kind', async () => {
    const fixtures = join(import.meta.dirname, '..', '__fixtures__', 'keys');
    const keyAndCertificate = join(workDir, 'sha1-rsa.pem');
    expect(spawnSync('openssl', ['pkcs12', '-in', join(fixtures, 'rsa-modern.p12'), '-passin', 'pass:correct horse battery staple', '-nodes', '-clcerts', '-out', keyAndCertificate]).status).toBe(0);
    const content = randomContent();
    const contentPath = join(workDir, 'sha1-content.bin');
    const signaturePath = join(workDir, 'sha1-signature.p7s');
    writeFileSync(contentPath, content);
    const signed = spawnSync('openssl', ['cms', '-sign', '-binary', '-cades', '-md', 'sha1', '-signer', keyAndCertificate, '-in', contentPath, '-outform', 'DER', '-out', signaturePath], { encoding: 'utf8' });
    expect(signed.status).toBe(0);
    const contentInfo = new Uint8Array(readFileSync(signaturePath));

    // The path validator's verdict on a SHA-1 certificate signature, at the same time.
    const time = new Date('2030-01-01T00:00:00Z');
    const rsaRoot = await generateCertificate({ subject: 'SHA-1 Root', keys: await generateKeys('RSA'), kind: 'RSA', ca: true });
    const sha1Leaf = await generateCertificate({ subject: 'SHA-1 leaf', issuer: rsaRoot, keys: await generateKeys('RSA'), kind: 'RSA', rsaHash: 'SHA-1' });
    const path = await validatePath({ path: [sha1Leaf.certificate, rsaRoot.certificate], time });
    expect(path.failures.map((f) => f.code)).toEqual(['algorithmRefused']);

    // With -md sha1 OpenSSL writes the v1 signing-certificate attribute (SHA-1 ESSCertID), not v2.
    const verified = await verifyCmsSignature({ contentInfo, content, time, requireSigningCertificate: false });
    expect(verified).toMatchObject({ valid: false, reason: path.failures[0]?.code });
    // A policy that still allows SHA-1 at that time accepts the same signature (the bytes are sound).
    const lenient = { ...defaultAlgorithmPolicy, sha1AllowedBefore: new Date('2031-01-01T00:00:00Z') };
    expect((await verifyCmsSignature({ contentInfo, content, time, requireSigningCertificate: false, algorithmPolicy: lenient })).valid).toBe(true);
  });
});

