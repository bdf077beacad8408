import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildAndValidatePath, type Certificate, chinaValidationProfile, formatName, Oid, readCertificates } from '../index';

const DIR = new URL('../__fixtures__/national-pki/icp-brasil/', import.meta.url).pathname;

async function load(sub: string): Promise<Map<string, Certificate>> {
  const out = new Map<string, Certificate>();
  for (const file of readdirSync(DIR + sub)) out.set(file.replace(/\.pem$/, ''), (await readCertificates(readFileSync(DIR + sub + '/' + file)))[0] as Certificate);
  return out;
}

const roots = await load('roots');
const intermediates = await load('intermediates');
const endEntities = await load('end-entity');
const pick = (map: Map<string, Certificate>, key: string) => map.get(key) as Certificate;
const cn = (c: Certificate) => formatName(c.subject).match(/CN=([^,]+)/)?.[1];
type PathParameters = Parameters<typeof buildAndValidatePath>[0];
/** A path to `target` from the whole ICP-Brasil pool: every intermediate, every root. */
const fromPool = (target: Certificate, time: string, more: Partial<PathParameters> = {}) =>
  buildAndValidatePath({ target, intermediates: [...intermediates.values()], trustAnchors: [...roots.values()], time: new Date(time), ...more });

describe('ICP-Brasil paths', () => {
  it('builds Raiz v5 -> AC Secretaria da Receita Federal do Brasil v4 -> AC SAFEWEB RFB v5 from the whole pool', async () => {
    const result = await fromPool(pick(intermediates, 'v5_rfbv4__ac-safeweb-rfb-v5'), '2025-03-01T00:00:00Z');
    expect(result.valid).toBe(true);
    expect(result.valid && result.path.map(cn)).toEqual(['AC SAFEWEB RFB v5', 'AC Secretaria da Receita Federal do Brasil v4', 'Autoridade Certificadora Raiz Brasileira v5']);
    if (result.valid) for (const report of result.validation.certificates) expect(report.failures).toEqual([]);
  });

  it('validates the v10 TLS path of nfce.fazenda.mg.gov.br while it was valid, with serverAuth and its host name', async () => {
    const result = await fromPool(pick(endEntities, 'ssl-ev_nfce.fazenda.mg.gov.br_2024-2025'), '2025-01-15T12:00:00Z', {
      peerName: { type: 'dns', value: 'nfce.fazenda.mg.gov.br' },
      requiredExtendedKeyUsages: [Oid.serverAuth],
      requiredKeyUsages: ['digitalSignature'],
    });
    expect(result.valid).toBe(true);
    expect(result.valid && result.path.map(cn)).toEqual(['nfce.fazenda.mg.gov.br', 'AC Certisign ICP-Brasil SSL EV G4', 'Autoridade Certificadora Raiz Brasileira v10']);
    const target = result.valid ? result.validation.certificates[0] : undefined;
    expect(target?.checked).toEqual(expect.arrayContaining(['signature', 'validity', 'extended-key-usage', 'peer-name', 'name-chaining']));
  });

  it('reports the same TLS path as expired after August 2025 and for another host name as a name mismatch', async () => {
    const target = pick(endEntities, 'ssl-ev_nfce.fazenda.mg.gov.br_2024-2025');
    const expired = await fromPool(target, '2025-09-01T00:00:00Z');
    expect(expired.valid).toBe(false);
    expect(!expired.valid && expired.failures.map((f) => f.messageKey)).toEqual(['pki.path.expired']);
    const wrongHost = await fromPool(target, '2025-01-15T00:00:00Z', { peerName: { type: 'dns', value: 'www.fazenda.mg.gov.br' } });
    expect(!wrongHost.valid && wrongHost.failures.map((f) => f.messageKey)).toEqual(['pki.path.peerNameMismatch']);
  });

  it('validates every v12 intermediate under Raiz v12 once issued', async () => {
    const v12 = [...intermediates].filter(([name]) => name.startsWith('v12__'));
    expect(v12).toHaveLength(4);
    for (const [, certificate] of v12) {
      const result = await fromPool(certificate, '2026-06-01T00:00:00Z');
      expect(result.valid).toBe(true);
      expect(result.valid && cn(result.path[1] as Certificate)).toBe('Autoridade Certificadora Raiz Brasileira v12');
    }
  });

  it('builds v2 paths at a time they were valid and reports them expired now', async () => {
    const target = pick(intermediates, 'v2__ac-serpro-v3_expired');
    const then = await buildAndValidatePath({ target, intermediates: [], trustAnchors: [...roots.values()], time: new Date('2020-01-01T00:00:00Z') });
    expect(then.valid).toBe(true);
    const now = await buildAndValidatePath({ target, intermediates: [], trustAnchors: [...roots.values()], time: new Date('2025-01-01T00:00:00Z') });
    expect(!now.valid && now.failures.map((f) => f.code)).toEqual(['expired', 'expired']);
  });

  it('does not chain to a root of the wrong generation', async () => {
    const result = await fromPool(pick(intermediates, 'v5_rfbv4__ac-safeweb-rfb-v5'), '2025-03-01T00:00:00Z', {
      trustAnchors: [pick(roots, 'icp-brasil_raiz_v10_ssl_rsa4096-sha512'), pick(roots, 'icp-brasil_raiz_v12_rsa4096-sha512')],
    });
    expect(result.valid).toBe(false);
    expect(!result.valid && result.reason).toBe('no-path');
  });
});

