import type { Client, Hex } from 'viem';
import { getContractEvents } from 'viem/actions';
import { peerTrustAbi } from '@abi/PeerTrust';
import { _byChainOrder } from '../_writeContract';
import { getAnchorRoute, type AnchorRoute } from './getRoute';
import { bytes2ToCountry } from '../countries';
import { toLedgerError } from '../errors';
import { getLogsSince } from '../logs';
import type { PeerTrustParameters } from './types';

export type GetReceivedRoutesParameters = PeerTrustParameters & {
  /** The peer ledger, as the agreement names it. */
  readonly ledgerId: Hex;
  readonly fromBlock?: bigint;
  readonly maxRange?: bigint;
};

/** The last thing a peer said of one of its anchors, as relayed here, and what the route counts for now. */
export type ReceivedRoute = AnchorRoute & {
  readonly anchorHash: Hex;
  /** ISO 3166-1 alpha-2 (e.g. "CN"). */
  readonly country: string;
  readonly kind: 'announced' | 'withdrawn';
  /** The entry's sequence number in the peer's export chain. */
  readonly seq: bigint;
  /** This ledger's block that applied it. */
  readonly blockNumber: bigint;
};

/** The routes a peer announced or withdrew here, one per anchor (the latest), in the peer's order. */
export async function getReceivedRoutes(client: Client, params: GetReceivedRoutesParameters): Promise<readonly ReceivedRoute[]> {
  let events;
  try {
    const [announced, withdrawn] = await Promise.all(
      (['RouteAnnounced', 'RouteWithdrawn'] as const).map((eventName) =>
        getLogsSince(client, {
          fromBlock: params.fromBlock,
          maxRange: params.maxRange,
          read: (range) => getContractEvents(client, { abi: peerTrustAbi, address: params.address, eventName, args: { ledgerId: params.ledgerId }, ...range }),
        }),
      ),
    );
    events = _byChainOrder([...announced!, ...withdrawn!]);
  } catch (error) {
    throw toLedgerError(error);
  }
  // Chain order, not seq: an agreement voted again starts its peer's chain over at seq 1.
  const latest = new Map<string, (typeof events)[number]>();
  for (const event of events) if (event.args.anchorHash) latest.set(event.args.anchorHash.toLowerCase(), event);
  const routes = await Promise.all(
    [...latest.values()].map(async (event): Promise<ReceivedRoute> => {
      const anchorHash = event.args.anchorHash!;
      return {
        ...(await getAnchorRoute(client, { address: params.address, anchorHash })),
        anchorHash,
        country: bytes2ToCountry(event.args.country!),
        kind: event.eventName === 'RouteAnnounced' ? 'announced' : 'withdrawn',
        seq: event.args.seq!,
        blockNumber: event.blockNumber,
      };
    }),
  );
  return routes.sort((a, b) => Number(a.blockNumber - b.blockNumber) || Number(a.seq - b.seq));
}
