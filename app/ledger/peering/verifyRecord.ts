import type { Client, Hex } from 'viem';
import { peerTrustAbi } from '@abi/PeerTrust';
import { _readContract } from '../_readContract';
import type { PeerTrustParameters } from './types';

export type VerifyRecordParameters = PeerTrustParameters & {
  readonly ledgerId: Hex;
  /** The peer's block (accepted by the light client) the proof is for. */
  readonly blockNumber: bigint;
  readonly txId: bigint;
  /** The record hash the peer's TransactionRegistry reports (`recordHashOf`). */
  readonly recordHash: Hex;
  /** `eth_getProof(peerTransactionRegistry, [recordSlot(txId)], blockNumber)`. */
  readonly accountProof: readonly Hex[];
  readonly storageProof: readonly Hex[];
};

/** Whether the peer ledger recorded this transaction at that block: a free eth_call with the proof. */
export async function verifyRecord(client: Client, params: VerifyRecordParameters): Promise<boolean> {
  return _readContract(client, {
    abi: peerTrustAbi,
    address: params.address,
    functionName: 'verifyRecord',
    args: [params.ledgerId, params.blockNumber, params.txId, params.recordHash, params.accountProof, params.storageProof],
  });
}
