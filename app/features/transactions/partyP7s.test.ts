// The record page's single-party .p7s carries the signature timestamp this browser kept (unsigned
// attribute), and OpenSSL still verifies it; a kept token over another signature is left out.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCmsSignature, createTimestampRequest, readTimestampResponse, toPem, verifyCmsSignature } from '@/pki';
import { pkcs12Signer } from '../../pki/__fixtures__/pkcs12Signer';
import { startOpensslTsa, type OpensslTsa } from '../../../relay/testing';
import { partyP7s } from './partyP7s';

const fixture = path.resolve(import.meta.dirname, '../../pki/__fixtures__/keys/p256-modern.p12');
let tsa: OpensslTsa;
let work: string;
beforeAll(async () => {
  tsa = await startOpensslTsa();
  work = mkdtempSync(path.join(tmpdir(), 'party-p7s-'));
});
afterAll(async () => {
  await tsa?.stop();
  rmSync(work, { recursive: true, force: true });
});

async function tokenOver(data: Uint8Array): Promise<Uint8Array> {
  const request = await createTimestampRequest({ data });
  const response = await fetch(tsa.url, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: request.der.slice() });
  return readTimestampResponse(new Uint8Array(await response.arrayBuffer()));
}

describe('partyP7s', () => {
  it('adds the kept timestamp over the recorded signature, and openssl cms -verify still verifies the file', async () => {
    const signer = await pkcs12Signer({ data: new Uint8Array(readFileSync(fixture)), password: 'correct horse battery staple' });
    const digest = new Uint8Array(32).fill(7);
    const cms = await createCmsSignature({ content: digest, signerCertificate: signer.certificate, certificates: signer.chain, sign: signer.sign });
    const token = await tokenOver(cms.signature);
    const recorded = { signedAttributes: cms.signedAttributes, signature: cms.signature, certificate: signer.certificate, certificates: signer.chain };

    const p7s = await partyP7s({ ...recorded, storedTimestamp: token });
    const verified = await verifyCmsSignature({ contentInfo: p7s, content: digest });
    expect(verified.valid && verified.signatureTimestamps).toEqual([token]);
    writeFileSync(path.join(work, 'party.p7s'), p7s);
    writeFileSync(path.join(work, 'digest.bin'), digest);
    writeFileSync(path.join(work, 'chain.pem'), [signer.certificate, ...signer.chain].map((c) => toPem(c, 'CERTIFICATE')).join(''));
    // -binary: the content is the 32-byte EIP-712 digest, not text. Throws (non-zero exit) when OpenSSL refuses the file.
    execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'party.p7s', '-content', 'digest.bin', '-noverify', '-out', '/dev/null'], { cwd: work, stdio: 'ignore' });
    expect(execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', 'party.p7s'], { cwd: work, encoding: 'utf8' })).toContain('id-smime-aa-timeStampToken');

    // A kept token over other bytes (another signature of this party) is not carried.
    const without = await partyP7s({ ...recorded, storedTimestamp: await tokenOver(new Uint8Array(64).fill(1)) });
    const plain = await verifyCmsSignature({ contentInfo: without, content: digest });
    expect(plain.valid && plain.signatureTimestamps).toEqual([]);
    expect(await partyP7s({ ...recorded, storedTimestamp: undefined })).toEqual(without);
  });
});
