import type { Client, Hex } from 'viem';
import { peerTrustAbi } from '@abi/PeerTrust';
import { _readContract } from '../_readContract';
import type { PeerTrustParameters, RouteStatus } from './types';

export type CheckRoutedPathParameters = PeerTrustParameters & {
  /** tbsCertificate hashes, leaf first, the routed anchor last. */
  readonly certificateHashes: readonly Hex[];
  /** The time a revocation recorded by the peer is compared with (Unix seconds). */
  readonly atTime: bigint;
  /** The block to decide at (default: latest): the route's status is the one of that block's time. */
  readonly blockNumber?: bigint;
};

export type CheckRoutedPathReturnType = {
  readonly status: RouteStatus;
  /** A certificate of the path was revoked by the peer's authority; `index` is its position. */
  readonly revoked: boolean;
  readonly index: number;
};

/** PeerTrust.checkRoutedPath: what the registries ask when the local Trust Store does not know the anchor. */
export async function checkRoutedPath(client: Client, params: CheckRoutedPathParameters): Promise<CheckRoutedPathReturnType> {
  const [status, revoked, index] = await _readContract(client, {
    abi: peerTrustAbi,
    address: params.address,
    functionName: 'checkRoutedPath',
    args: [params.certificateHashes, params.atTime],
    ...(params.blockNumber === undefined ? {} : { blockNumber: params.blockNumber }),
  });
  return { status: status as RouteStatus, revoked, index: Number(index) };
}
