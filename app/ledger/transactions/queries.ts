import type { Address, Client } from 'viem';
import { contractKeys, type LedgerQueryOptions } from '../queryKeys';
import { findSigningParty } from './findSigningParty';
import { getPartyTransactions } from './getPartyTransactions';
import { getSignTypedData } from './getSignTypedData';
import { getTransaction } from './getTransaction';

/** Which TransactionRegistry, on which ledger (none on a network without one). */
export type TransactionRegistryQueryParameters = { readonly chainId: number; readonly address: Address | undefined };

/** Every read of one TransactionRegistry lives under this key. */
export const transactionRegistryKeys = (chainId: number, address: Address | undefined) => contractKeys(chainId, 'transactionRegistry', address);

/** Transactions with a party this wallet (of `country`) may sign, each with the party it would sign now. */
export function partyTransactionsQueryOptions(
  client: Client,
  params: TransactionRegistryQueryParameters & { readonly country: string | undefined; readonly account: Address | undefined; readonly fromBlock?: bigint },
) {
  const { address, country, account } = params;
  return {
    queryKey: [...transactionRegistryKeys(params.chainId, address), 'partyTransactions', country, account],
    enabled: address !== undefined && country !== undefined && account !== undefined,
    queryFn: async () => {
      const found = await getPartyTransactions(client, { address: address!, country: country!, account: account!, fromBlock: params.fromBlock });
      // Which party this wallet would sign, by the contract's own rules (undefined: nothing to sign).
      return Promise.all(
        found.map(async (transaction) => ({
          ...transaction,
          signingParty: await findSigningParty(client, { address: address!, id: transaction.id, account: account! }),
        })),
      );
    },
  } satisfies LedgerQueryOptions<readonly unknown[], unknown>;
}

export function transactionQueryOptions(client: Client, params: TransactionRegistryQueryParameters & { readonly id: bigint | undefined }) {
  const { address, id } = params;
  return {
    queryKey: [...transactionRegistryKeys(params.chainId, address), 'transaction', id?.toString()],
    enabled: address !== undefined && id !== undefined,
    queryFn: () => getTransaction(client, { address: address!, id: id! }),
  } satisfies LedgerQueryOptions<readonly unknown[], unknown>;
}

/** The exact EIP-712 data this wallet's identity signs for party `partyIndex` of transaction `id`. */
export function signTypedDataQueryOptions(
  client: Client,
  params: TransactionRegistryQueryParameters & { readonly id: bigint; readonly partyIndex: number; readonly account: Address | undefined },
) {
  const { address, id, partyIndex, account } = params;
  return {
    queryKey: [...transactionRegistryKeys(params.chainId, address), 'signTypedData', id.toString(), partyIndex, account],
    enabled: address !== undefined && account !== undefined,
    queryFn: () => getSignTypedData(client, { address: address!, id, partyIndex, account: account! }),
  } satisfies LedgerQueryOptions<readonly unknown[], unknown>;
}
