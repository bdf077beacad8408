import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useBlockNumber } from 'wagmi';
import { useLedgerClient, useNetwork } from '@/config';
import { getAnchorsByCountry, getMembers, getRequiredApprovals } from '@/ledger';

const trustStoreKey = (chainId: number, address: string) => ['trustStore', chainId, address] as const;

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
