import { ErrorMessage, useT } from '@/components';

/** What ActionStatus shows of a ledger write (a useLedgerWrite mutation). */
export type ActionState = { readonly isPending: boolean; readonly isSuccess: boolean; readonly error: unknown };

/** The state of one governance action: sending, refused (one sentence), or done. */
export function ActionStatus({ action }: { action: ActionState }) {
  const t = useT();
  if (action.isPending) return <p aria-live="polite">{t('governance.sending')}</p>;
  if (action.error) return <ErrorMessage error={action.error} />;
  if (action.isSuccess) return <p aria-live="polite">{t('governance.done')}</p>;
  return null;
}

type Action<variables> = { reset(): void; mutate(variables: variables): void };

/**
 * Starts one of several actions shown together (approve / execute, retire / reinstate) and clears the
 * others' outcome, so a stale "Done" never sits beside a new attempt or its error.
 */
export function useExclusiveActions(...actions: readonly { reset(): void }[]) {
  return <variables,>(action: Action<variables>, variables: variables) => {
    for (const other of actions) if (other !== action) other.reset();
    action.mutate(variables);
  };
}
