import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Address } from 'viem';
import { useLedgerClient, useNetwork } from '@/config';
import {
  createIndexerClient,
  partyTransactionsQueryOptions,
  signTypedDataQueryOptions,
  transactionListQueryOptions,
  transactionQueryOptions,
  type TransactionRegistryQueryParameters,
} from '@/ledger';

/** The configured TransactionRegistry (if the network has one), as the ledger's query options want it. */
export function useTransactionRegistry(): TransactionRegistryQueryParameters {
  const network = useNetwork();
  return { chainId: network.chainId, address: network.contracts.transactionRegistry };
}

/** Transactions with a party this wallet (of `country`) may sign, with the party it would sign now. */
export function usePartyTransactions(country: string | undefined, account: Address | undefined) {
  const network = useNetwork();
  const client = useLedgerClient();
  const registry = useTransactionRegistry();
  const indexer = useMemo(() => (network.indexerUrl ? createIndexerClient({ url: network.indexerUrl }) : undefined), [network.indexerUrl]);
  const base = { ...registry, country, account, fromBlock: network.fromBlock };
  // With an indexer (network.json indexerUrl): the first page of the inbox and of the history, each item
  // read again from the ledger (it falls back to the ledger's reads by itself); without one, the ledger's.
  const listed = useQueries({
    queries: indexer ? (['inbox', 'history'] as const).map((list) => transactionListQueryOptions(client, { ...base, list, indexer })) : [],
    combine: (results) => ({
      data: results.every((r) => r.data) ? results.flatMap((r) => r.data!.items) : undefined,
      error: results.find((r) => r.error)?.error ?? null,
      isPending: results.some((r) => r.isPending),
    }),
  });
  const options = partyTransactionsQueryOptions(client, base);
  const ledger = useQuery({ ...options, enabled: !indexer && options.enabled });
  return indexer ? listed : { data: ledger.data, error: ledger.error, isPending: ledger.isPending };
}

export const useTransaction = (id: bigint | undefined) => useQuery(transactionQueryOptions(useLedgerClient(), { ...useTransactionRegistry(), id }));

/** The exact EIP-712 data this wallet's identity signs for party `partyIndex` of transaction `id`. */
export const useSignTypedData = (id: bigint, partyIndex: number, account: Address | undefined) =>
  useQuery(signTypedDataQueryOptions(useLedgerClient(), { ...useTransactionRegistry(), id, partyIndex, account }));
