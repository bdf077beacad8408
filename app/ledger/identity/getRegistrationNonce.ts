import type { Address, Client } from 'viem';
import { identityRegistryAbi } from '@abi/IdentityRegistry';
import { _readContract } from '../_readContract';
import type { IdentityRegistryParameters } from './types';

export type GetRegistrationNonceParameters = IdentityRegistryParameters & {
  /** The wallet that will call `register`. */
  readonly account: Address;
};
export type GetRegistrationNonceReturnType = bigint;

/** The wallet's registration counter: the `nonce` its next proof of possession signs. */
export async function getRegistrationNonce(client: Client, params: GetRegistrationNonceParameters): Promise<GetRegistrationNonceReturnType> {
  return _readContract(client, { abi: identityRegistryAbi, address: params.address, functionName: 'registrationNonceOf', args: [params.account] });
}
