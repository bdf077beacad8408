import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useBlockNumber } from 'wagmi';
import { ledgerKeys } from '@/ledger';
import { useNetwork } from './NetworkContext';

/** Refreshes every cached read of this ledger (all its contracts' keys) whenever a new block arrives. */
export function useRefreshLedgerOnNewBlocks() {
  const network = useNetwork();
  const queryClient = useQueryClient();
  const { data: blockNumber } = useBlockNumber({ chainId: network.chainId, watch: true });
  useEffect(() => {
    if (blockNumber === undefined) return;
    void queryClient.invalidateQueries({ queryKey: ledgerKeys(network.chainId) });
  }, [blockNumber, network.chainId, queryClient]);
}
