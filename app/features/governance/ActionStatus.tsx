import { ErrorMessage, useT } from '@/components';

/** The state of one governance action: sending, refused (one sentence), or done. */
export function ActionStatus({ action }: { action: { isPending: boolean; isSuccess: boolean; error: unknown } }) {
  const t = useT();
  if (action.isPending) return <p aria-live="polite">{t('governance.sending')}</p>;
  if (action.error) return <ErrorMessage error={action.error} />;
  if (action.isSuccess) return <p aria-live="polite">{t('governance.done')}</p>;
  return null;
}
