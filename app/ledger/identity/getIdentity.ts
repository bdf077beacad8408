import type { Address, Client } from 'viem';
import { readContract } from 'viem/actions';
import { identityRegistryAbi } from '@abi/IdentityRegistry';
import { toLedgerError } from '../errors';
import type { Identity, IdentityRegistryParameters } from './types';

export type GetIdentityParameters = IdentityRegistryParameters & { readonly account: Address };
/** The bound identity, or null when the account has none (a query's data is never undefined). */
export type GetIdentityReturnType = Identity | null;

const ZERO_HASH = `0x${'0'.repeat(64)}`;

/**
 * The identity a wallet is bound to: certificate (tbsCertificate hash), key hash, DER hash, key,
 * country, the path's validity window and its tbsCertificate hashes.
 */
export async function getIdentity(client: Client, params: GetIdentityParameters): Promise<GetIdentityReturnType> {
  try {
    const identity = await readContract(client, {
      abi: identityRegistryAbi,
      address: params.address,
      functionName: 'identityOf',
      args: [params.account],
    });
    return identity.certificateHash === ZERO_HASH ? null : identity;
  } catch (error) {
    throw toLedgerError(error);
  }
}
