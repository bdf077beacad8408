import type { Hash } from 'viem';
import type { Address } from 'viem';
import { _writeTrustStore, type WriteClient } from './_write';
import type { TrustStoreParameters } from './types';

export type ProposeRemoveMemberParameters = TrustStoreParameters & { readonly account: Address };
export type ProposeRemoveMemberReturnType = { readonly hash: Hash; readonly proposalId: bigint };

/** Proposes to remove a member authority. */
export async function proposeRemoveMember(client: WriteClient, params: ProposeRemoveMemberParameters): Promise<ProposeRemoveMemberReturnType> {
  const { hash, result } = await _writeTrustStore(client, params.address, 'proposeRemoveMember', [params.account]);
  return { hash, proposalId: result };
}
