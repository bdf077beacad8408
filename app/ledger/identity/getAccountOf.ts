import { zeroAddress, type Address, type Client, type Hex } from 'viem';
import { identityRegistryAbi } from '@abi/IdentityRegistry';
import { _readContract } from '../_readContract';
import type { IdentityRegistryParameters } from './types';

export type GetAccountOfParameters = IdentityRegistryParameters & {
  /** SHA-256 of the key's DER SubjectPublicKeyInfo (one key is bound to one wallet at most). */
  readonly keyHash: Hex;
};
/** The wallet bound to the key, or undefined when none is. */
export type GetAccountOfReturnType = Address | undefined;

export async function getAccountOf(client: Client, params: GetAccountOfParameters): Promise<GetAccountOfReturnType> {
  const account = await _readContract(client, { abi: identityRegistryAbi, address: params.address, functionName: 'accountOf', args: [params.keyHash] });
  return account === zeroAddress ? undefined : account;
}
