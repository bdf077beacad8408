import type { Hash } from 'viem';
import { transactionRegistryAbi } from '@abi/TransactionRegistry';
import { _sendContract, type LedgerWriteClient } from '../_writeContract';
import type { TransactionRegistryParameters } from './types';

export type CancelTransactionParameters = TransactionRegistryParameters & { readonly id: bigint };
export type CancelTransactionReturnType = { readonly hash: Hash };

/** The creator cancels a transaction that no other party has signed yet. */
export async function cancelTransaction(client: LedgerWriteClient, params: CancelTransactionParameters): Promise<CancelTransactionReturnType> {
  return _sendContract(client, { abi: transactionRegistryAbi, address: params.address, functionName: 'cancel', args: [params.id] });
}
