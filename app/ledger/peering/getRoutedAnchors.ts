import type { Client, Hex } from 'viem';
import { getContractEvents } from 'viem/actions';
import { peerTrustAbi } from '@abi/PeerTrust';
import { getAnchorRoute, type AnchorRoute } from './getRoute';
import { toLedgerError } from '../errors';
import { getLogsSince } from '../logs';
import type { PeerTrustParameters } from './types';

export type GetRoutedAnchorsParameters = PeerTrustParameters & {
  /** The deployment block; earlier blocks hold nothing of the contract. */
  readonly fromBlock?: bigint;
  readonly maxRange?: bigint;
};

/** An anchor learned from a peer whose certificate was published here: what a path can be built to. */
export type RoutedAnchor = AnchorRoute & {
  /** SHA-256 of its tbsCertificate (the route's anchor hash). */
  readonly hash: Hex;
};

/**
 * The routed anchors whose certificate was published on this ledger (PeerTrust.publishAnchorCertificate),
 * whatever their route's status now: the registries verify paths only under those, so the page does too.
 */
export async function getRoutedAnchors(client: Client, params: GetRoutedAnchorsParameters): Promise<readonly RoutedAnchor[]> {
  let events;
  try {
    events = await getLogsSince(client, {
      fromBlock: params.fromBlock,
      maxRange: params.maxRange,
      read: (range) => getContractEvents(client, { abi: peerTrustAbi, address: params.address, eventName: 'AnchorCertificatePublished', ...range }),
    });
  } catch (error) {
    throw toLedgerError(error);
  }
  const hashes = [...new Set(events.flatMap((e) => (e.args.anchorHash ? [e.args.anchorHash.toLowerCase() as Hex] : [])))];
  return Promise.all(hashes.map(async (hash) => ({ hash, ...(await getAnchorRoute(client, { address: params.address, anchorHash: hash })) })));
}
