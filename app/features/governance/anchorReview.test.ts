import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnchorException } from '@/ledger';
import { readCertificates } from '@/pki';
import { declaredExceptions, reviewAnchor } from './anchorReview';

const fixture = async (file: string) => {
  const [certificate] = await readCertificates(new Uint8Array(readFileSync(path.resolve(import.meta.dirname, '../../../fixtures/national-pki', file))));
  return certificate!;
};
const whileValid = new Date('2025-06-01T00:00:00Z');

describe('reviewAnchor', () => {
  it('finds nothing unusual in a country root proposed by its own country', async () => {
    const root = await fixture('icp-brasil_raiz_v12_rsa4096-sha512.pem');
    expect(reviewAnchor({ certificate: root, country: 'BR', knownAnchors: [], now: whileValid })).toEqual({ warnings: [], blocked: false, exceptions: 0, subjectCountry: 'BR' });
  });

  it('requires the country exception when another country proposes it', async () => {
    const root = await fixture('icp-brasil_raiz_v12_rsa4096-sha512.pem');
    const review = reviewAnchor({ certificate: root, country: 'CN', knownAnchors: [], now: whileValid });
    expect(review.warnings).toEqual(['country-differs']);
    expect(review.exceptions).toBe(AnchorException.CountryDiffers);
    expect(review.blocked).toBe(false);
  });

  it('requires the key-reuse exception for the key of a known anchor, whatever its encoding of the hash', async () => {
    const root = await fixture('icp-brasil_raiz_v5_rsa4096-sha512.pem');
    const reissued = { hash: `0x${'ab'.repeat(32)}`, spkiHash: `0x${root.keyHash.toUpperCase()}` };
    const review = reviewAnchor({ certificate: root, country: 'BR', knownAnchors: [reissued], now: whileValid });
    expect(review.warnings).toEqual(['key-reused']);
    expect(review.exceptions).toBe(AnchorException.KeyReused);
  });

  it('blocks a certificate the Trust Store already holds', async () => {
    const root = await fixture('icp-brasil_raiz_v5_rsa4096-sha512.pem');
    const review = reviewAnchor({ certificate: root, country: 'BR', knownAnchors: [{ hash: `0x${root.identity}`, spkiHash: `0x${root.keyHash}` }], now: whileValid });
    expect(review.blocked).toBe(true);
    expect(review.warnings).toEqual(['already-anchor', 'key-reused']);
  });

  it('blocks an intermediate CA proposed as a root, and says it is not self-issued', async () => {
    const intermediate = await fixture('v5__ac-secretaria-receita-federal-v4.pem');
    const review = reviewAnchor({ certificate: intermediate, country: 'BR', knownAnchors: [], now: whileValid });
    expect(review.blocked).toBe(true);
    expect(review.warnings[0]).toBe('not-self-issued');
  });

  it('warns about an expired root without blocking it (the engine checks validity on every path)', async () => {
    const root = await fixture('icp-brasil_raiz_v5_rsa4096-sha512.pem');
    const review = reviewAnchor({ certificate: root, country: 'BR', knownAnchors: [], now: new Date('2040-01-01T00:00:00Z') });
    expect(review.warnings).toEqual(['expired']);
    expect(review.blocked).toBe(false);
  });

  it('reads declared exception flags back as the warnings they stand for', () => {
    expect(declaredExceptions(0)).toEqual([]);
    expect(declaredExceptions(AnchorException.CountryDiffers | AnchorException.KeyReused)).toEqual(['country-differs', 'key-reused']);
  });
});
