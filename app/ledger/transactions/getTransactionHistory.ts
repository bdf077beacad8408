import type { Client } from 'viem';
import { getContractEvents } from 'viem/actions';
import { transactionRegistryAbi } from '@abi/TransactionRegistry';
import { _byChainOrder } from '../_writeContract';
import { toLedgerError } from '../errors';
import type { TransactionRegistryParameters } from './types';

export type GetTransactionHistoryParameters = TransactionRegistryParameters & {
  /** Only the events of this transaction. */
  readonly id?: bigint;
  /** The deployment block; earlier blocks hold nothing of this contract. */
  readonly fromBlock?: bigint;
};

/**
 * The registry's events oldest first: TransactionCreated, TransactionSigned (each with the digest, the
 * nonce, the signed attributes and the signature, so anyone can re-check it), TransactionCompleted
 * and TransactionCancelled.
 */
export async function getTransactionHistory(client: Client, params: GetTransactionHistoryParameters) {
  try {
    const range = { abi: transactionRegistryAbi, address: params.address, fromBlock: params.fromBlock ?? 0n, toBlock: 'latest' } as const;
    if (params.id === undefined) return _byChainOrder(await getContractEvents(client, range));
    // Every event indexes the id: the node filters by topic, one request per event kind.
    const args = { id: params.id };
    const kinds = await Promise.all([
      getContractEvents(client, { ...range, eventName: 'TransactionCreated', args }),
      getContractEvents(client, { ...range, eventName: 'TransactionSigned', args }),
      getContractEvents(client, { ...range, eventName: 'TransactionCompleted', args }),
      getContractEvents(client, { ...range, eventName: 'TransactionCancelled', args }),
    ]);
    return _byChainOrder(kinds.flat());
  } catch (error) {
    throw toLedgerError(error);
  }
}

export type GetTransactionHistoryReturnType = Awaited<ReturnType<typeof getTransactionHistory>>;
