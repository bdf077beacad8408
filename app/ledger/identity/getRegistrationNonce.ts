import type { Address, Client } from 'viem';
import { readContract } from 'viem/actions';
import { identityRegistryAbi } from '@abi/IdentityRegistry';
import { toLedgerError } from '../errors';
import type { IdentityRegistryParameters } from './types';

export type GetRegistrationNonceParameters = IdentityRegistryParameters & {
  /** The wallet that will call `register`. */
  readonly account: Address;
};
export type GetRegistrationNonceReturnType = bigint;

/** The wallet's registration counter: the `nonce` its next proof of possession signs. */
export async function getRegistrationNonce(client: Client, params: GetRegistrationNonceParameters): Promise<GetRegistrationNonceReturnType> {
  try {
    return await readContract(client, {
      abi: identityRegistryAbi,
      address: params.address,
      functionName: 'registrationNonceOf',
      args: [params.account],
    });
  } catch (error) {
    throw toLedgerError(error);
  }
}
