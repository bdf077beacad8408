import { describe, expect, it } from 'vitest';
import { trustStoreAbi } from '@abi/TrustStore';
import { en } from '@/i18n/en';
import { historyArgOrder, historyArgsLeftOut } from './historyArgs';

describe('governance history', () => {
  it('has a label for every event the Trust Store emits, so no history line shows a raw key', () => {
    const events = trustStoreAbi.filter((item) => item.type === 'event').map((item) => `event.${item.name}`);
    expect(events.filter((key) => !(key in en))).toEqual([]);
  });

  it('shows every event argument with a label, or leaves it out on purpose (no unlabelled number)', () => {
    const names = new Set(trustStoreAbi.flatMap((item) => (item.type === 'event' ? item.inputs.map((i) => i.name) : [])));
    const unaccounted = [...names].filter((n) => !(historyArgOrder as readonly string[]).includes(n) && !(historyArgsLeftOut as readonly string[]).includes(n));
    expect(unaccounted).toEqual([]);
    expect(historyArgOrder.filter((k) => !(`governance.arg.${k}` in en))).toEqual([]);
  });
});
