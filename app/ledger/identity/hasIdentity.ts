import type { Address, Client } from 'viem';
import { identityRegistryAbi } from '@abi/IdentityRegistry';
import { _readContract } from '../_readContract';
import type { IdentityRegistryParameters } from './types';

export type HasIdentityParameters = IdentityRegistryParameters & { readonly account: Address };
export type HasIdentityReturnType = boolean;

export async function hasIdentity(client: Client, params: HasIdentityParameters): Promise<HasIdentityReturnType> {
  return _readContract(client, { abi: identityRegistryAbi, address: params.address, functionName: 'hasIdentity', args: [params.account] });
}
