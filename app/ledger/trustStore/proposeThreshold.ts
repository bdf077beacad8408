import type { Hash } from 'viem';

import { _writeTrustStore, type WriteClient } from './_write';
import type { TrustStoreParameters } from './types';

export type ProposeThresholdParameters = TrustStoreParameters & { readonly threshold: number };
export type ProposeThresholdReturnType = { readonly hash: Hash; readonly proposalId: bigint };

/** Proposes a new approval threshold (0 = strict majority of active members). */
export async function proposeThreshold(client: WriteClient, params: ProposeThresholdParameters): Promise<ProposeThresholdReturnType> {
  const { hash, result } = await _writeTrustStore(client, params.address, 'proposeThreshold', [params.threshold]);
  return { hash, proposalId: result };
}
