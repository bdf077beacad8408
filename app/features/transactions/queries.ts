import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { useLedgerClient, useNetwork } from '@/config';
import { findSigningParty, getPartyTransactions, getSignTypedData, getTransaction } from '@/ledger';
import { trustStoreKey } from '@/features/trust-store';

/** Transaction reads live under the Trust Store's key, so they refresh with it on every new block. */
export function useLedgerKey() {
  const network = useNetwork();
  return trustStoreKey(network.chainId, network.contracts.trustStore);
}

/** Transactions with a party this wallet (of `country`) may sign, with the party it would sign now. */
export function usePartyTransactions(country: string | undefined, account: Address | undefined) {
  const network = useNetwork();
  const client = useLedgerClient();
  const registry = network.contracts.transactionRegistry;
  return useQuery({
    queryKey: [...useLedgerKey(), 'partyTransactions', registry, country, account],
    enabled: registry !== undefined && country !== undefined && account !== undefined,
    queryFn: async () => {
      const found = await getPartyTransactions(client, { address: registry!, country: country!, account: account!, fromBlock: network.fromBlock });
      // Which party this wallet would sign, by the contract's own rules (undefined: nothing to sign).
      return Promise.all(
        found.map(async (transaction) => ({
          ...transaction,
          signingParty: await findSigningParty(client, { address: registry!, id: transaction.id, account: account! }),
        })),
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

/** The exact EIP-712 data this wallet's identity signs for party `partyIndex` of transaction `id`. */
export function useSignTypedData(id: bigint, partyIndex: number, account: Address | undefined) {
  const network = useNetwork();
  const client = useLedgerClient();
  const registry = network.contracts.transactionRegistry;
  return useQuery({
    queryKey: ['signTypedData', network.chainId, registry, id.toString(), partyIndex, account],
    enabled: registry !== undefined && account !== undefined,
    queryFn: () => getSignTypedData(client, { address: registry!, id, partyIndex: BigInt(partyIndex), account: account! }),
  });
}
