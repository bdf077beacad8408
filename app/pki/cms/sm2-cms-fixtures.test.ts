import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sm2 as independent, sm3 as independentSm3 } from 'sm-crypto-v2';
import { fromHex, toHex } from '../bytes';
import { sm2MessageDigest, sm2PublicKey, sm2Za, verifySm2Signature } from '../crypto/sm2';
import { parseCertificateSync } from '../x509/certificate';
import { verifyCmsSignature } from './signed-data';

// The browser-made SM2 CMS signatures the contract tests read (written by scripts/pki/sm2-cms-fixtures.ts).
type Entry = { content: string; signedAttributes: string; messageDigest: string; messageDigestOffset: number; signature: string; r: string; s: string; e: string; contentInfo: string };
type Fixture = { id: string; signerCertificate: string; caCertificate: string; publicKey: { x: string; y: string }; za: string; signatures: Entry[] };
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'contracts', 'test', 'fixtures', 'sm2', 'browser-cms.json'), 'utf8')) as Fixture;
const bytes = (value: string) => fromHex(value.slice(2));

describe('contracts/test/fixtures/sm2/browser-cms.json', () => {
  const spki = parseCertificateSync(bytes(fixture.signerCertificate)).subjectPublicKeyInfo.der;
  const point = sm2PublicKey(spki);

  it('states the signer key and ZA of its certificate', () => {
    expect(`0x${toHex(point.toBytes(false).subarray(1, 33))}`).toBe(fixture.publicKey.x);
    expect(`0x${toHex(point.toBytes(false).subarray(33))}`).toBe(fixture.publicKey.y);
    expect(`0x${toHex(sm2Za(point))}`).toBe(fixture.za);
    expect(toHex(independent.getZ(toHex(point.toBytes(false)), fixture.id))).toBe(fixture.za.slice(2));
  });

  it.each(fixture.signatures.map((entry, index) => [index, entry] as const))('entry %i verifies here, with sm-crypto-v2, and as a .p7s', async (_index, entry) => {
    const signedAttributes = bytes(entry.signedAttributes);
    const signature = bytes(entry.signature);
    expect(verifySm2Signature({ publicKey: spki, message: signedAttributes, signature })).toBe(true);
    expect(independent.doVerifySignature(signedAttributes, entry.signature.slice(2), toHex(point.toBytes(false)), { der: true, hash: true })).toBe(true);
    expect(`0x${sm2MessageDigest(point, signedAttributes).toString(16).padStart(64, '0')}`).toBe(entry.e);
    expect(independentSm3(bytes(entry.content))).toBe(entry.messageDigest.slice(2));
    expect(toHex(signedAttributes.subarray(entry.messageDigestOffset, entry.messageDigestOffset + 32))).toBe(entry.messageDigest.slice(2));
    expect(await verifyCmsSignature({ contentInfo: bytes(entry.contentInfo), content: bytes(entry.content), time: new Date(Date.UTC(2026, 11, 6)) })).toMatchObject({ valid: true });
  });
});
