import type { Client } from 'viem';
import { transactionRegistryAbi } from '@abi/TransactionRegistry';
import { _readContract } from '../_readContract';
import type { TransactionRegistryParameters, TransactionStatus } from './types';

export type GetTransactionStatusParameters = TransactionRegistryParameters & { readonly id: bigint };
export type GetTransactionStatusReturnType = TransactionStatus;

/** The status now (Expired is derived from the block time); an unknown id is TransactionRegistry__UnknownTransaction. */
export async function getTransactionStatus(client: Client, params: GetTransactionStatusParameters): Promise<GetTransactionStatusReturnType> {
  const status = await _readContract(client, { abi: transactionRegistryAbi, address: params.address, functionName: 'statusOf', args: [params.id] });
  return status as TransactionStatus;
}
