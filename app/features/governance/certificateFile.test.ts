import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CERTIFICATE_FILE_MAX_BYTES, PkiLimitError } from '@/pki';
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

  it('refuses a file over the size cap with the limit sentence, without reading it', async () => {
    let reads = 0;
    class CountingBlob extends Blob {
      override arrayBuffer() {
        reads++;
        return super.arrayBuffer();
      }
    }
    const attempt = readCertificateFile(new CountingBlob([new Uint8Array(CERTIFICATE_FILE_MAX_BYTES + 1)]));
    await expect(attempt).rejects.toBeInstanceOf(PkiLimitError);
    await expect(attempt).rejects.toMatchObject({ messageKey: 'pki.limit.file-size', params: { limit: CERTIFICATE_FILE_MAX_BYTES / 1024 } });
    expect(reads).toBe(0);
  });
});
