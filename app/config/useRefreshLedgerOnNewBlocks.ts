import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { Address } from 'viem';
import { useBlockNumber } from 'wagmi';
import { getLedgerChanges, isLedgerReadChanged } from '@/ledger';
import { useNetwork } from './NetworkContext';
import { useLedgerClient } from './useLedgerClient';

/**
 * On every new block, reads only the new blocks' logs of our contracts (one request) and refreshes only
 * the cached reads they may have changed: nothing when nothing of ours happened, a transaction's reads
 * and the lists when it changed, everything on a governance or identity event (rare, and many reads
 * depend on them). A failed read leaves the blocks to the next look.
 */
export function useRefreshLedgerOnNewBlocks() {
  const network = useNetwork();
  const client = useLedgerClient();
  const queryClient = useQueryClient();
  const { data: blockNumber } = useBlockNumber({ chainId: network.chainId, watch: true });
  const seen = useRef<bigint | undefined>(undefined);
  useEffect(() => {
    if (blockNumber === undefined) return;
    const last = seen.current;
    if (last === undefined || blockNumber < last) {
      // The first block this page sees: its reads were just made.
      seen.current = blockNumber;
      return;
    }
    if (blockNumber === last) return;
    let cancelled = false;
    const addresses = Object.values(network.contracts).filter((address): address is Address => typeof address === 'string');
    getLedgerChanges(client, { addresses, fromBlock: last + 1n, toBlock: blockNumber, maxRange: network.logRange })
      .then((changes) => {
        if (cancelled) return;
        seen.current = blockNumber;
        if (changes.logs.length === 0) return;
        const params = { chainId: network.chainId, transactionRegistry: network.contracts.transactionRegistry, contracts: changes.contracts, firstTopics: changes.firstTopics };
        return queryClient.invalidateQueries({ predicate: (query) => isLedgerReadChanged(query.queryKey, params) });
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [blockNumber, client, network, queryClient]);
}
