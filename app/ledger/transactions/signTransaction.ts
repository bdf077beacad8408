import type { Hash } from 'viem';
import { transactionRegistryAbi } from '@abi/TransactionRegistry';
import { _sendContract, type LedgerWriteClient } from '../_writeContract';
import type { PkiSignature } from '../pkiSignature';
import type { TransactionRegistryParameters } from './types';

/** The caller's {@link PkiSignature} over the digest of {@link signTypedDataOf}, its certificate the one bound to the caller. */
export type SignTransactionParameters = TransactionRegistryParameters & PkiSignature & {
  readonly id: bigint;
  /** The party the caller signs for (its country must be the caller identity's). */
  readonly partyIndex: number;
};

export type SignTransactionReturnType = { readonly hash: Hash };

/** Submits the caller's national-PKI signature for one party; the contract verifies it with the bound key. */
export async function signTransaction(client: LedgerWriteClient, params: SignTransactionParameters): Promise<SignTransactionReturnType> {
  return _sendContract(client, { abi: transactionRegistryAbi, address: params.address, functionName: 'sign', args: [
    params.id,
    BigInt(params.partyIndex),
    params.signedAttributes,
    params.signature,
  ] });
}
