import { keccak256, encodeAbiParameters, type Address, type ContractFunctionArgs, type ContractFunctionReturnType, type Hex } from 'viem';
import { IPeerTrust, ITrustStore } from '@abi/enums';
import type { peerTrustAbi } from '@abi/PeerTrust';

type PeerTrustAbi = typeof peerTrustAbi;

/** A stored peering agreement and the state of its sync (IPeerTrust.Peer). */
export type Peer = ContractFunctionReturnType<PeerTrustAbi, 'view', 'peer'>;
/** What the ledger knows of an anchor learned from a peer (IPeerTrust.Route). */
export type Route = ContractFunctionReturnType<PeerTrustAbi, 'view', 'route'>;
/** A peering agreement as proposed to the Trust Store's governance (IPeerTrust.Agreement). */
export type Agreement = ContractFunctionArgs<PeerTrustAbi, 'view', 'validatePeering'>[0];
/** One entry of a Trust Store's export hash chain (ITrustStore.RouteEntry), as `sync` takes it. */
export type RouteEntry = ContractFunctionArgs<PeerTrustAbi, 'nonpayable', 'sync'>[4][number];

/** IPeerTrust.RouteStatus (generated from the contract). */
export const RouteStatus = IPeerTrust.RouteStatus;
export type RouteStatus = (typeof RouteStatus)[keyof typeof RouteStatus];

/** IPeerTrust.Refusal: why a sync refused an entry (generated from the contract). */
export const RouteRefusal = IPeerTrust.Refusal;
export type RouteRefusal = (typeof RouteRefusal)[keyof typeof RouteRefusal];

/** ITrustStore.RouteKind (generated from the contract). */
export const RouteKind = ITrustStore.RouteKind;
export type RouteKind = (typeof RouteKind)[keyof typeof RouteKind];

/**
 * The storage slot of a TrustStore's export head (RouteExport.HEAD_SLOT, an ERC-7201 namespace): the one
 * slot a relayer asks `eth_getProof` for.
 */
export const EXPORT_HEAD_SLOT: Hex = '0x5d63a32651457c3d27ee7ca5ca855f512d9f9a73a33c2e54e665e73c9b8afe00';

/** The base of a TransactionRegistry's record commitments (RecordCommitment.RECORDS_SLOT, ERC-7201). */
export const RECORDS_SLOT: Hex = '0x79135fe3293ee6f8273a1daa36b15016a6f531f77aebbd9062024c9bbb1a7300';

/** The storage slot of transaction `txId`'s record hash in a TransactionRegistry (Solidity mapping layout). */
export function recordSlot(txId: bigint): Hex {
  return keccak256(encodeAbiParameters([{ type: 'uint256' }, { type: 'bytes32' }], [txId, RECORDS_SLOT]));
}

/** A peer ledger's id: keccak256(abi.encode(chainId, genesisHash)), as the agreement names it. */
export function ledgerIdOf(chainId: bigint, genesisHash: Hex): Hex {
  return keccak256(encodeAbiParameters([{ type: 'uint64' }, { type: 'bytes32' }], [chainId, genesisHash]));
}

/** What a sync relays beside the peer's block: the proof of its export head and the entries up to it. */
export type RouteDelivery = {
  readonly ledgerId: Hex;
  /** `eth_getProof(peerTrustStore, [EXPORT_HEAD_SLOT], block)`: accountProof and storageProof[0].proof. */
  readonly accountProof: readonly Hex[];
  readonly storageProof: readonly Hex[];
  /** The entries after the last sync up to that block's head, in order (none: a keepalive). */
  readonly entries: readonly RouteEntry[];
};

export type PeerTrustParameters = {
  /** The PeerTrust contract (a TrustStore's `peerTrust()`). */
  readonly address: Address;
};
