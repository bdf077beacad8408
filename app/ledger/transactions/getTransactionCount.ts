import type { Client } from 'viem';
import { transactionRegistryAbi } from '@abi/TransactionRegistry';
import { _readContract } from '../_readContract';
import type { TransactionRegistryParameters } from './types';

export type GetTransactionCountParameters = TransactionRegistryParameters;
/** How many transactions were created; ids run from 1 to this number. */
export type GetTransactionCountReturnType = bigint;

export async function getTransactionCount(client: Client, params: GetTransactionCountParameters): Promise<GetTransactionCountReturnType> {
  return _readContract(client, { abi: transactionRegistryAbi, address: params.address, functionName: 'transactionCount' });
}
