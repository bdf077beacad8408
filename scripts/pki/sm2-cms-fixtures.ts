/**
 * Writes contracts/test/fixtures/sm2/browser-cms.json: SM2 CMS signatures made by the browser code
 * (app/pki createCmsSignature with an SM2 software key opened from an OpenSSL-made PKCS#12 file), for
 * the contract tests to verify on-chain. Run: npx tsx scripts/pki/sm2-cms-fixtures.ts
 * app/pki/cms/sm2-cms-fixtures.test.ts re-verifies every entry (our verifier and sm-crypto-v2).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createCmsSignature, fromPem, openPkcs12, sm2MessageDigest, sm2PublicKey, sm2Za, toHex } from '../../app/pki/index.ts';
import { parseDerEcdsaSignature } from '../../app/pki/crypto/ecdsaSignature.ts';
import { parseCertificateSync } from '../../app/pki/x509/certificate.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const keys = path.join(root, 'app/pki/__fixtures__/keys/sm2-pkcs12');
const out = path.join(root, 'contracts/test/fixtures/sm2/browser-cms.json');
const hex = (bytes: Uint8Array) => `0x${toHex(bytes)}`;

const opened = await openPkcs12({ data: new Uint8Array(readFileSync(path.join(keys, 'holder-modern.p12'))), password: 'sm2 fixture password' });
if (opened.keyKind !== 'sm2') throw new Error('expected an SM2 key');
const key = opened.privateKey;
const ca = fromPem(readFileSync(path.join(keys, 'ca.pem'), 'utf8'), 'CERTIFICATE');
const spki = parseCertificateSync(opened.leaf).subjectPublicKeyInfo.der;
const point = sm2PublicKey(spki);
const { x, y } = point.toAffine();
const contents = [
  new Uint8Array(32), // all zeros
  Uint8Array.from({ length: 32 }, (_, i) => i),
  new Uint8Array(32).fill(0xff),
  new TextEncoder().encode('EIP-712 digest stand-in, 32 b.'.padEnd(32, '!')),
];
const signatures = [];
for (const [index, content] of contents.entries()) {
  const signingTime = new Date(Date.UTC(2026, 11, 5, 12, 0, index));
  const signed = await createCmsSignature({ content, signerCertificate: opened.leaf, certificates: [ca], sign: async (data) => key.sign(data), signingTime });
  const { r, s } = parseDerEcdsaSignature(signed.signature, 'SM2');
  signatures.push({
    content: hex(content),
    signingTime: signingTime.toISOString(),
    signedAttributes: hex(signed.signedAttributes),
    messageDigest: hex(signed.contentDigest),
    messageDigestOffset: signed.messageDigestOffset,
    signature: hex(signed.signature),
    r: `0x${r.toString(16).padStart(64, '0')}`,
    s: `0x${s.toString(16).padStart(64, '0')}`,
    e: `0x${sm2MessageDigest(point, signed.signedAttributes).toString(16).padStart(64, '0')}`,
    contentInfo: hex(signed.contentInfo),
  });
}
key.destroy();
const fixture = {
  description:
    'SM2 CMS signatures made by the browser code (app/pki createCmsSignature, SM2 software key from an OpenSSL 3 PKCS#12 file): SignedData with digestAlgorithm SM3 (1.2.156.10197.1.401) and signatureAlgorithm SM2-with-SM3 (1.2.156.10197.1.501), parameters absent; signature = DER SEQUENCE { r, s } over e = SM3(ZA || signedAttributes), ZA with the default ID; messageDigest = SM3(content).',
  generatedBy: 'npx tsx scripts/pki/sm2-cms-fixtures.ts',
  id: '1234567812345678',
  signerCertificate: hex(opened.leaf),
  caCertificate: hex(ca),
  publicKey: { x: `0x${x.toString(16).padStart(64, '0')}`, y: `0x${y.toString(16).padStart(64, '0')}` },
  za: hex(sm2Za(point)),
  signatures,
};
writeFileSync(out, `${JSON.stringify(fixture, null, 2)}\n`);
console.log(`wrote ${path.relative(root, out)} (${signatures.length} signatures)`);
