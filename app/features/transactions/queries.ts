import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { useLedgerClient, useNetwork } from '@/config';
import { partyTransactionsQueryOptions, signTypedDataQueryOptions, transactionQueryOptions, type TransactionRegistryQueryParameters } from '@/ledger';

/** The configured TransactionRegistry (if the network has one), as the ledger's query options want it. */
export function useTransactionRegistry(): TransactionRegistryQueryParameters {
  const network = useNetwork();
  return { chainId: network.chainId, address: network.contracts.transactionRegistry };
}

/** Transactions with a party this wallet (of `country`) may sign, with the party it would sign now. */
export function usePartyTransactions(country: string | undefined, account: Address | undefined) {
  const network = useNetwork();
  return useQuery(partyTransactionsQueryOptions(useLedgerClient(), { ...useTransactionRegistry(), country, account, fromBlock: network.fromBlock }));
}

export const useTransaction = (id: bigint | undefined) => useQuery(transactionQueryOptions(useLedgerClient(), { ...useTransactionRegistry(), id }));

/** The exact EIP-712 data this wallet's identity signs for party `partyIndex` of transaction `id`. */
export const useSignTypedData = (id: bigint, partyIndex: number, account: Address | undefined) =>
  useQuery(signTypedDataQueryOptions(useLedgerClient(), { ...useTransactionRegistry(), id, partyIndex, account }));
