import { describe, expect, it } from 'vitest';
import { trustStoreAbi } from '@abi/TrustStore';
import { en } from '@/i18n/en';

describe('governance history', () => {
  it('has a label for every event the Trust Store emits, so no history line shows a raw key', () => {
    const events = trustStoreAbi.filter((item) => item.type === 'event').map((item) => `event.${item.name}`);
    expect(events.filter((key) => !(key in en))).toEqual([]);
  });
});
