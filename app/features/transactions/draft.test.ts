import { describe, expect, it } from 'vitest';
import { emptyDraft, type TransactionDraft } from '@/store';
import { formatAmount, parseAmount, parseDraft, sha256Hex } from './draft';

const now = new Date('2026-11-24T12:00:00Z');
const document = { name: 'invoice.pdf', size: 3, sha256: `0x${'ab'.repeat(32)}` as const };
const draft: TransactionDraft = {
  counterpartyCountry: 'CN',
  amount: '1250.5',
  currency: 'BRL',
  reference: ' INV-2026-7 ',
  memo: 'first shipment',
  document,
  deadline: '2026-12-01',
};

describe('parseDraft', () => {
  it('gives the amount in minor units, the memo as its SHA-256 and the deadline day\'s end', async () => {
    const parsed = await parseDraft(draft, now);
    expect(parsed).toEqual({
      ok: true,
      value: {
        counterpartyCountry: 'CN',
        terms: { amount: 125050n, decimals: 2, currency: 'BRL', paymentReference: 'INV-2026-7', memoHash: await sha256Hex(new TextEncoder().encode('first shipment')) },
        payloadHash: document.sha256,
        deadline: BigInt(Date.parse('2026-12-01T23:59:59Z') / 1000),
      },
    });
  });

  it('lists every problem of an incomplete draft', async () => {
    expect(await parseDraft(emptyDraft, now)).toEqual({ ok: false, problems: ['counterparty', 'currency', 'reference', 'document', 'deadline'] });
    expect(await parseDraft({ ...draft, amount: '10.001', deadline: '2026-11-23' }, now)).toEqual({ ok: false, problems: ['amount', 'deadline'] });
  });
});

describe('amounts', () => {
  it('parses within the currency\'s minor units and formats back', () => {
    expect(parseAmount('1250,50', 2)).toBe(125050n);
    expect(parseAmount('7', 0)).toBe(7n);
    expect(parseAmount('7.5', 0)).toBeUndefined();
    expect(parseAmount('0', 2)).toBeUndefined();
    expect(parseAmount('-1', 2)).toBeUndefined();
    expect(formatAmount(125050n, 2, 'en')).toBe('1,250.50');
    expect(formatAmount(125050n, 2, 'pt-BR')).toBe('1.250,50');
    expect(formatAmount(7n, 0, 'en')).toBe('7');
  });
});
