import { useQuery } from '@tanstack/react-query';
import { useLedgerClient } from './useLedgerClient';
import { useNetwork } from './NetworkContext';
import { getLatestBlockNumber } from '@/ledger';

// As often as wagmi polls for new blocks: an outage shows within one interval.
const checkEveryMs = 4_000;

/**
 * Whether the ledger node answers, asked once for the whole page (one query, shared by key): the
 * banner says why the node is unreachable, and sections use it to not repeat that sentence.
 */
export function useLedgerNode() {
  const network = useNetwork();
  const client = useLedgerClient();
  return useQuery({
    queryKey: ['ledger-status', network.chainId, network.rpcUrl],
    queryFn: () => getLatestBlockNumber(client),
    refetchInterval: checkEveryMs,
    retry: false,
  });
}
