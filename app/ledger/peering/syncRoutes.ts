import type { Hash } from 'viem';
import { peerTrustAbi } from '@abi/PeerTrust';
import { _sendContract, type LedgerWriteClient } from '../_writeContract';
import { _deliveryArgs } from './_deliveryArgs';
import type { PeerTrustParameters, RouteDelivery } from './types';

export type SyncRoutesParameters = PeerTrustParameters &
  RouteDelivery & {
    /** The peer's block, already accepted by the light client, at which the export head is proven. */
    readonly blockNumber: bigint;
  };

/** Relays a peer's export hash chain: the contract proves the head, replays the entries and applies them. */
export async function syncRoutes(client: LedgerWriteClient, params: SyncRoutesParameters): Promise<{ readonly hash: Hash }> {
  return _sendContract(client, { abi: peerTrustAbi, address: params.address, functionName: 'sync', args: _deliveryArgs(params, params.blockNumber) });
}
