import type { Hash } from 'viem';
import type { Hex } from 'viem';
import { _writeTrustStore, type WriteClient } from './_write';
import type { TrustStoreParameters } from './types';

export type ProposeRetireAnchorParameters = TrustStoreParameters & { readonly anchorHash: Hex };
export type ProposeRetireAnchorReturnType = { readonly hash: Hash; readonly proposalId: bigint };

/** Proposes to retire a trust anchor for good. */
export async function proposeRetireAnchor(client: WriteClient, params: ProposeRetireAnchorParameters): Promise<ProposeRetireAnchorReturnType> {
  const { hash, result } = await _writeTrustStore(client, params.address, 'proposeRetireAnchor', [params.anchorHash]);
  return { hash, proposalId: result };
}
