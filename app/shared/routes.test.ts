import { describe, expect, it } from 'vitest';
import { locales, translate } from '@/i18n';
import { formatDuration, routeVerdict } from './routes';

const route = { ledger: 'Chinese ledger', provenBlock: 120n, provenAt: 1_000n, holdSeconds: 60 };
const say = (locale: 'en' | 'pt-BR' | 'zh-CN', now: bigint, extra = {}) => {
  const v = routeVerdict({ ...route, ...extra }, now);
  return translate(locale, v.key, { ...v.params, age: formatDuration(locale, v.params.ageSeconds), hold: formatDuration(locale, v.params.holdSeconds) });
};

describe('the verdict of a trust route', () => {
  it('is trusted within the hold timer, naming the ledger, the proven block and its age', () => {
    expect(routeVerdict(route, 1_042n).status).toBe('trusted');
    expect(say('en', 1_042n)).toBe('Trusted by route from Chinese ledger, proven at block 120 (42 seconds ago).');
  });

  it('fails closed past the hold timer, in one sentence that says what to do, in every language', () => {
    expect(routeVerdict(route, 1_061n).status).toBe('stale');
    expect(say('en', 1_061n)).toBe(
      'Not trusted: the route from Chinese ledger was last proven at block 120, 61 seconds ago, longer than its hold timer of 60 seconds; it counts again once a relayer brings a fresh proof.',
    );
    expect(say('pt-BR', 1_061n)).toContain('61 segundos');
    expect(say('zh-CN', 1_061n)).toContain('120');
  });

  it('says the peer withdrew the anchor, whatever the age', () => {
    expect(routeVerdict({ ...route, withdrawn: true }, 1_001n).status).toBe('withdrawn');
    expect(say('en', 1_001n, { withdrawn: true })).toBe('Not trusted: Chinese ledger withdrew this anchor (proven at block 120).');
  });

  it('words durations in the largest whole unit', () => {
    expect([5, 150, 7_300, 200_000].map((s) => formatDuration('en', s))).toEqual(['5 seconds', '2 minutes', '2 hours', '2 days']);
  });

  it('says why a route counts no more when the contract refuses it for another reason than its age', () => {
    expect(routeVerdict({ ...route, refused: 'unknown' }, 1_001n).status).toBe('unknown');
    expect(routeVerdict({ ...route, refused: 'overridden', withdrawn: true }, 1_001n).status).toBe('overridden');
    for (const locale of locales) {
      for (const extra of [{ refused: 'unknown' }, { refused: 'overridden' }, { withdrawn: true }, {}]) {
        for (const now of [1_010n, 1_100n]) expect(say(locale, now, extra)).not.toMatch(/[{}]|^route\./);
      }
    }
  });
});
