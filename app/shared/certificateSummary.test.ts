import { describe, expect, it } from 'vitest';
import { realCertificate } from '@/ledger/test/localLedger';
import { summariseCertificate } from './certificateSummary';

describe('summariseCertificate', () => {
  it('reads the subject, validity and fingerprint of a real ICP-Brasil root', async () => {
    const { der } = realCertificate('icp-brasil_raiz_v5_rsa4096-sha512.pem');
    const summary = await summariseCertificate(der);
    expect(summary.commonName).toBe('Autoridade Certificadora Raiz Brasileira v5');
    expect(summary.subject).toContain('C=BR');
    expect(summary.notAfter.getUTCFullYear()).toBe(2029);
    expect(summary.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('reads the Chinese national SM2 root', async () => {
    const summary = await summariseCertificate(realCertificate('cn_nrcac_ROOTCA_sm2_national-root.pem').der);
    expect(summary.commonName).toBe('ROOTCA');
    expect(summary.notAfter.getUTCFullYear()).toBe(2042);
  });
});
