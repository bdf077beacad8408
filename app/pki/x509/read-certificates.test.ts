import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { der } from '../__fixtures__/generate';
import { toPem } from '../bytes';
import { CertificateFormatError, CertificateParseError, formatName, readCertificates } from '../index';
import { CMS_OIDS, KeyOid, Oid, SignatureOid } from '../oids';

const FIXTURES = new URL('../__fixtures__/national-pki/icp-brasil/', import.meta.url).pathname;
const rootPem = readFileSync(FIXTURES + 'roots/icp-brasil_raiz_v5_rsa4096-sha512.pem', 'utf8');
const caPem = readFileSync(FIXTURES + 'intermediates/v5__ac-secretaria-receita-federal-v4.pem', 'utf8');
const text = (s: string) => new TextEncoder().encode(s);
const derOf = (pem: string) => Uint8Array.from(atob(pem.replace(/-----[^-]+-----|\s/g, '')), (c) => c.charCodeAt(0));

async function kindOf(bytes: Uint8Array): Promise<string> {
  try {
    await readCertificates(bytes);
    return 'certificates';
  } catch (error) {
    if (error instanceof CertificateFormatError) return error.kind;
    throw error;
  }
}

describe('readCertificates', () => {
  it('reads PEM bundles and DER, with the model fields of a real certificate', async () => {
    const both = await readCertificates(text(rootPem + caPem));
    expect(both.map((c) => formatName(c.subject))).toEqual([expect.stringContaining('CN=Autoridade Certificadora Raiz Brasileira v5'), expect.stringContaining('CN=AC Secretaria da Receita Federal do Brasil v4')]);
    const [root] = await readCertificates(derOf(rootPem));
    expect(root?.fingerprintSha256).toBe('caa53fc6091c6951887c976e378f6ef89aa6377c55d97b6475422b71ed7e9b17');
    expect(root?.basicConstraints?.ca).toBe(true);
    expect(root?.keyUsage?.has('keyCertSign')).toBe(true);
    expect(root?.selfIssued).toBe(true);
    expect(root?.criticalExtensionOids).toEqual(expect.arrayContaining([Oid.basicConstraints, Oid.keyUsage]));
    expect(root?.problems).toEqual([]);
  });

  it('reads the certificates of a PKCS#7 bundle (.p7b), DER and PEM', async () => {
    const signedData = der.seq(der.int(1), der.set(), der.seq(der.oid(CMS_OIDS.data)), der.explicit(0, new Uint8Array([...derOf(rootPem), ...derOf(caPem)])), der.set());
    const p7b = der.seq(der.oid(CMS_OIDS.signedData), der.explicit(0, signedData));
    expect((await readCertificates(p7b)).length).toBe(2);
    expect((await readCertificates(text(toPem(p7b, 'PKCS7')))).length).toBe(2);
    const empty = der.seq(der.oid(CMS_OIDS.signedData), der.explicit(0, der.seq(der.int(1), der.set(), der.seq(der.oid(CMS_OIDS.data)), der.set())));
    expect(await kindOf(empty)).toBe('cms-without-certificates');
  });

  it('says what a file is when it holds no certificate', async () => {
    expect(await kindOf(new Uint8Array())).toBe('empty');
    expect(await kindOf(text('-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n'))).toBe('private-key');
    expect(await kindOf(text('-----BEGIN CERTIFICATE REQUEST-----\nMAA=\n-----END CERTIFICATE REQUEST-----\n'))).toBe('certificate-request');
    expect(await kindOf(text('hello, world'))).toBe('not-der');
    expect(await kindOf(text('-----BEGIN CERTIFICATE-----\nM\n-----END CERTIFICATE-----\n'))).toBe('pem-unknown');
    expect(await kindOf(der.seq(der.int(0), der.seq(der.oid(KeyOid.ecPublicKey)), der.octet(new Uint8Array(4))))).toBe('private-key');
    expect(await kindOf(der.seq(der.int(3), der.seq(der.oid(CMS_OIDS.data))))).toBe('pkcs12');
    const crl = der.seq(der.seq(der.int(1), der.seq(der.oid(SignatureOid.sha256WithRsa)), der.seq(), der.time(new Date())), der.seq(der.oid(SignatureOid.sha256WithRsa)), der.bits(new Uint8Array(1)));
    expect(await kindOf(crl)).toBe('crl');
    const error = await readCertificates(new Uint8Array()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CertificateFormatError);
    expect((error as CertificateFormatError).messageKey).toBe('pki.file.empty');
  });

  it('reports a certificate-shaped structure that does not parse', async () => {
    const broken = der.seq(der.seq(der.int(1)), der.seq(der.oid(SignatureOid.sha256WithRsa)), der.bits(new Uint8Array(1)));
    await expect(readCertificates(broken)).rejects.toBeInstanceOf(CertificateParseError);
  });
});
