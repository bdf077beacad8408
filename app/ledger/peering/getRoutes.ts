import type { Client, Hex } from 'viem';
import { getRoute } from './getRoute';
import type { PeerTrustParameters, Route } from './types';

export type GetRoutesParameters = PeerTrustParameters & { readonly anchorHashes: readonly Hex[] };

/** The routes of several anchors, in the order asked. */
export async function getRoutes(client: Client, params: GetRoutesParameters): Promise<readonly Route[]> {
  return Promise.all(params.anchorHashes.map((anchorHash) => getRoute(client, { address: params.address, anchorHash })));
}
