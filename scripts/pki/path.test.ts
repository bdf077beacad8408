import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateCertificate, generateCrl, generateKeys } from '../../app/pki/__fixtures__/generate';
import { toPem, clearPkiCaches } from '../../app/pki/index';
import { pathCommand } from './path';

const F = new URL('../../app/pki/__fixtures__/national-pki/icp-brasil/', import.meta.url).pathname;
const leaf = `${F}end-entity/ssl-ev_nfce.fazenda.mg.gov.br_2024-2025.pem`;

function capture(): { text: () => string } {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  return { text: () => out };
}

describe('pki path', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints a valid path with what was checked and exits 0', async () => {
    const out = capture();
    const code = await pathCommand([leaf, '--anchors', `${F}roots`, '--pool', `${F}intermediates`, '--time', '2025-01-15T00:00:00Z', '--host', 'nfce.fazenda.mg.gov.br', '--eku', 'serverAuth']);
    expect(code).toBe(0);
    expect(out.text()).toMatch(/^VALID\n/);
    expect(out.text()).toContain('CN=AC Certisign ICP-Brasil SSL EV G4');
    expect(out.text()).toContain('extended-key-usage, peer-name');
  });

  it('prints the failure keys as JSON and exits 1 for an expired path', async () => {
    const out = capture();
    const code = await pathCommand([leaf, '--anchors', `${F}roots`, '--pool', `${F}intermediates`, '--time', '2026-01-01T00:00:00Z', '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(out.text()) as { valid: boolean; failures: { messageKey: string }[] };
    expect(report.valid).toBe(false);
    expect(report.failures.map((f) => f.messageKey)).toEqual(['pki.path.expired']);
  });

  it('needs a revocation status with --revocation require and reports its absence per certificate', async () => {
    const out = capture();
    const code = await pathCommand([leaf, '--anchors', `${F}roots`, '--pool', `${F}intermediates`, '--time', '2025-01-15T00:00:00Z', '--revocation', 'require', '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(out.text()) as { failures: { messageKey: string }[]; certificates: { role: string; failures: { messageKey: string }[] }[] };
    expect(report.certificates.map((c) => [c.role, c.failures.map((f) => f.messageKey)])).toEqual([
      ['target', ['pki.path.revocationUnknown']],
      ['intermediate', ['pki.path.revocationUnknown']],
      ['anchor', []],
    ]);
  });

  it('pki path refuses a bad --time with one sentence and exit code 2', async () => {
    let err = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    for (const bad of ['notadate', '2025-02-30T00:00:00Z', '1']) {
      err = '';
      const code = await pathCommand([`${F}end-entity/ssl-ev_nfce.fazenda.mg.gov.br_2024-2025.pem`, '--anchors', `${F}roots`, '--pool', `${F}intermediates`, '--time', bad]);
      expect(code).toBe(2);
      expect(err).toBe(`pki: --time "${bad}" is not a valid date and time; give an ISO 8601 UTC time such as 2025-01-15T12:00:00Z.\n`);
    }
  });

  it('reads DER .der/.cer certificates and PEM CRLs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pki-path-'));
    const D = new URL('../../app/pki/__fixtures__/der/', import.meta.url).pathname;
    // Earlier tests parsed these certificates from PEM: read the DER files afresh.
    clearPkiCaches();
    let out = capture();
    expect(await pathCommand([`${D}ac-serpro-sslv1.der`, '--anchors', `${D}icp-brasil_raiz_v10.cer`, '--time', '2024-06-01T00:00:00Z'])).toBe(0);
    expect(out.text()).toMatch(/^VALID\n/);
    vi.restoreAllMocks();

    const root = await generateCertificate({ subject: 'CLI Root', keys: await generateKeys('P-256'), kind: 'P-256', ca: true });
    const leaf = await generateCertificate({ subject: 'CLI Leaf', issuer: root, keys: await generateKeys('P-256'), kind: 'P-256' });
    writeFileSync(join(dir, 'root.cer'), root.certificate.der);
    writeFileSync(join(dir, 'leaf.der'), leaf.certificate.der);
    writeFileSync(join(dir, 'good.crl'), toPem(await generateCrl({ issuer: root }), 'X509 CRL'));
    writeFileSync(join(dir, 'revoked.crl'), toPem(await generateCrl({ issuer: root, revokedSerials: [leaf.certificate.serialNumber] }), 'X509 CRL'));
    const run = (crl: string) => pathCommand([join(dir, 'leaf.der'), '--anchors', join(dir, 'root.cer'), '--time', '2030-01-01T00:00:00Z', '--revocation', 'require', '--crl', join(dir, crl), '--json']);
    out = capture();
    expect(await run('good.crl')).toBe(0);
    expect((JSON.parse(out.text()) as { certificates: { revocation?: { status: string } }[] }).certificates[0]?.revocation?.status).toBe('good');
    vi.restoreAllMocks();
    out = capture();
    expect(await run('revoked.crl')).toBe(1);
    expect((JSON.parse(out.text()) as { failures: { messageKey: string }[] }).failures.map((f) => f.messageKey)).toEqual(['pki.path.revoked']);
  });
  it('refuses unknown --relax rules, --profile names and --eku names, and names a file it cannot load, with exit code 2', async () => {
    let err = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
    const base = [leaf, '--anchors', `${F}roots`, '--time', '2025-01-15T00:00:00Z'];
    expect(await pathCommand([...base, '--relax', 'basic-constraints-critical,no-such-rule'])).toBe(2);
    expect(err).toContain('--relax "no-such-rule" is not a profile rule');
    expect(await pathCommand([...base, '--profile', 'lenient'])).toBe(2);
    expect(err).toContain('--profile "lenient" is not a validation profile');
    expect(await pathCommand([...base, '--eku', 'serverauth'])).toBe(2);
    expect(err).toContain('--eku "serverauth" is neither a known usage');
    expect(await pathCommand([`${F}missing.pem`, '--anchors', `${F}roots`])).toBe(2);
    expect(err).toContain(`${F}missing.pem cannot be read`);
    // A dotted OID is a valid --eku, and a known rule a valid --relax.
    capture();
    expect(await pathCommand([...base, '--pool', `${F}intermediates`, '--eku', '1.3.6.1.5.5.7.3.1', '--relax', 'basic-constraints-critical', '--profile', 'strict'])).toBe(0);
  });
});
