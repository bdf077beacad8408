import { bytesToHex, type Hex } from 'viem';
import type { Terms } from '@/ledger';
import type { TransactionDraft } from '@/store';

/** ISO 4217 currencies offered, with their minor-unit digits (ISO 4217 "E"). */
export const currencies = { BRL: 2, CNY: 2, USD: 2, EUR: 2, JPY: 0 } as const;
export type CurrencyCode = keyof typeof currencies;

export type DraftProblem = 'counterparty' | 'amount' | 'currency' | 'reference' | 'document' | 'deadline';

/** The draft as the ledger takes it: the amount in minor units, memo and document as hashes. */
export type ParsedDraft = {
  readonly counterpartyCountry: string;
  /** memoHash: SHA-256 of the memo's UTF-8 (the memo itself stays off the ledger), zero for none. */
  readonly terms: Terms;
  /** SHA-256 of the document. */
  readonly payloadHash: Hex;
  /** Unix seconds: the end (23:59:59 UTC) of the deadline day. */
  readonly deadline: bigint;
};

export type ParseDraftReturnType = { readonly ok: true; readonly value: ParsedDraft } | { readonly ok: false; readonly problems: readonly DraftProblem[] };

const ZERO_HASH: Hex = `0x${'00'.repeat(32)}`;

export async function sha256Hex(bytes: Uint8Array): Promise<Hex> {
  return bytesToHex(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes.slice())));
}

/** The memo's hash as the terms carry it: SHA-256 of its trimmed UTF-8, zero for no memo (the memo stays off the ledger). */
export async function memoHashOf(memo: string): Promise<Hex> {
  const trimmed = memo.trim();
  return trimmed ? sha256Hex(new TextEncoder().encode(trimmed)) : ZERO_HASH;
}

/** Decimal text -> minor units, refusing more fraction digits than the currency has. */
export function parseAmount(text: string, decimals: number): bigint | undefined {
  const match = /^(\d{1,30})(?:[.,](\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) return undefined;
  const value = BigInt(match[1]! + fraction.padEnd(decimals, '0'));
  return value > 0n ? value : undefined;
}

/** Checks a draft and turns it into what the ledger takes; lists every problem at once. */
export async function parseDraft(draft: TransactionDraft, now = new Date()): Promise<ParseDraftReturnType> {
  const problems: DraftProblem[] = [];
  if (!/^[A-Z]{2}$/.test(draft.counterpartyCountry)) problems.push('counterparty');
  const decimals = currencies[draft.currency as CurrencyCode] as number | undefined;
  if (decimals === undefined) problems.push('currency');
  const amount = decimals === undefined ? undefined : parseAmount(draft.amount, decimals);
  if (decimals !== undefined && amount === undefined) problems.push('amount');
  if (draft.reference.trim() === '' || new TextEncoder().encode(draft.reference).length > 140) problems.push('reference');
  if (!draft.document) problems.push('document');
  const deadlineEnd = /^\d{4}-\d{2}-\d{2}$/.test(draft.deadline) ? Date.parse(`${draft.deadline}T23:59:59Z`) : NaN;
  if (!(deadlineEnd > now.getTime())) problems.push('deadline');
  if (problems.length > 0 || amount === undefined || decimals === undefined || !draft.document) return { ok: false, problems };
  return {
    ok: true,
    value: {
      counterpartyCountry: draft.counterpartyCountry,
      terms: {
        amount,
        decimals,
        currency: draft.currency,
        paymentReference: draft.reference.trim(),
        memoHash: await memoHashOf(draft.memo),
      },
      payloadHash: draft.document.sha256,
      deadline: BigInt(Math.floor(deadlineEnd / 1000)),
    },
  };
}

/** Minor units -> "1,250.50" in the reader's locale. */
export function formatAmount(amount: bigint, decimals: number, locale: string): string {
  const whole = amount / 10n ** BigInt(decimals);
  const fraction = decimals > 0 ? (amount % 10n ** BigInt(decimals)).toString().padStart(decimals, '0') : '';
  const separator = (1.5).toLocaleString(locale).charAt(1);
  return `${whole.toLocaleString(locale)}${fraction ? separator + fraction : ''}`;
}
