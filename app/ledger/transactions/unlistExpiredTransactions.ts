import type { Client, Hash } from 'viem';
import { transactionRegistryAbi } from '@abi/TransactionRegistry';
import { _readContract } from '../_readContract';
import { _sendContract, type LedgerWriteClient } from '../_writeContract';
import { countryToBytes2 } from '../countries';
import type { TransactionRegistryParameters } from './types';

export type GetExpiredOpenTransactionsParameters = TransactionRegistryParameters & {
  readonly country: string;
  /** Ids below this one (the previous call's `next`); none: the newest. */
  readonly belowId?: bigint;
  readonly limit: number;
};

/**
 * Expired transactions still on a country's open list (the contract's `expiredOpenOf`), newest first:
 * what `unlistExpiredTransactions` takes off. `next` continues (undefined: the end of the list).
 */
export async function getExpiredOpenTransactions(client: Client, params: GetExpiredOpenTransactionsParameters) {
  const [ids, next] = await _readContract(client, {
    abi: transactionRegistryAbi,
    address: params.address,
    functionName: 'expiredOpenOf',
    args: [countryToBytes2(params.country), params.belowId ?? 0n, BigInt(params.limit)],
  });
  return { ids, next: next === 0n ? undefined : next };
}

export type UnlistExpiredTransactionsParameters = TransactionRegistryParameters & { readonly ids: readonly bigint[] };

/**
 * Takes expired transactions off the open lists the inbox walks (any wallet may; statuses do not change).
 * The contract refuses the whole call if one id is not expired (`ledger.refused.NotExpired`).
 */
export async function unlistExpiredTransactions(client: LedgerWriteClient, params: UnlistExpiredTransactionsParameters): Promise<{ readonly hash: Hash }> {
  return _sendContract(client, { abi: transactionRegistryAbi, address: params.address, functionName: 'unlistExpired', args: [params.ids] });
}
