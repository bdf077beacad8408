import { useId, useState } from 'react';
import type { Address } from 'viem';
import { ErrorMessage, HashEntry, useLocale, useT } from '@/components';
import { useLedgerWrite, useNetwork } from '@/config';
import { createTransaction, LedgerError } from '@/ledger';
import { selectClearTransactionDraft, selectTransactionDraft, selectUpdateTransactionDraft, useDrafts } from '@/store';
import { download } from './download';
import { currencies, formatAmount, parseDraft, sha256Hex, type ParsedDraft } from './draft';
import { createTermsPackage } from './termsPackage';

/** Compose a transaction with a counterparty of another country; the draft survives a reload. */
export function ComposeForm({ myCountry, account, countries, onCreated }: { myCountry: string; account: Address; countries: readonly string[]; onCreated: (id: bigint) => void }) {
  const t = useT();
  const locale = useLocale();
  const draft = useDrafts(selectTransactionDraft);
  const update = useDrafts(selectUpdateTransactionDraft);
  const clear = useDrafts(selectClearTransactionDraft);
  const [review, setReview] = useState<ParsedDraft>();
  const [problems, setProblems] = useState<readonly string[]>([]);
  // The document's bytes, for the terms package only: never stored (the draft keeps its name and hash).
  const [documentFile, setDocumentFile] = useState<File>();
  const network = useNetwork();
  const ids = { country: useId(), amount: useId(), currency: useId(), reference: useId(), memo: useId(), document: useId(), deadline: useId() };

  const create = useLedgerWrite(createTransaction, {
    prepare: async (parsed: ParsedDraft) => {
      const registry = network.contracts.transactionRegistry;
      if (!registry) throw new LedgerError('No TransactionRegistry on this network.', { messageKey: 'ledger.failed' });
      return {
        address: registry,
        // I sign for my country with this wallet; any identity of the counterparty's country may co-sign.
        parties: [{ country: myCountry, account }, { country: parsed.counterpartyCountry }],
        payloadHash: parsed.payloadHash,
        terms: parsed.terms,
        deadline: parsed.deadline,
      };
    },
  });
  const created = (id: bigint) => {
    clear();
    setReview(undefined);
    onCreated(id);
  };

  const onDocument = async (file: File | undefined) => {
    setDocumentFile(file);
    if (!file) return update({ document: undefined });
    update({ document: { name: file.name, size: file.size, sha256: await sha256Hex(new Uint8Array(await file.arrayBuffer())) } });
  };

  /** The terms, memo and document for the counterparty, bound to the record by its hashes (termsPackage.ts). */
  const downloadPackage = async (parsed: ParsedDraft) => {
    const bytes = documentFile ? new Uint8Array(await documentFile.arrayBuffer()) : undefined;
    // A document chosen before a reload is gone from memory; a package without it still carries terms and memo.
    const document = documentFile && bytes && (await sha256Hex(bytes)) === parsed.payloadHash ? { name: documentFile.name, bytes } : undefined;
    const pkg = await createTermsPackage({ ...parsed.terms, payloadHash: parsed.payloadHash, deadline: parsed.deadline, memo: draft.memo, ...(document ? { document } : {}) });
    download(`terms-${parsed.terms.paymentReference.replace(/[^\w.-]/g, '_') || 'package'}.tar`, pkg.slice(), 'application/x-tar');
  };

  const toReview = async (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = await parseDraft(draft);
    if (parsed.ok) {
      setProblems([]);
      setReview(parsed.value);
    } else {
      setProblems(parsed.problems);
      setReview(undefined);
    }
  };

  return (
    <section aria-labelledby="compose-title" data-testid="compose">
      <h2 id="compose-title">{t('transactions.compose.title')}</h2>
      <form onSubmit={(e) => void toReview(e)} className="compose">
        <p>
          <label htmlFor={ids.country}>{t('transactions.compose.counterparty')}</label>{' '}
          <select id={ids.country} value={draft.counterpartyCountry} onChange={(e) => update({ counterpartyCountry: e.target.value })}>
            <option value="">{t('transactions.compose.choose')}</option>
            {countries
              .filter((c) => c !== myCountry)
              .map((c) => (
                <option key={c} value={c}>
                  {t(`country.${c}`)}
                </option>
              ))}
          </select>
        </p>
        <p>
          <label htmlFor={ids.amount}>{t('transactions.compose.amount')}</label>{' '}
          <input id={ids.amount} inputMode="decimal" value={draft.amount} onChange={(e) => update({ amount: e.target.value })} />{' '}
          <label htmlFor={ids.currency}>{t('transactions.compose.currency')}</label>{' '}
          <select id={ids.currency} value={draft.currency} onChange={(e) => update({ currency: e.target.value })}>
            <option value="">{t('transactions.compose.choose')}</option>
            {Object.keys(currencies).map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label htmlFor={ids.reference}>{t('transactions.compose.reference')}</label>{' '}
          <input id={ids.reference} value={draft.reference} onChange={(e) => update({ reference: e.target.value })} />
        </p>
        <p>
          <label htmlFor={ids.memo}>{t('transactions.compose.memo')}</label>{' '}
          <textarea id={ids.memo} value={draft.memo} onChange={(e) => update({ memo: e.target.value })} />
        </p>
        <p>
          <label htmlFor={ids.document}>{t('transactions.compose.document')}</label>{' '}
          <input id={ids.document} type="file" onChange={(e) => void onDocument(e.target.files?.[0])} />{' '}
          {draft.document ? (
            <span data-testid="document-hash">
              {t('transactions.compose.documentHash', { name: draft.document.name })} <code className="fingerprint">{draft.document.sha256}</code>
            </span>
          ) : null}
        </p>
        <p>
          <label htmlFor={ids.deadline}>{t('transactions.compose.deadline')}</label>{' '}
          <input id={ids.deadline} type="date" value={draft.deadline} onChange={(e) => update({ deadline: e.target.value })} />
        </p>
        <button type="submit">{t('transactions.compose.review')}</button>{' '}
        <button type="button" onClick={() => (clear(), setReview(undefined), setProblems([]))}>
          {t('transactions.compose.clear')}
        </button>
      </form>
      {problems.length > 0 ? (
        <ul role="alert" className="error">
          {problems.map((p) => (
            <li key={p}>{t(`transactions.problem.${p}`)}</li>
          ))}
        </ul>
      ) : null}
      {review ? (
        <section aria-labelledby="review-title" data-testid="review">
          <h3 id="review-title">{t('transactions.review.title')}</h3>
          <dl>
            <dt>{t('transactions.review.parties')}</dt>
            <dd>{t('transactions.review.partiesValue', { mine: t(`country.${myCountry}`), other: t(`country.${review.counterpartyCountry}`) })}</dd>
            <dt>{t('transactions.compose.amount')}</dt>
            <dd data-testid="review-amount">
              {formatAmount(review.terms.amount, review.terms.decimals, locale)} {review.terms.currency}
            </dd>
            <dt>{t('transactions.compose.reference')}</dt>
            <dd>{review.terms.paymentReference}</dd>
            <HashEntry term={t('transactions.review.memoHash')} value={review.terms.memoHash} />
            <HashEntry term={t('transactions.review.payloadHash')} value={review.payloadHash} />
            <dt>{t('transactions.compose.deadline')}</dt>
            <dd>{new Date(Number(review.deadline) * 1000).toLocaleString(locale, { timeZone: 'UTC', timeZoneName: 'short' })}</dd>
          </dl>
          <p>
            <button type="button" data-testid="terms-package" onClick={() => void downloadPackage(review)}>
              {t('transactions.package.download')}
            </button>{' '}
            <span className="hint">{t('transactions.package.hint')}</span>
          </p>
          <button type="button" disabled={create.isPending} onClick={() => create.mutate(review, { onSuccess: ({ id }) => created(id) })}>
            {create.isPending ? t('transactions.review.creating') : t('transactions.review.create')}
          </button>
          {create.error ? <ErrorMessage error={create.error} /> : null}
        </section>
      ) : null}
    </section>
  );
}
