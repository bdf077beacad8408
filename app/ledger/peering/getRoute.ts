import type { Client, Hex } from 'viem';
import { peerTrustAbi } from '@abi/PeerTrust';
import { _readContract } from '../_readContract';
import type { PeerTrustParameters, Route } from './types';

export type GetRouteParameters = PeerTrustParameters & { readonly anchorHash: Hex };

/** The route status of an anchor learned from a peer ledger: active, withdrawn, stale, overridden or unknown, with its proof. */
export async function getRoute(client: Client, params: GetRouteParameters): Promise<Route> {
  return _readContract(client, { abi: peerTrustAbi, address: params.address, functionName: 'route', args: [params.anchorHash] });
}
