import type { Hash, Hex } from 'viem';
import { ledgerLightClientAbi } from '@abi/LedgerLightClient';
import { peerTrustAbi } from '@abi/PeerTrust';
import { _sendContract, type LedgerWriteClient } from '../_writeContract';
import { _deliveryArgs } from './_deliveryArgs';
import type { PeerTrustParameters, RouteDelivery } from './types';

export type SyncRoutesWithHeaderParameters = PeerTrustParameters &
  RouteDelivery & {
    /** The peer's new block header (RLP), sealed by its validators, not yet accepted by the light client. */
    readonly headerRlp: Hex;
  };

/**
 * Relays a peer's new header and export hash chain in one transaction: the light client accepts the
 * header and proves the export head against its state root, and PeerTrust replays and applies the
 * entries. For a header the light client already accepted, use {@link syncRoutes}.
 */
// The light client's refusals (e.g. LedgerLightClient__NotNewer) revert through PeerTrust: name them too.
type LightClientError = Extract<(typeof ledgerLightClientAbi)[number], { readonly type: 'error' }>;
const syncWithHeaderAbi = [...peerTrustAbi, ...ledgerLightClientAbi.filter((item): item is LightClientError => item.type === 'error')];

export async function syncRoutesWithHeader(client: LedgerWriteClient, params: SyncRoutesWithHeaderParameters): Promise<{ readonly hash: Hash }> {
  return _sendContract(client, { abi: syncWithHeaderAbi, address: params.address, functionName: 'syncWithHeader', args: _deliveryArgs(params, params.headerRlp) });
}
