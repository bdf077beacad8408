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
    const events = await getContractEvents(client, {
      abi: transactionRegistryAbi,
      address: params.address,
      fromBlock: params.fromBlock ?? 0n,
      toBlock: 'latest',
    });
    // Every event indexes the id as its first topic; filtering here keeps one request for all four kinds.
    return _byChainOrder(params.id === undefined ? events : events.filter((e) => (e.args as { id?: bigint }).id === params.id));
  } catch (error) {
    throw toLedgerError(error);
  }
}

export type GetTransactionHistoryReturnType = Awaited<ReturnType<typeof getTransactionHistory>>;
