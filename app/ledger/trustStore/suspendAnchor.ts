import type { Hash } from 'viem';
import type { Hex } from 'viem';
import { _writeTrustStore, type WriteClient } from './_write';
import type { TrustStoreParameters } from './types';

export type SuspendAnchorParameters = TrustStoreParameters & { readonly anchorHash: Hex; readonly reason: string };
export type SuspendAnchorReturnType = { readonly hash: Hash };

/** Emergency: suspends an anchor of the member's own country at once. */
export async function suspendAnchor(client: WriteClient, params: SuspendAnchorParameters): Promise<SuspendAnchorReturnType> {
  const { hash } = await _writeTrustStore(client, params.address, 'suspendAnchor', [params.anchorHash, params.reason]);
  return { hash };
}
