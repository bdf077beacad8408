import type { Hash } from 'viem';
import type { Hex } from 'viem';
import { _writeTrustStore, type WriteClient } from './_write';
import type { TrustStoreParameters } from './types';

export type ProposeReinstateAnchorParameters = TrustStoreParameters & { readonly anchorHash: Hex };
export type ProposeReinstateAnchorReturnType = { readonly hash: Hash; readonly proposalId: bigint };

/** Proposes to make a suspended trust anchor active again. */
export async function proposeReinstateAnchor(client: WriteClient, params: ProposeReinstateAnchorParameters): Promise<ProposeReinstateAnchorReturnType> {
  const { hash, result } = await _writeTrustStore(client, params.address, 'proposeReinstateAnchor', [params.anchorHash]);
  return { hash, proposalId: result };
}
