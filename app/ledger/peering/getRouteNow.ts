import type { Client, Hex } from 'viem';
import { getBlock } from 'viem/actions';
import { peerTrustAbi } from '@abi/PeerTrust';
import { _readContract } from '../_readContract';
import { toLedgerError } from '../errors';
import type { PeerTrustParameters, Route } from './types';

export type GetRouteNowParameters = PeerTrustParameters & { readonly anchorHash: Hex };

/** A route as the ledger decides it at one block: its status there, and that block's number and time. */
export type RouteNow = Route & {
  readonly blockNumber: bigint;
  /** The block's time (Unix seconds): the "now" of the contract's hold-timer comparison. */
  readonly blockTime: bigint;
};

/**
 * An anchor's route read at the latest block, with that block's time: the page words the route's age
 * and its hold timer against the same time the contract compared them with, never the browser's clock.
 */
export async function getRouteNow(client: Client, params: GetRouteNowParameters): Promise<RouteNow> {
  let block;
  try {
    block = await getBlock(client, { blockTag: 'latest' });
  } catch (error) {
    throw toLedgerError(error);
  }
  const route = await _readContract(client, {
    abi: peerTrustAbi,
    address: params.address,
    functionName: 'route',
    args: [params.anchorHash],
    blockNumber: block.number,
  });
  return { ...route, blockNumber: block.number, blockTime: block.timestamp };
}
