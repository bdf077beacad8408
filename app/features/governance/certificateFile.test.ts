import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CertificateFileError, readCertificateFile } from './certificateFile';

const pemPath = path.resolve(import.meta.dirname, '../../../fixtures/national-pki/icp-brasil_raiz_v5_rsa4096-sha512.pem');

describe('readCertificateFile', () => {
  it('reads PEM and DER to the same certificate', async () => {
    const pem = readFileSync(pemPath);
    const [fromPem] = await readCertificateFile(new Blob([pem]));
    const der = Buffer.from(pem.toString().replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64');
    const [fromDer] = await readCertificateFile(new Blob([der]));
    expect(fromDer.identity).toBe(fromPem.identity);
    expect(Array.from(fromPem.der.subarray(0, 2))).toEqual([0x30, 0x82]);
  });

  it('says when a file is not a certificate', async () => {
    await expect(readCertificateFile(new Blob(['hello']))).rejects.toBeInstanceOf(CertificateFileError);
  });
});
