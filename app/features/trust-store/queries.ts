import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useBlockNumber } from 'wagmi';
import { useLedgerClient, useNetwork } from '@/config';
import { getAnchors, getAnchorsByCountry, getMembers, getOpenProposals, getRequiredApprovals, getTrustStoreHistory } from '@/ledger';

/** Every Trust Store read is cached under this key, so one invalidation refreshes them all. */
export const trustStoreKey = (chainId: number, address: string) => ['trustStore', chainId, address] as const;

/** Refreshes the Trust Store's cached reads whenever a new block arrives. */
export function useRefreshTrustStoreOnNewBlocks() {
  const network = useNetwork();
  const queryClient = useQueryClient();
  const { data: blockNumber } = useBlockNumber({ watch: true });
  useEffect(() => {
    if (blockNumber === undefined) return;
    void queryClient.invalidateQueries({ queryKey: trustStoreKey(network.chainId, network.contracts.trustStore) });
  }, [blockNumber, network, queryClient]);
}

export function useMembers() {
  const network = useNetwork();
  const client = useLedgerClient();
  return useQuery({
    queryKey: [...trustStoreKey(network.chainId, network.contracts.trustStore), 'members'],
    queryFn: () => getMembers(client, { address: network.contracts.trustStore }),
  });
}

export function useRequiredApprovals() {
  const network = useNetwork();
  const client = useLedgerClient();
  return useQuery({
    queryKey: [...trustStoreKey(network.chainId, network.contracts.trustStore), 'requiredApprovals'],
    queryFn: () => getRequiredApprovals(client, { address: network.contracts.trustStore }),
  });
}

export function useAnchorsByCountry(country: string) {
  const network = useNetwork();
  const client = useLedgerClient();
  return useQuery({
    queryKey: [...trustStoreKey(network.chainId, network.contracts.trustStore), 'anchorsByCountry', country],
    queryFn: () => getAnchorsByCountry(client, { address: network.contracts.trustStore, country }),
  });
}

export function useAllAnchors() {
  const network = useNetwork();
  const client = useLedgerClient();
  return useQuery({
    queryKey: [...trustStoreKey(network.chainId, network.contracts.trustStore), 'anchors'],
    queryFn: () => getAnchors(client, { address: network.contracts.trustStore, offset: 0n, limit: 500n }),
  });
}

export function useOpenProposals() {
  const network = useNetwork();
  const client = useLedgerClient();
  return useQuery({
    queryKey: [...trustStoreKey(network.chainId, network.contracts.trustStore), 'openProposals'],
    queryFn: () => getOpenProposals(client, { address: network.contracts.trustStore }),
  });
}

export function useTrustStoreHistory() {
  const network = useNetwork();
  const client = useLedgerClient();
  return useQuery({
    queryKey: [...trustStoreKey(network.chainId, network.contracts.trustStore), 'history'],
    queryFn: () => getTrustStoreHistory(client, { address: network.contracts.trustStore, fromBlock: network.fromBlock }),
  });
}
