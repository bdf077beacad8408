import { ErrorMessage, useT } from '@/components';
import { useLedgerNode } from '@/config';

const isNodeDown = (error: unknown) => typeof error === 'object' && error !== null && (error as { messageKey?: unknown }).messageKey === 'ledger.unavailable';

/**
 * What a section shows while its data is not there: the waiting sentence, or why it failed. One
 * cause, one message: while the ledger banner already says the node does not answer, a section that
 * waits for the node says only that it will fill in once the node is back (no second alert).
 */
export function QueryState({ error, isPending = false, pending }: { error: unknown; isPending?: boolean; pending?: string }) {
  const t = useT();
  const node = useLedgerNode();
  const nodeDown = node.isError;
  if (error) {
    if (isNodeDown(error) && nodeDown) return <p className="waiting">{t('app.waitingForNode')}</p>;
    return <ErrorMessage error={error} />;
  }
  if (!isPending || pending === undefined) return null;
  if (nodeDown) return <p className="waiting">{t('app.waitingForNode')}</p>;
  return <p aria-busy="true">{pending}</p>;
}
