import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { ledgerLogCache, useLedgerClient, useNetwork } from '@/config';
import {
  anchorsByCountryQueryOptions,
  anchorsQueryOptions,
  hasVotedQueryOptions,
  membersQueryOptions,
  openProposalsQueryOptions,
  requiredApprovalsQueryOptions,
  trustStoreHistoryPagesQueryOptions,
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

/** The governance events newest first, `pageSize` a page, read back from the newest block only as far as shown. */
export function useTrustStoreHistoryPages(pageSize: number) {
  const network = useNetwork();
  return useInfiniteQuery(
    trustStoreHistoryPagesQueryOptions(useLedgerClient(), { ...useTrustStore(), fromBlock: network.fromBlock, maxRange: network.logRange, cache: ledgerLogCache(), pageSize }),
  );
}
