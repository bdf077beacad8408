import type { Hash, Hex } from 'viem';
import { peerTrustAbi } from '@abi/PeerTrust';
import { _writeContract, type LedgerWriteClient } from '../_writeContract';
import type { PeerTrustParameters, RouteEntry } from './types';

export type SyncRoutesParameters = PeerTrustParameters & {
  readonly ledgerId: Hex;
  /** The peer's block, already accepted by the light client, at which the export head is proven. */
  readonly blockNumber: bigint;
  /** `eth_getProof(peerTrustStore, [EXPORT_HEAD_SLOT], blockNumber)`: accountProof and storageProof[0].proof. */
  readonly accountProof: readonly Hex[];
  readonly storageProof: readonly Hex[];
  /** The entries after the last sync up to that head, in order (none: a keepalive). */
  readonly entries: readonly RouteEntry[];
};

/** Relays a peer's export hash chain: the contract proves the head, replays the entries and applies them. */
export async function syncRoutes(client: LedgerWriteClient, params: SyncRoutesParameters): Promise<{ readonly hash: Hash }> {
  const { hash } = await _writeContract(client, {
    abi: peerTrustAbi,
    address: params.address,
    functionName: 'sync',
    args: [params.ledgerId, params.blockNumber, params.accountProof, params.storageProof, params.entries],
  });
  return { hash };
}
