import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Address } from 'viem';
import { ledgerLogCache, useLedgerClient, useNetwork } from '@/config';
import {
  createIndexerClient,
  expiredOpenQueryOptions,
  inboxQueryOptions,
  indexerTransactionLists,
  signTypedDataQueryOptions,
  transactionHistoryQueryOptions,
  transactionQueryOptions,
  type TransactionListQueryParameters,
  type TransactionLists,
  type TransactionRegistryQueryParameters,
} from '@/ledger';

/** The configured TransactionRegistry (if the network has one), as the ledger's query options want it. */
export function useTransactionRegistry(): TransactionRegistryQueryParameters {
  const network = useNetwork();
  return { chainId: network.chainId, address: network.contracts.transactionRegistry };
}

/** With network.json `indexerUrl`, the lists page from the indexer (each page checked on the ledger, the ledger's lists as fallback). */
function useTransactionLists(): TransactionLists | undefined {
  const { indexerUrl } = useNetwork();
  return useMemo(() => (indexerUrl ? indexerTransactionLists({ indexer: createIndexerClient({ url: indexerUrl }) }) : undefined), [indexerUrl]);
}

function useListParameters(country: string | undefined, account: Address | undefined): TransactionListQueryParameters {
  const network = useNetwork();
  const lists = useTransactionLists();
  return { ...useTransactionRegistry(), country, account, fromBlock: network.fromBlock, maxRange: network.logRange, cache: ledgerLogCache(), lists };
}

/** What waits for this wallet (of `country`) to sign, newest first, a page at a time. */
export const useInbox = (country: string | undefined, account: Address | undefined) =>
  useInfiniteQuery(inboxQueryOptions(useLedgerClient(), useListParameters(country, account)));

/** This wallet's other transactions (waiting for the other parties, or finished), newest first, a page at a time. */
export const useFinishedTransactions = (country: string | undefined, account: Address | undefined) =>
  useInfiniteQuery(transactionHistoryQueryOptions(useLedgerClient(), useListParameters(country, account)));

export const useTransaction = (id: bigint | undefined) => useQuery(transactionQueryOptions(useLedgerClient(), { ...useTransactionRegistry(), id }));

/** The exact EIP-712 data this wallet's identity signs for party `partyIndex` of transaction `id`. */
export const useSignTypedData = (id: bigint, partyIndex: number, account: Address | undefined) =>
  useQuery(signTypedDataQueryOptions(useLedgerClient(), { ...useTransactionRegistry(), id, partyIndex, account }));

/** Expired transactions still on `country`'s open list: what the page offers to prune. */
export const useExpiredOpen = (country: string | undefined) => useQuery(expiredOpenQueryOptions(useLedgerClient(), { ...useTransactionRegistry(), country }));
