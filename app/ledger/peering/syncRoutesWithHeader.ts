import type { Hash, Hex } from 'viem';
import { ledgerLightClientAbi } from '@abi/LedgerLightClient';
import { peerTrustAbi } from '@abi/PeerTrust';
import { _writeContract, type LedgerWriteClient } from '../_writeContract';
import type { PeerTrustParameters, RouteEntry } from './types';

export type SyncRoutesWithHeaderParameters = PeerTrustParameters & {
  readonly ledgerId: Hex;
  /** The peer's new block header (RLP), sealed by its validators, not yet accepted by the light client. */
  readonly headerRlp: Hex;
  /** `eth_getProof(peerTrustStore, [EXPORT_HEAD_SLOT], that block)`: accountProof and storageProof[0].proof. */
  readonly accountProof: readonly Hex[];
  readonly storageProof: readonly Hex[];
  /** The entries after the last sync up to that block's head, in order (none: a keepalive). */
  readonly entries: readonly RouteEntry[];
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
  const { hash } = await _writeContract(client, {
    abi: syncWithHeaderAbi,
    address: params.address,
    functionName: 'syncWithHeader',
    args: [params.ledgerId, params.headerRlp, params.accountProof, params.storageProof, params.entries],
  });
  return { hash };
}
