import type { Address, Client } from 'viem';
import { readContract } from 'viem/actions';
import { identityRegistryAbi } from '@abi/IdentityRegistry';
import { toLedgerError } from '../errors';
import type { IdentityRegistryParameters } from './types';

export type HasIdentityParameters = IdentityRegistryParameters & { readonly account: Address };
export type HasIdentityReturnType = boolean;

export async function hasIdentity(client: Client, params: HasIdentityParameters): Promise<HasIdentityReturnType> {
  try {
    return await readContract(client, { abi: identityRegistryAbi, address: params.address, functionName: 'hasIdentity', args: [params.account] });
  } catch (error) {
    throw toLedgerError(error);
  }
}
