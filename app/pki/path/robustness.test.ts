import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildAndValidatePath, type Certificate, PkiError, readCertificates } from '../index';

const DIR = new URL('../__fixtures__/national-pki/icp-brasil/', import.meta.url).pathname;

/** A small deterministic PRNG (mulberry32) so failures reproduce. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('hostile input', () => {
  it('answers corrupted certificates with a typed error or a failed validation, never a crash', async () => {
    const [leaf] = await readCertificates(readFileSync(DIR + 'end-entity/ssl-ev_nfce.fazenda.mg.gov.br_2024-2025.pem'));
    const [ca] = await readCertificates(readFileSync(DIR + 'intermediates/v10__ac-certisign-icp-brasil-ssl-ev-g4.pem'));
    const [root] = await readCertificates(readFileSync(DIR + 'roots/icp-brasil_raiz_v10_ssl_rsa4096-sha512.pem'));
    const next = random(20261124);
    let parsed = 0;
    let refused = 0;
    for (let round = 0; round < 400; round++) {
      const bytes = (leaf as Certificate).der.slice();
      // Flip a few bytes, biased toward the structure at the front, or truncate.
      const flips = 1 + Math.floor(next() * 3);
      for (let i = 0; i < flips; i++) {
        const at = Math.floor(next() ** 2 * bytes.length);
        bytes[at] = (bytes[at] as number) ^ (1 + Math.floor(next() * 255));
      }
      const input = next() < 0.1 ? bytes.subarray(0, Math.floor(next() * bytes.length)) : bytes;
      let mutated: Certificate | undefined;
      try {
        [mutated] = await readCertificates(input);
      } catch (error) {
        expect(error).toBeInstanceOf(PkiError);
        refused++;
        continue;
      }
      parsed++;
      const result = await buildAndValidatePath({ target: mutated as Certificate, intermediates: [ca as Certificate], trustAnchors: [root as Certificate], time: new Date('2025-01-15T00:00:00Z') });
      // A changed byte either breaks the structure or the signature; no corrupted leaf may validate.
      expect(result.valid).toBe(false);
    }
    expect(parsed + refused).toBe(400);
    expect(parsed).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});
