import { describe, expect, it } from 'vitest';

// zustand's persist middleware looks for localStorage when the store is created: give Node one first.
const items = new Map<string, string>();
Object.defineProperty(globalThis, 'localStorage', {
  configurable: true,
  value: { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k) },
});
const { emptyDraft, useDrafts } = await import('./drafts');

describe('transaction draft', () => {
  it('is written to localStorage and read back after the page state is lost (a reload)', async () => {
    useDrafts.getState().updateTransaction({ amount: '1250.50', currency: 'BRL' });
    useDrafts.getState().updateTransaction({ reference: 'INV-7' });
    useDrafts.setState({ transaction: emptyDraft }, false);
    items.set('pki-ledger.drafts', JSON.stringify({ state: { transaction: { ...emptyDraft, amount: '1250.50', currency: 'BRL', reference: 'INV-7' } }, version: 1 }));
    await useDrafts.persist.rehydrate();
    expect(useDrafts.getState().transaction).toMatchObject({ amount: '1250.50', currency: 'BRL', reference: 'INV-7', memo: '' });
  });

  it('persists each change and clears to the empty draft', () => {
    useDrafts.getState().updateTransaction({ memo: 'first shipment' });
    expect(JSON.parse(items.get('pki-ledger.drafts')!).state.transaction.memo).toBe('first shipment');
    useDrafts.getState().clearTransaction();
    expect(useDrafts.getState().transaction).toEqual(emptyDraft);
    expect(JSON.parse(items.get('pki-ledger.drafts')!).state.transaction).toEqual({ ...emptyDraft, document: undefined });
  });
});
