import { zeroAddress, type Hash, type Hex } from 'viem';
import { transactionRegistryAbi } from '@abi/TransactionRegistry';
import { _writeContract, type LedgerWriteClient } from '../_writeContract';
import { countryToBytes2 } from '../countries';
import { termsToOnChain, type Party, type Terms, type TransactionRegistryParameters } from './types';

export type CreateTransactionParameters = TransactionRegistryParameters & {
  /** The parties whose signatures complete the transaction (1 to 16). */
  readonly parties: readonly Party[];
  /** SHA-256 of the document the parties sign for. */
  readonly payloadHash: Hex;
  readonly terms: Terms;
  /** Unix seconds after which the transaction can no longer be signed. */
  readonly deadline: bigint;
};

export type CreateTransactionReturnType = { readonly hash: Hash; readonly id: bigint };

/** Proposes a transaction; `id` is the one the simulation returned (ids count from 1). */
export async function createTransaction(client: LedgerWriteClient, params: CreateTransactionParameters): Promise<CreateTransactionReturnType> {
  const parties = params.parties.map((p) => ({ country: countryToBytes2(p.country), account: p.account ?? zeroAddress }));
  const { hash, result } = await _writeContract(client, { abi: transactionRegistryAbi, address: params.address, functionName: 'create', args: [
    parties,
    params.payloadHash,
    termsToOnChain(params.terms),
    params.deadline,
  ] });
  return { hash, id: result };
}
