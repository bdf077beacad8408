import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { useLedgerClient, useNetwork } from '@/config';
import {
  anchorsByCountryQueryOptions,
  anchorsQueryOptions,
  hasVotedQueryOptions,
  membersQueryOptions,
  openProposalsQueryOptions,
  requiredApprovalsQueryOptions,
  trustStoreHistoryQueryOptions,
  type TrustStoreQueryParameters,
} from '@/ledger';

/** The configured Trust Store, as the ledger's query options want it. */
function useTrustStore(): TrustStoreQueryParameters {
  const network = useNetwork();
  return { chainId: network.chainId, address: network.contracts.trustStore };
}

export const useMembers = () => useQuery(membersQueryOptions(useLedgerClient(), useTrustStore()));

export const useRequiredApprovals = () => useQuery(requiredApprovalsQueryOptions(useLedgerClient(), useTrustStore()));

export const useAnchorsByCountry = (country: string) => useQuery(anchorsByCountryQueryOptions(useLedgerClient(), { ...useTrustStore(), country }));

export const useAllAnchors = () => useQuery(anchorsQueryOptions(useLedgerClient(), useTrustStore()));

export const useOpenProposals = () => useQuery(openProposalsQueryOptions(useLedgerClient(), useTrustStore()));

export const useHasVoted = (id: bigint, member: Address | undefined) => useQuery(hasVotedQueryOptions(useLedgerClient(), { ...useTrustStore(), id, member }));

export function useTrustStoreHistory() {
  const network = useNetwork();
  return useQuery(trustStoreHistoryQueryOptions(useLedgerClient(), { ...useTrustStore(), fromBlock: network.fromBlock }));
}
