import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bytesToHex } from 'viem';
import { describe, expect, it } from 'vitest';
import { createCmsSignature, parseCertificate, writeTar } from '@/pki';
import { pkcs12Signer } from '../../pki/__fixtures__/pkcs12Signer';
import { checkSignatureFile, type RecordedSignatures } from './signatureFile';

const fixture = path.resolve(import.meta.dirname, '../../pki/__fixtures__/keys/p256-modern.p12');

describe('checkSignatureFile', () => {
  it("names the party whose recorded signature a .p7s is, and no party for another digest or certificate", async () => {
    const signer = await pkcs12Signer({ data: new Uint8Array(readFileSync(fixture)), password: 'correct horse battery staple' });
    const digest = new Uint8Array(32).fill(5);
    const cms = await createCmsSignature({ content: digest, signerCertificate: signer.certificate, certificates: signer.chain, sign: signer.sign });
    const certificateHash = `0x${(await parseCertificate(signer.certificate)).identity}` as const;
    const record: RecordedSignatures = {
      chainId: 1,
      transactionRegistry: '0x0000000000000000000000000000000000000001',
      transactionId: 7n,
      parties: [
        { partyIndex: 0, digest: bytesToHex(new Uint8Array(32).fill(4)), certificateHash },
        { partyIndex: 1, digest: bytesToHex(digest), certificateHash },
      ],
    };
    await expect(checkSignatureFile(cms.contentInfo, record)).resolves.toEqual({ kind: 'p7s', partyIndex: 1 });
    // The same signature, recorded under another certificate: not this party's.
    const otherCertificate = { ...record, parties: [{ ...record.parties[1]!, certificateHash: `0x${'11'.repeat(32)}` as const }] };
    await expect(checkSignatureFile(cms.contentInfo, otherCertificate)).resolves.toEqual({ kind: 'p7s', partyIndex: undefined });
    await expect(checkSignatureFile(cms.contentInfo, { ...record, parties: [record.parties[0]!] })).resolves.toEqual({ kind: 'p7s', partyIndex: undefined });
    await expect(checkSignatureFile(writeTar([{ name: 'notes.txt', data: new Uint8Array(3) }]), record)).rejects.toThrow(TypeError);
  });
});
