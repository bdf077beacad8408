// What a page says of a signature timestamp: one wording for the sign page and the record page.
import type { VerdictState } from '@/components';
import type { Locale } from '@/i18n';

/** The facts a sentence needs: the TSA's name, its time, and whether it chains to a root network.json lists (undefined: it lists none). */
export type TimestampFacts = { readonly tsaName: string; readonly genTime: Date; readonly tsaTrusted: boolean | undefined };

const sentences = { true: 'transactions.timestamp.done', false: 'transactions.timestamp.untrusted', undefined: 'transactions.timestamp.unchecked' } as const;
const states = { true: 'trusted', false: 'untrusted', undefined: 'unknown' } as const satisfies Record<string, VerdictState>;

export function timestampVerdict(t: (key: string, values?: Readonly<Record<string, string | number>>) => string, locale: Locale, facts: TimestampFacts): { readonly state: VerdictState; readonly sentence: string } {
  const key = String(facts.tsaTrusted) as keyof typeof sentences;
  return {
    state: states[key],
    sentence: t(sentences[key], { tsa: facts.tsaName, time: facts.genTime.toLocaleString(locale, { timeZone: 'UTC', timeZoneName: 'short' }) }),
  };
}
