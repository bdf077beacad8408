import { describe, expect, it } from 'vitest';
import { translate, type Locale } from '@/i18n';
import { timestampVerdict } from './timestampVerdict';

const tr = (locale: Locale) => (key: string, values?: Readonly<Record<string, string | number>>) => translate(locale, key, values);
const facts = { tsaName: 'CN=Local Test Time-Stamping Authority', genTime: new Date('2026-12-06T05:10:00Z') };

describe('what the sign page and the record page say of a signature timestamp', () => {
  it('gives the three states, each naming the TSA and the time, in every language', () => {
    for (const locale of ['en', 'pt-BR', 'zh-CN'] as const) {
      const sentences = new Set<string>();
      for (const [tsaTrusted, state] of [[true, 'trusted'], [false, 'untrusted'], [undefined, 'unknown']] as const) {
        const verdict = timestampVerdict(tr(locale), locale, { ...facts, tsaTrusted });
        expect(verdict.state).toBe(state);
        expect(verdict.sentence).toContain(facts.tsaName);
        expect(verdict.sentence).toContain(facts.genTime.toLocaleString(locale, { timeZone: 'UTC', timeZoneName: 'short' }));
        expect(verdict.sentence).not.toMatch(/\{\w+\}/);
        sentences.add(verdict.sentence);
      }
      expect(sentences.size).toBe(3);
    }
  });

  it('uses the sign page wording (the English sentences)', () => {
    expect(timestampVerdict(tr('en'), 'en', { ...facts, tsaTrusted: true }).sentence).toMatch(/^Timestamped by CN=Local Test Time-Stamping Authority at .*: the signature provably existed then\.$/);
    expect(timestampVerdict(tr('en'), 'en', { ...facts, tsaTrusted: false }).sentence).toContain('this network does not trust that time-stamping authority');
    expect(timestampVerdict(tr('en'), 'en', { ...facts, tsaTrusted: undefined }).sentence).toContain('lists no time-stamping authority to trust');
  });
});