describe('China RSA paths (OSCCA ROOTCA, CFCA)', () => {
  const CN_DIR = new URL('../__fixtures__/national-pki/china/rsa/', import.meta.url).pathname;
  const cert = async (file: string) => (await readCertificates(readFileSync(CN_DIR + file)))[0] as Certificate;

  it('validates ROOTCA -> CFCA CS OCA11 (SHA-1) in 2016 under the China profile (RFC 5280 section 6) with the non-critical basic constraints as warnings, and refuses it under strict', async () => {
    const root = await cert('cn_oscca_ROOTCA_rsa_national-root_expired-2025.pem');
    const oca11 = await cert('cn_oscca-rootca__cfca-cs-oca11_rsa.pem');
    const time = new Date('2016-03-01T00:00:00Z');
    const strict = await buildAndValidatePath({ target: oca11, trustAnchors: [root], time, conformance: { profile: 'strict' } });
    expect(!strict.valid && strict.failures.map((f) => f.code)).toEqual(['profileViolation', 'profileViolation']);
    expect(!strict.valid && strict.failures.map((f) => f.rule)).toEqual(['basic-constraints-critical', 'basic-constraints-critical']);
    // The named relaxation still turns a strict refusal into a warning.
    const relaxed = await buildAndValidatePath({ target: oca11, trustAnchors: [root], time, conformance: { profile: 'strict', relax: ['basic-constraints-critical'] } });
    expect(relaxed.valid).toBe(true);
    const china = await buildAndValidatePath({ target: oca11, trustAnchors: [root], time, ...chinaValidationProfile });
    expect(china.valid).toBe(true);
    expect(china.valid && china.validation.warnings.map((w) => [w.rule, w.certificateIndex])).toEqual([['basic-constraints-critical', 0], ['basic-constraints-critical', 1]]);
    // The same path after the SHA-1 cut-off: section 6 refuses it (the algorithm policy).
    const later = await buildAndValidatePath({ target: oca11, trustAnchors: [root], time: new Date('2017-06-01T00:00:00Z'), ...chinaValidationProfile });
    expect(!later.valid && later.failures.map((f) => f.code)).toEqual(['algorithmRefused']);
  });

  it('validates CFCA Identity CA -> CFCA Identity OCA (SHA-256) under the strict profile', async () => {
    const result = await buildAndValidatePath({ target: await cert('cn_cfca-identity-ca__cfca-identity-oca_rsa.pem'), trustAnchors: [await cert('cn_cfca-identity-ca_rsa.pem'), await cert('cn_cfca-ev-root_rsa.pem')], time: new Date('2025-06-01T00:00:00Z') });
    expect(result.valid).toBe(true);
    expect(result.valid && result.path.map(cn)).toEqual(['CFCA Identity OCA', 'CFCA Identity CA']);
  });
});
