import type { Hash } from 'viem';
import { _writeTrustStore, type WriteClient } from '../trustStore/_write';
import type { TrustStoreParameters } from '../trustStore/types';
import type { Agreement } from './types';

export type ProposePeeringParameters = TrustStoreParameters & { readonly agreement: Agreement };
export type ProposePeeringReturnType = { readonly hash: Hash; readonly proposalId: bigint };

/** Proposes a peering agreement with another ledger to the Trust Store's governance; the proposer's vote counts. */
export async function proposePeering(client: WriteClient, params: ProposePeeringParameters): Promise<ProposePeeringReturnType> {
  const { hash, result } = await _writeTrustStore(client, params.address, 'proposeAddPeering', [params.agreement]);
  return { hash, proposalId: result };
}
