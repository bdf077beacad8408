import type { Client, Hex } from 'viem';
import { transactionRegistryAbi } from '@abi/TransactionRegistry';
import { _readContract } from '../_readContract';
import type { TransactionRegistryParameters } from './types';

export type GetIdentityNonceParameters = TransactionRegistryParameters & {
  /** SHA-256 of the signer key's DER SubjectPublicKeyInfo: nonces count per key. */
  readonly keyHash: Hex;
};
export type GetIdentityNonceReturnType = bigint;

/** The nonce the key's next signature covers: each signature uses one, so a signature cannot be replayed. */
export async function getIdentityNonce(client: Client, params: GetIdentityNonceParameters): Promise<GetIdentityNonceReturnType> {
  return _readContract(client, { abi: transactionRegistryAbi, address: params.address, functionName: 'nonceOf', args: [params.keyHash] });
}
