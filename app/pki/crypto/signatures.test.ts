import { describe, expect, it } from 'vitest';
import { generateCertificate, generateKeys } from '../__fixtures__/generate';
import { clearPkiCaches, parseCertificate } from '../index';
import { checkCertificateSignature, isSignatureChecked, prepareCertificateSignature } from './signatures';

/** The memo of certificate signature checks answers only for the issuer key and signature it verified. */
describe('memoised certificate signature checks', () => {
  it('does not let a verdict for one issuer key answer for another issuer of the same name', async () => {
    clearPkiCaches();
    const root = await generateCertificate({ subject: 'Memo Key Root', keys: await generateKeys('P-256'), kind: 'P-256', ca: true });
    const impostor = await generateCertificate({ subject: 'Memo Key Root', keys: await generateKeys('P-256'), kind: 'P-256', ca: true });
    const leaf = await generateCertificate({ subject: 'Memo Key Leaf', issuer: root, keys: await generateKeys('P-256'), kind: 'P-256' });
    expect(await checkCertificateSignature(leaf.certificate, root.certificate)).toEqual({ status: 'valid' });
    expect(isSignatureChecked(leaf.certificate, impostor.certificate)).toBe(false);
    expect((await checkCertificateSignature(leaf.certificate, impostor.certificate)).status).toBe('invalid');
    // and the other way round: a memoised refusal does not refuse the real issuer
    clearPkiCaches();
    const leafAgain = await parseCertificate(leaf.certificate.der);
    const [rootAgain, impostorAgain] = await Promise.all([parseCertificate(root.certificate.der), parseCertificate(impostor.certificate.der)]);
    expect((await checkCertificateSignature(leafAgain, impostorAgain)).status).toBe('invalid');
    expect(await checkCertificateSignature(leafAgain, rootAgain)).toEqual({ status: 'valid' });
  });

  it('shares a verdict between two certificates of one issuer key (a cross-certificate), verified once', async () => {
    clearPkiCaches();
    const keys = await generateKeys('P-256');
    const root = await generateCertificate({ subject: 'Memo Shared Root', keys, kind: 'P-256', ca: true });
    const otherRoot = await generateCertificate({ subject: 'Memo Other Root', keys: await generateKeys('P-256'), kind: 'P-256', ca: true });
    const cross = await generateCertificate({ subject: 'Memo Shared Root', issuer: otherRoot, keys, kind: 'P-256', ca: true });
    const leaf = await generateCertificate({ subject: 'Memo Shared Leaf', issuer: root, keys: await generateKeys('P-256'), kind: 'P-256' });
    expect(cross.certificate.identity).not.toBe(root.certificate.identity);
    expect(isSignatureChecked(leaf.certificate, cross.certificate)).toBe(false);
    expect(await checkCertificateSignature(leaf.certificate, root.certificate)).toEqual({ status: 'valid' });
    expect(isSignatureChecked(leaf.certificate, cross.certificate)).toBe(true);
    expect(await checkCertificateSignature(leaf.certificate, cross.certificate)).toEqual({ status: 'valid' });
  });

  it('a prepared issuer key makes no signature verify', async () => {
    clearPkiCaches();
    const root = await generateCertificate({ subject: 'Memo Prepared Root', keys: await generateKeys('RSA'), kind: 'RSA', ca: true });
    const impostor = await generateCertificate({ subject: 'Memo Prepared Root', keys: await generateKeys('RSA'), kind: 'RSA', ca: true });
    const leaf = await generateCertificate({ subject: 'Memo Prepared Leaf', issuer: root, keys: await generateKeys('RSA'), kind: 'RSA' });
    await prepareCertificateSignature(leaf.certificate, root.certificate);
    await prepareCertificateSignature(leaf.certificate, impostor.certificate);
    expect(isSignatureChecked(leaf.certificate, root.certificate)).toBe(false);
    expect((await checkCertificateSignature(leaf.certificate, impostor.certificate)).status).toBe('invalid');
    expect(await checkCertificateSignature(leaf.certificate, root.certificate)).toEqual({ status: 'valid' });
  });

  it('keeps judging correctly once one certificate has been tried with more issuers than its entries hold', async () => {
    clearPkiCaches();
    const root = await generateCertificate({ subject: 'Memo Crowd Root', keys: await generateKeys('P-256'), kind: 'P-256', ca: true });
    const leaf = await generateCertificate({ subject: 'Memo Crowd Leaf', issuer: root, keys: await generateKeys('P-256'), kind: 'P-256' });
    expect(await checkCertificateSignature(leaf.certificate, root.certificate)).toEqual({ status: 'valid' });
    const crowdKeys = await generateKeys('P-256');
    for (let i = 0; i < 70; i++) {
      const lookAlike = await generateCertificate({ subject: 'Memo Crowd Root', keys: crowdKeys, kind: 'P-256', ca: true, serial: 1000 + i });
      expect((await checkCertificateSignature(leaf.certificate, lookAlike.certificate)).status).toBe('invalid');
    }
    // A fresh parse (no per-object shortcut) of the real issuer still verifies, and a look-alike still fails.
    clearPkiCaches({ certificates: true, signatures: false });
    const [leafAgain, rootAgain] = await Promise.all([parseCertificate(leaf.certificate.der), parseCertificate(root.certificate.der)]);
    expect(await checkCertificateSignature(leafAgain, rootAgain)).toEqual({ status: 'valid' });
    const last = await generateCertificate({ subject: 'Memo Crowd Root', keys: crowdKeys, kind: 'P-256', ca: true, serial: 5000 });
    expect((await checkCertificateSignature(leafAgain, last.certificate)).status).toBe('invalid');
  });
});
