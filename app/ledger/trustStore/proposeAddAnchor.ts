import type { Hash } from 'viem';
import type { Hex } from 'viem';
import { countryToBytes2 } from '../countries';
import { _writeTrustStore, type WriteClient } from './_write';
import type { TrustStoreParameters } from './types';

export type ProposeAddAnchorParameters = TrustStoreParameters & { readonly der: Hex; readonly country: string; readonly exceptions?: number };
export type ProposeAddAnchorReturnType = { readonly hash: Hash; readonly proposalId: bigint };

/** Proposes a root certificate (DER) as a trust anchor of the proposer's country; the proposer's vote counts. */
export async function proposeAddAnchor(client: WriteClient, params: ProposeAddAnchorParameters): Promise<ProposeAddAnchorReturnType> {
  const { hash, result } = await _writeTrustStore(client, params.address, 'proposeAddAnchor', [params.der, countryToBytes2(params.country), params.exceptions ?? 0]);
  return { hash, proposalId: result as bigint };
}
