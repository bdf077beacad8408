import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { ErrorMessage } from '@/components';
import { useLedgerNode } from '@/config';

/**
 * Says so, in one sentence, while the ledger node does not answer. Pages keep what they already show;
 * once the node answers again, every read that failed meanwhile (or waits between retries) is fetched again (no reload needed).
 */
export function LedgerStatus() {
  const queryClient = useQueryClient();
  const status = useLedgerNode();
  const down = status.isError;
  const wasDown = useRef(false);
  useEffect(() => {
    if (wasDown.current && !down) void queryClient.refetchQueries({ predicate: (q) => q.state.status === 'error' || q.state.fetchFailureCount > 0 });
    wasDown.current = down;
  }, [down, queryClient]);
  return down ? <ErrorMessage error={status.error} /> : null;
}
