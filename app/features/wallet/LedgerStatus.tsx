import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { ErrorMessage } from '@/components';
import { useLedgerClient, useNetwork } from '@/config';
import { getLatestBlockNumber } from '@/ledger';

// As often as wagmi polls for new blocks: an outage shows within one interval.
const checkEveryMs = 4_000;

/**
 * Says so, in one sentence, while the ledger node does not answer. Pages keep what they already show;
 * once the node answers again, every read that failed meanwhile is fetched again (no reload needed).
 */
export function LedgerStatus() {
  const network = useNetwork();
  const client = useLedgerClient();
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: ['ledger-status', network.chainId, network.rpcUrl],
    queryFn: () => getLatestBlockNumber(client),
    refetchInterval: checkEveryMs,
    retry: false,
  });
  const down = status.isError;
  const wasDown = useRef(false);
  useEffect(() => {
    if (wasDown.current && !down) void queryClient.refetchQueries({ predicate: (q) => q.state.status === 'error' });
    wasDown.current = down;
  }, [down, queryClient]);
  return down ? <ErrorMessage error={status.error} /> : null;
}
