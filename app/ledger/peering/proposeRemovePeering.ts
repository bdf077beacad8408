import type { Hash, Hex } from 'viem';
import { _writeTrustStore, type WriteClient } from '../trustStore/_write';
import type { TrustStoreParameters } from '../trustStore/types';

export type ProposeRemovePeeringParameters = TrustStoreParameters & { readonly ledgerId: Hex };
export type ProposeRemovePeeringReturnType = { readonly hash: Hash; readonly proposalId: bigint };

/** Proposes to end the peering agreement with a ledger: its routes stop counting once executed. */
export async function proposeRemovePeering(client: WriteClient, params: ProposeRemovePeeringParameters): Promise<ProposeRemovePeeringReturnType> {
  const { hash, result } = await _writeTrustStore(client, params.address, 'proposeRemovePeering', [params.ledgerId]);
  return { hash, proposalId: result };
}
