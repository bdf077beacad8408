import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateCertificate, generateCrl, generateKeys } from '../__fixtures__/generate';
import { toPem } from '../bytes';
import { buildAndValidatePath, clearPkiCaches, parseCertificate, parseCrl, readCertificates, verifySignature } from '../index';

const DER = new URL('../__fixtures__/der/', import.meta.url).pathname;

/** A small file's bytes as Node often hands them over: a Buffer viewing part of the shared 8 KiB pool. */
function pooled(file: string): Buffer {
  const buffer = Buffer.from(readFileSync(file));
  expect(buffer.buffer.byteLength).toBeGreaterThan(buffer.length);
  return buffer;
}

describe('bytes from Node Buffers', () => {
  it('parses and verifies a certificate given as a pooled Buffer, over its own bytes', async () => {
    clearPkiCaches();
    const root = await parseCertificate(pooled(DER + 'icp-brasil_raiz_v10.cer'));
    const serpro = await parseCertificate(pooled(DER + 'ac-serpro-sslv1.der'));
    expect(serpro.der).not.toBeInstanceOf(Buffer);
    expect(serpro.der.buffer.byteLength).toBe(serpro.der.length);
    const verdict = await verifySignature({ signatureAlgorithm: serpro.signatureAlgorithm, publicKey: root.subjectPublicKeyInfo, data: serpro.tbsDer, signature: serpro.signatureValue });
    expect(verdict).toEqual({ status: 'valid' });
    // Signature inputs given as pooled Buffers are read as exactly their bytes too.
    const tbs = Buffer.from(serpro.tbsDer);
    expect(tbs.buffer.byteLength).toBeGreaterThan(tbs.length);
    expect(await verifySignature({ signatureAlgorithm: serpro.signatureAlgorithm, publicKey: root.subjectPublicKeyInfo, data: tbs, signature: Buffer.from(serpro.signatureValue) })).toEqual({ status: 'valid' });
    const result = await buildAndValidatePath({ target: serpro, trustAnchors: [root], time: new Date('2024-06-01T00:00:00Z') });
    expect(result.valid).toBe(true);
  });

  it('keeps no view of the caller memory in the memoised model', async () => {
    clearPkiCaches();
    const input = pooled(DER + 'ac-serpro-sslv1.der');
    const [certificate] = await readCertificates(input);
    const copy = new Uint8Array(input);
    input.fill(0);
    expect(certificate?.der).toEqual(copy);
    expect((await parseCertificate(copy)).der).toEqual(copy);
  });

  it('reads a CRL given as PEM bytes', async () => {
    const root = await generateCertificate({ subject: 'Root', keys: await generateKeys('P-256'), kind: 'P-256', ca: true });
    const crl = await generateCrl({ issuer: root });
    const fromPem = await parseCrl(Buffer.from(toPem(crl, 'X509 CRL')));
    expect(fromPem.der).toEqual(crl);
    expect((await parseCrl(Buffer.from(crl))).der).toEqual(crl);
  });
});
