import type { Client, Hex } from 'viem';
import { peerTrustAbi } from '@abi/PeerTrust';
import { _readContract } from '../_readContract';
import type { PeerTrustParameters, Route } from './types';

export type GetRouteParameters = PeerTrustParameters & { readonly anchorHash: Hex };

/** The route status of an anchor learned from a peer ledger: active, withdrawn, stale, overridden or unknown, with its proof. */
export async function getRoute(client: Client, params: GetRouteParameters): Promise<Route> {
  return _readContract(client, { abi: peerTrustAbi, address: params.address, functionName: 'route', args: [params.anchorHash] });
}

/** An anchor learned from a peer, as this ledger holds it now. */
export type AnchorRoute = {
  /** The anchor's certificate, when someone published it here ('0x' otherwise). */
  readonly der: Hex;
  /** The route as the contract decides it now (status, last proven block, hold timer). */
  readonly route: Route;
};

/** An anchor's published certificate and its route, read together. */
export async function getAnchorRoute(client: Client, params: GetRouteParameters): Promise<AnchorRoute> {
  const [der, route] = await Promise.all([
    _readContract(client, { abi: peerTrustAbi, address: params.address, functionName: 'anchorCertificate', args: [params.anchorHash] }),
    getRoute(client, params),
  ]);
  return { der, route };
}
