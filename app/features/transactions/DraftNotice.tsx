import { useT } from '@/components';
import { emptyDraft, selectClearTransactionDraft, selectTransactionDraft, useDrafts, type TransactionDraft } from '@/store';

const isEmpty = (draft: TransactionDraft) => (Object.keys(emptyDraft) as (keyof TransactionDraft)[]).every((k) => (draft[k] ?? '') === (emptyDraft[k] ?? ''));

/**
 * A saved draft, shown as soon as the page opens (before wallet and certificate are back), with what
 * is kept where and a way to discard it: the memo sits in this browser's storage only while the draft exists.
 */
export function DraftNotice() {
  const t = useT();
  const draft = useDrafts(selectTransactionDraft);
  const clear = useDrafts(selectClearTransactionDraft);
  if (isEmpty(draft)) return null;
  const summary = [
    draft.amount && draft.currency ? `${draft.amount} ${draft.currency}` : draft.amount,
    draft.reference,
    draft.counterpartyCountry ? t(`country.${draft.counterpartyCountry}`) : '',
    draft.document?.name ?? '',
  ]
    .filter((part) => part && part.trim() !== '')
    .join(' · ');
  return (
    <section aria-labelledby="draft-title" className="draft-notice" data-testid="draft-notice">
      <h2 id="draft-title">{t('draft.title')}</h2>
      <p data-testid="draft-summary">{summary || t('draft.untitled')}</p>
      <p>{t('draft.where')}</p>
      <button type="button" className="danger" onClick={clear}>
        {t('draft.discard')}
      </button>
    </section>
  );
}
