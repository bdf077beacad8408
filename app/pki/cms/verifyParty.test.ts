import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bytesToHex, hexToBytes, keccak256 } from 'viem';
import { describe, expect, it } from 'vitest';
import { pkcs12Signer } from '../__fixtures__/pkcs12Signer';
import { createCmsSignature } from './signed-data';
import { verifyPartySignature } from './verifyParty';

const fixtures = path.resolve(import.meta.dirname, '../__fixtures__/keys');
const open = (file: string) =>
  pkcs12Signer({ data: new Uint8Array(readFileSync(path.join(fixtures, file))), password: file.startsWith('sm2') ? 'sm2 fixture password' : 'correct horse battery staple' });

describe('verifyPartySignature', () => {
  it.each(['rsa-modern.p12', 'p256-modern.p12', 'sm2-pkcs12/holder-modern.p12'])('accepts the signature of the digest and refuses another digest or signer (%s)', async (file) => {
    const signer = await open(file);
    const digest = keccak256(new TextEncoder().encode('typed data'));
    const cms = await createCmsSignature({ content: hexToBytes(digest), signerCertificate: signer.certificate, sign: signer.sign });
    const recorded = { certificate: signer.certificate, signedAttributes: bytesToHex(cms.signedAttributes), signature: bytesToHex(cms.signature) };
    expect(await verifyPartySignature({ ...recorded, digest })).toEqual({ messageDigestMatches: true, signatureValid: true, reason: undefined });

    const other = await verifyPartySignature({ ...recorded, digest: keccak256(new TextEncoder().encode('other')) });
    expect(other.messageDigestMatches).toBe(false);
    expect(other.signatureValid).toBe(true);

    // One changed byte in the signed attributes breaks the signature.
    const tampered = hexToBytes(recorded.signedAttributes);
    tampered[tampered.length - 40]! ^= 0x01;
    const broken = await verifyPartySignature({ ...recorded, signedAttributes: bytesToHex(tampered), digest });
    expect(broken.signatureValid).toBe(false);
  });
});
