import { zeroAddress, type Client } from 'viem';
import { readContract } from 'viem/actions';
import { transactionRegistryAbi } from '@abi/TransactionRegistry';
import { toLedgerError } from '../errors';
import type { Transaction, TransactionRegistryParameters } from './types';

export type GetTransactionParameters = TransactionRegistryParameters & { readonly id: bigint };
/** The stored transaction, or undefined when no transaction has this id. */
export type GetTransactionReturnType = Transaction | undefined;

export async function getTransaction(client: Client, params: GetTransactionParameters): Promise<GetTransactionReturnType> {
  try {
    const transaction = await readContract(client, {
      abi: transactionRegistryAbi,
      address: params.address,
      functionName: 'transaction',
      args: [params.id],
    });
    return transaction.creator === zeroAddress ? undefined : transaction;
  } catch (error) {
    throw toLedgerError(error);
  }
}
