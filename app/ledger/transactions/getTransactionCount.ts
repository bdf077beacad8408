import type { Client } from 'viem';
import { readContract } from 'viem/actions';
import { transactionRegistryAbi } from '@abi/TransactionRegistry';
import { toLedgerError } from '../errors';
import type { TransactionRegistryParameters } from './types';

export type GetTransactionCountParameters = TransactionRegistryParameters;
/** How many transactions were created; ids run from 1 to this number. */
export type GetTransactionCountReturnType = bigint;

export async function getTransactionCount(client: Client, params: GetTransactionCountParameters): Promise<GetTransactionCountReturnType> {
  try {
    return await readContract(client, { abi: transactionRegistryAbi, address: params.address, functionName: 'transactionCount' });
  } catch (error) {
    throw toLedgerError(error);
  }
}
