import { BaseError as ViemBaseError, ContractFunctionRevertedError, type Address, type Client, type Hex, hexToBigInt, isAddressEqual } from 'viem';
import { getProof } from 'viem/actions';
import { transactionRegistryAbi } from '@abi/TransactionRegistry';
import { _readContract } from '../_readContract';
import { ContractRefusedError, LedgerError, toLedgerError } from '../errors';
import { getLatestHeader } from '../lightClient/getLatestHeader';
import { getAgreements } from './getAgreements';
import { recordSlot, type PeerTrustParameters } from './types';
import { verifyRecord } from './verifyRecord';

export type VerifyRecordFromPeerParameters = PeerTrustParameters & {
  /** The recording ledger A: its client (for `eth_getProof` and the record hash) and chain id. */
  readonly source: Client;
  readonly sourceChainId: number;
  /** A's TransactionRegistry that holds the record. */
  readonly transactionRegistry: Address;
  readonly txId: bigint;
};

/** Why ledger B cannot (yet) vouch for A's record, or the block of A at which it did. */
export type VerifyRecordFromPeerReturnType =
  /** B's light client proved that A's registry held `recordHash` for the transaction at A's block `blockNumber`. */
  | { readonly status: 'verified'; readonly blockNumber: bigint; readonly recordHash: Hex; readonly ledgerId: Hex }
  /** B has no live peering agreement with A. */
  | { readonly status: 'no-agreement' }
  /** B's agreement names another TransactionRegistry of A than the one that holds this record. */
  | { readonly status: 'other-registry'; readonly registry: Address }
  /** A holds no record hash for the transaction: it is not completed. */
  | { readonly status: 'not-completed' }
  /** B's light client has accepted no header of A. */
  | { readonly status: 'never-proven' }
  /** B's newest proven block of A is older than the record: the next relay brings a newer one. */
  | { readonly status: 'not-yet-proven'; readonly blockNumber: bigint }
  /** B refused the proof A's node gave: that node's state is not the one A's validators sealed. */
  | { readonly status: 'refused'; readonly blockNumber: bigint };

/**
 * Verifies from ledger B (`client`, its PeerTrust at `address`) that ledger A recorded transaction `txId`:
 * the record hash's storage proof is fetched from A at the newest block of A that B's light client
 * accepted, and B's PeerTrust.verifyRecord checks it against that block's state root (a free eth_call).
 * A's node is not trusted: a wrong hash or proof from it ends in 'refused', never in 'verified'.
 */
export async function verifyRecordFromPeer(client: Client, params: VerifyRecordFromPeerParameters): Promise<VerifyRecordFromPeerReturnType> {
  const agreement = (await getAgreements(client, { address: params.address })).find((p) => p.active && p.chainId === BigInt(params.sourceChainId));
  if (!agreement) return { status: 'no-agreement' };
  if (!isAddressEqual(agreement.transactionRegistry, params.transactionRegistry)) return { status: 'other-registry', registry: agreement.transactionRegistry };
  const recordHash = await _readContract(params.source, {
    abi: transactionRegistryAbi,
    address: params.transactionRegistry,
    functionName: 'recordHashOf',
    args: [params.txId],
  });
  if (hexToBigInt(recordHash) === 0n) return { status: 'not-completed' };
  // latestHeader reverts while the light client has accepted no header of A.
  const header = await getLatestHeader(client, { address: agreement.lightClient, ledgerId: agreement.ledgerId }).catch(refusedAs(undefined));
  if (!header || header.number === 0n) return { status: 'never-proven' };
  const slot = recordSlot(params.txId);
  let proof;
  try {
    proof = await getProof(params.source, { address: params.transactionRegistry, storageKeys: [slot], blockNumber: header.number });
  } catch (error) {
    throw toLedgerError(error);
  }
  const stored = proof.storageProof[0];
  if (!stored || stored.value === 0n) return { status: 'not-yet-proven', blockNumber: header.number };
  // A proof the light client cannot walk to the state root reverts: the same answer as false.
  const verified = await verifyRecord(client, {
    address: params.address,
    ledgerId: agreement.ledgerId,
    blockNumber: header.number,
    txId: params.txId,
    recordHash,
    accountProof: proof.accountProof,
    storageProof: stored.proof,
  }).catch(refusedAs(false));
  return verified ? { status: 'verified', blockNumber: header.number, recordHash, ledgerId: agreement.ledgerId } : { status: 'refused', blockNumber: header.number };
}

/**
 * A revert stands for `value` (the light client's own errors are not in these ABIs, so they come as a
 * plain LedgerError over viem's revert); any other failure (the node unreachable) stays an error.
 */
const refusedAs =
  <T,>(value: T) =>
  (error: unknown): T => {
    const cause = error instanceof LedgerError ? error.cause : error;
    const reverted = error instanceof ContractRefusedError || (cause instanceof ViemBaseError && cause.walk((e) => e instanceof ContractFunctionRevertedError) !== null);
    if (reverted) return value;
    throw error;
  };
