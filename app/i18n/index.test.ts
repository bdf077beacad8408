import { describe, expect, it } from 'vitest';
import { en } from './en';
import { locales, negotiateLocale, translate } from './index';
import { ptBR } from './pt-BR';
import { zhCN } from './zh-CN';

describe('i18n', () => {
  it('has every English key translated in each locale, with the same placeholders', () => {
    for (const catalog of [ptBR, zhCN]) {
      for (const [key, text] of Object.entries(en)) {
        const translated = catalog[key as keyof typeof en];
        expect(translated, key).toBeTruthy();
        const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
        expect(placeholders(translated), key).toEqual(placeholders(text));
      }
    }
  });

  it('picks the locale from the browser languages', () => {
    expect(negotiateLocale(['pt-PT', 'en'])).toBe('pt-BR');
    expect(negotiateLocale(['zh-TW'])).toBe('zh-CN');
    expect(negotiateLocale(['de-DE', 'en-GB'])).toBe('en');
    expect(negotiateLocale(['fr'])).toBe('en');
    expect(locales).toContain(negotiateLocale([]));
  });

  it('fills placeholders', () => {
    expect(translate('en', 'trustStore.threshold', { count: 2 })).toBe('Approvals needed for a proposal: 2');
    expect(translate('zh-CN', 'network.chain', { chainId: 31337 })).toBe('链 31337');
  });
});
