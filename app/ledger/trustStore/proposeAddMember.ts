import type { Hash } from 'viem';
import type { Address } from 'viem';
import { countryToBytes2 } from '../countries';
import { _writeTrustStore, type WriteClient } from './_write';
import type { TrustStoreParameters } from './types';

export type ProposeAddMemberParameters = TrustStoreParameters & { readonly account: Address; readonly country: string; readonly name: string };
export type ProposeAddMemberReturnType = { readonly hash: Hash; readonly proposalId: bigint };

/** Proposes a new member authority. */
export async function proposeAddMember(client: WriteClient, params: ProposeAddMemberParameters): Promise<ProposeAddMemberReturnType> {
  const { hash, result } = await _writeTrustStore(client, params.address, 'proposeAddMember', [params.account, countryToBytes2(params.country), params.name]);
  return { hash, proposalId: result };
}
