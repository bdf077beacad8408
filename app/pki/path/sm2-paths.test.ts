import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildAndValidatePath, formatName, readCertificates, type Certificate } from '../index';

// The SM2 verifier is registered by index.ts: these paths go through the same engine as RSA and ECDSA.
const DIR = new URL('../__fixtures__/keys/sm2/', import.meta.url).pathname;
const cert = async (file: string) => (await readCertificates(readFileSync(DIR + file)))[0] as Certificate;
const cn = (c: Certificate) => formatName(c.subject).match(/CN=([^,]+)/)?.[1];

describe('China SM2 paths through the engine', () => {
  it('builds and validates national ROOTCA -> CFCA CS SM2 CA -> CFCA CS SM2 OCA11', async () => {
    const root = await cert('cn_nrcac_ROOTCA_sm2_national-root.pem');
    const ca = await cert('cn_rootca__cfca-cs-sm2-ca.pem');
    const oca = await cert('cn_cfca-cs-sm2-ca__cfca-cs-sm2-oca11.pem');
    const result = await buildAndValidatePath({
      target: oca,
      intermediates: [ca, await cert('cn_rootca__sheca-sm2.pem')],
      trustAnchors: [root],
      time: new Date('2026-06-01T00:00:00Z'),
      conformance: { relax: ['basic-constraints-critical'] },
    });
    if (!result.valid) throw new Error(JSON.stringify(result.failures));
    expect(result.path.map(cn)).toEqual(['CFCA CS SM2 OCA11', 'CFCA CS SM2 CA', 'ROOTCA']);
  });

  it('validates the Tongsuo SM2 hierarchy and refuses it under another root', async () => {
    const root = await cert('test_tongsuo_sm2-root-ca.pem');
    const sub = await cert('test_tongsuo_sm2-sub-ca.pem');
    const leaf = await cert('test_tongsuo_sm2-server-sign.pem');
    const time = new Date('2030-01-01T00:00:00Z');
    const ok = await buildAndValidatePath({ target: leaf, intermediates: [sub], trustAnchors: [root], time, conformance: { relax: ['basic-constraints-critical'] } });
    expect(ok.valid).toBe(true);
    const national = await cert('cn_nrcac_ROOTCA_sm2_national-root.pem');
    const wrongRoot = await buildAndValidatePath({ target: leaf, intermediates: [sub], trustAnchors: [national], time, conformance: { relax: ['basic-constraints-critical'] } });
    expect(wrongRoot.valid).toBe(false);
  });
});
