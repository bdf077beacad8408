import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { useLedgerClient, useNetwork } from '@/config';
import { getPartySignature, getPartyTransactions, getSignTypedData, getTransaction } from '@/ledger';
import { trustStoreKey } from '@/features/trust-store';

/** Transaction reads live under the Trust Store's key, so they refresh with it on every new block. */
export function useLedgerKey() {
  const network = useNetwork();
  return trustStoreKey(network.chainId, network.contracts.trustStore);
}

/** Transactions with a party this wallet (of `country`) may sign, with whether each such party is signed. */
export function usePartyTransactions(country: string | undefined, account: Address | undefined) {
  const network = useNetwork();
  const client = useLedgerClient();
  const registry = network.contracts.transactionRegistry;
  return useQuery({
    queryKey: [...useLedgerKey(), 'partyTransactions', registry, country, account],
    enabled: registry !== undefined && country !== undefined && account !== undefined,
    queryFn: async () => {
      const found = await getPartyTransactions(client, { address: registry!, country: country!, account: account!, fromBlock: network.fromBlock });
      return Promise.all(
        found.map(async (transaction) => {
          const signatures = await Promise.all(transaction.partyIndexes.map((partyIndex) => getPartySignature(client, { address: registry!, id: transaction.id, partyIndex })));
          const unsignedIndex = transaction.partyIndexes.find((_, i) => signatures[i] === undefined);
          const signedByMe = signatures.some((s) => s?.account.toLowerCase() === account!.toLowerCase());
          return { ...transaction, unsignedIndex, signedByMe };
        }),
      );
    },
  });
}

export function useTransaction(id: bigint | undefined) {
  const network = useNetwork();
  const client = useLedgerClient();
  const registry = network.contracts.transactionRegistry;
  return useQuery({
    queryKey: [...useLedgerKey(), 'transaction', registry, id?.toString()],
    enabled: registry !== undefined && id !== undefined,
    queryFn: () => getTransaction(client, { address: registry!, id: id! }),
  });
}

/** The exact EIP-712 data this wallet's identity signs for transaction `id`. */
export function useSignTypedData(id: bigint, account: Address | undefined) {
  const network = useNetwork();
  const client = useLedgerClient();
  const registry = network.contracts.transactionRegistry;
  return useQuery({
    queryKey: ['signTypedData', network.chainId, registry, id.toString(), account],
    enabled: registry !== undefined && account !== undefined,
    queryFn: () => getSignTypedData(client, { address: registry!, id, account: account! }),
  });
}
