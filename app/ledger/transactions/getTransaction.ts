import { zeroAddress, type Client } from 'viem';
import { transactionRegistryAbi } from '@abi/TransactionRegistry';
import { _readContract } from '../_readContract';
import type { Transaction, TransactionRegistryParameters } from './types';

export type GetTransactionParameters = TransactionRegistryParameters & { readonly id: bigint };
/** The stored transaction, or undefined when no transaction has this id. */
export type GetTransactionReturnType = Transaction | undefined;

export async function getTransaction(client: Client, params: GetTransactionParameters): Promise<GetTransactionReturnType> {
  const transaction = await _readContract(client, { abi: transactionRegistryAbi, address: params.address, functionName: 'transaction', args: [params.id] });
  return transaction.creator === zeroAddress ? undefined : transaction;
}
