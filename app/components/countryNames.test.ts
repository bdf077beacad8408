import { describe, expect, it } from 'vitest';
import { catalogues, translate, type Locale } from '@/i18n';
import { countryName, countryOf } from './countryNames';

const tr = (locale: Locale) => (key: string, values?: Readonly<Record<string, string | number>>) => translate(locale, key, values);

describe('country names', () => {
  it('says "do Brasil" and "da China" in Portuguese, with the article the name takes', () => {
    const pt = tr('pt-BR');
    expect(pt('identity.verdict.trusted', { countryOf: countryOf(pt, 'BR'), proposal: 1, when: 'hoje' })).toContain('âncora de confiança do Brasil,');
    expect(pt('governance.proposeAnchor', { countryOf: countryOf(pt, 'CN') })).toBe('Propor um certificado raiz da China');
    expect(countryOf(tr('en'), 'BR')).toBe('of Brazil');
    expect(countryOf(tr('zh-CN'), 'CN')).toBe('中国');
  });

  it('never writes "de {country}" or "por {country}" in Portuguese, which would say "de Brasil"', () => {
    for (const [key, text] of Object.entries(catalogues['pt-BR'])) {
      // The fallback for a country code without a name ("de AR") is the one place a bare code follows "de".
      if (key !== 'countryOf.other') expect(text, key).not.toMatch(/\b(de|por) \{country\}/);
    }
  });

  it('keeps the ISO code of a country without a translation, instead of showing a message key', () => {
    expect(countryName(tr('pt-BR'), 'AR')).toBe('AR');
    expect(countryOf(tr('pt-BR'), 'AR')).toBe('de AR');
    expect(countryName(tr('zh-CN'), 'BR')).toBe('巴西');
  });
});
