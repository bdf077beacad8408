import { readFileSync } from 'node:fs';
import { brainpoolP256r1, brainpoolP384r1, brainpoolP512r1 } from '@noble/curves/misc.js';
import { describe, expect, it } from 'vitest';
import { buildAndValidatePath, type Certificate, icpBrasilValidationProfile, readCertificates, verifySignature } from '../index';
import { BRAINPOOL_P256R1, BRAINPOOL_P384R1, BRAINPOOL_P512R1, curveOfKey } from '../crypto/curves';

const FIXTURES = new URL('../__fixtures__/national-pki/', import.meta.url).pathname;
const load = async (file: string) => (await readCertificates(readFileSync(FIXTURES + file)))[0] as Certificate;

/** The self-signature of `c` under its own key, as the verifier registry judges it. */
const selfSignature = (c: Certificate, signature = c.signatureValue) => verifySignature({ signatureAlgorithm: c.signatureAlgorithm, publicKey: c.subjectPublicKeyInfo, data: c.tbsDer, signature });

function flipped(bytes: Uint8Array, index: number): Uint8Array {
  const copy = bytes.slice();
  copy[index] = (copy[index] as number) ^ 0x01;
  return copy;
}

const ROOTS = [
  { file: 'icp-brasil/roots/icp-brasil_raiz_v3_ecdsa-p521-sha512.pem', algorithm: 'ECDSA P-521', time: '2020-01-01T00:00:00Z' },
  { file: 'icp-brasil/roots/icp-brasil_raiz_v4_ecdsa-brainpoolP512r1-explicit-params.pem', algorithm: 'ECDSA brainpoolP512r1 (explicit parameters)', time: '2026-01-01T00:00:00Z' },
  { file: 'icp-brasil/roots/icp-brasil_raiz_v13_ecdsa-brainpoolP512r1-explicit-params.pem', algorithm: 'ECDSA brainpoolP512r1 (explicit parameters)', time: '2026-01-01T00:00:00Z' },
  { file: 'icp-brasil/roots/icp-brasil_raiz_v6_ed448.pem', algorithm: 'Ed448', time: '2026-01-01T00:00:00Z' },
  { file: 'icp-brasil/roots/icp-brasil_raiz_v7_ed521-oid-1.3.6.1.4.1.44588.2.1.pem', algorithm: 'EdDSA over E-521', time: '2026-01-01T00:00:00Z' },
  { file: 'china/sm2/test_selfsigned_chenglitong-eseal_sm2-explicit-params.pem', algorithm: 'SM2 (explicit parameters)', time: '2025-01-01T00:00:00Z' },
];

describe('every ICP-Brasil root and the explicit-parameter SM2 e-seal', () => {
  for (const { file, algorithm, time } of ROOTS) {
    it(`${algorithm}: ${file.split('/').pop()} verifies its own signature, refuses a altered one and validates as an anchor`, async () => {
      const root = await load(file);
      expect(await selfSignature(root)).toEqual({ status: 'valid' });
      // The last byte of the signature and the first byte of the signed data, each altered once.
      expect((await selfSignature(root, flipped(root.signatureValue, root.signatureValue.length - 1))).status).toBe('invalid');
      const tampered = await verifySignature({ signatureAlgorithm: root.signatureAlgorithm, publicKey: root.subjectPublicKeyInfo, data: flipped(root.tbsDer, root.tbsDer.length - 1), signature: root.signatureValue });
      expect(tampered.status).toBe('invalid');
      const result = await buildAndValidatePath({ target: root, trustAnchors: [root], time: new Date(time) });
      expect(result.valid && result.validation.failures).toEqual([]);
    });
  }

  it('validates the INMETRO CA under the Ed448 root v6 (the issuer signature checked with Ed448)', async () => {
    const root = await load('icp-brasil/roots/icp-brasil_raiz_v6_ed448.pem');
    const inmetro = await load('icp-brasil/intermediates/v6__inmetro_ed448.pem');
    const result = await buildAndValidatePath({ target: inmetro, trustAnchors: [root], time: new Date('2026-01-01T00:00:00Z') });
    expect(result.valid).toBe(true);
    expect(result.valid && result.validation.certificates[0]?.checked).toContain('signature');
  });

  it('reads brainpoolP512r1 explicit parameters as that curve, and the RFC 5639 constants equal an independent copy (@noble/curves misc)', async () => {
    const v4 = await load('icp-brasil/roots/icp-brasil_raiz_v4_ecdsa-brainpoolP512r1-explicit-params.pem');
    const curve = curveOfKey(v4.subjectPublicKeyInfo);
    expect(curve.status === 'named' && [curve.curve.name, curve.explicit]).toEqual(['brainpoolP512r1', true]);
    for (const [ours, noble] of [[BRAINPOOL_P256R1, brainpoolP256r1], [BRAINPOOL_P384R1, brainpoolP384r1], [BRAINPOOL_P512R1, brainpoolP512r1]] as const) {
      const { p, a, b, n, h, Gx, Gy } = noble.Point.CURVE();
      expect(ours).toEqual({ p, a, b, n, h, Gx, Gy });
    }
  });

  it('shows the explicit brainpool parameters of root v4 as a warning under the ICP-Brasil profile and refuses them under strict (RFC 5480)', async () => {
    const v4 = await load('icp-brasil/roots/icp-brasil_raiz_v4_ecdsa-brainpoolP512r1-explicit-params.pem');
    const time = new Date('2026-01-01T00:00:00Z');
    const national = await buildAndValidatePath({ target: v4, trustAnchors: [v4], time, ...icpBrasilValidationProfile });
    expect(national.valid && national.validation.warnings.map((w) => w.rule)).toEqual(['ec-named-curve']);
    const strict = await buildAndValidatePath({ target: v4, trustAnchors: [v4], time, conformance: { profile: 'strict' } });
    expect(!strict.valid && strict.failures.map((f) => f.rule)).toEqual(['ec-named-curve']);
  });

  it('refuses explicit parameters that differ from every known curve, by name, and not as a bad signature', async () => {
    const eseal = await load('china/sm2/test_selfsigned_chenglitong-eseal_sm2-explicit-params.pem');
    const parameters = eseal.subjectPublicKeyInfo.algorithm.parameters as Uint8Array;
    // Change the last octet of the curve coefficient b (it follows a, both 32-byte OCTET STRINGs).
    const bStart = findSubarray(parameters, Uint8Array.of(0x04, 0x20, 0x28, 0xe9, 0xfa, 0x9e));
    expect(bStart).toBeGreaterThan(0);
    const altered = flipped(parameters, bStart + 2 + 31);
    const spki = { ...eseal.subjectPublicKeyInfo, algorithm: { ...eseal.subjectPublicKeyInfo.algorithm, parameters: altered } };
    const curve = curveOfKey(spki);
    expect(curve.status).toBe('unknown');
    expect(curve.status === 'unknown' && curve.reason).toMatch(/explicit EC curve parameters .* not a known named curve/);
  });
});

function findSubarray(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
