/**
 * The seams of the relayer: what it reads from the source ledger A and what it sends to the target
 * ledger B. The relayer is untrusted (B's light client and PeerTrust check every byte it carries), so
 * these are plain transport: each has a JSON-RPC/viem implementation in ./ledgers.ts and fakes in tests.
 */
import type { Hash, Hex, RpcBlock } from 'viem';

/** One entry of A's export hash chain (an announcement or a withdrawal), as PeerTrust.sync replays it. */
export type ExportEntry = { readonly seq: bigint; readonly blockNumber: bigint } & Readonly<Record<string, unknown>>;

/** The source ledger A: its blocks, its Trust Store's export entries and storage proofs. */
export interface SourceLedger {
  readonly chainId: number;
  latestBlockNumber(): Promise<bigint>;
  /** The block exactly as A's JSON-RPC returns it (the header fields the sealer encodes). */
  rawBlock(number: bigint): Promise<RpcBlock>;
  /** Export entries with seq > afterSeq emitted in blocks fromBlock..toBlock, in seq order. */
  exportEntries(params: { afterSeq: bigint; fromBlock: bigint; toBlock: bigint }): Promise<readonly ExportEntry[]>;
  /** eth_getProof of the Trust Store's export-head slot at `number`. */
  exportProof(number: bigint): Promise<{ readonly accountProof: readonly Hex[]; readonly storageProof: readonly Hex[] }>;
}

/**
 * The validator signing process (scripts/interop/sealer.ts): it turns anvil's block into a header with
 * Besu's QBFT extraData and its committed seals, and returns the header's RLP. It holds the keys; the
 * relayer holds none.
 */
export interface HeaderSealer {
  seal(block: RpcBlock): Promise<Hex>;
}

/** What B knows of A: the last proven header and the last replayed export sequence number. */
export type PeerState = { readonly number: bigint; readonly timestamp: bigint; readonly seq: bigint };

/** The target ledger B: its light client of A and its PeerTrust. Transactions are paid by the relayer's wallet. */
export interface TargetLedger {
  readonly chainId: number;
  peerState(ledgerId: Hex): Promise<PeerState>;
  /** Whether B's light client already accepted A's header `number` (another relayer may have sent it). */
  hasHeader(ledgerId: Hex, number: bigint): Promise<boolean>;
  /** The time of the newest header of A that B's light client holds (the agreement's trusted header before the first sync). */
  latestHeaderTimestamp(ledgerId: Hex): Promise<bigint>;
  submitHeader(ledgerId: Hex, headerRlp: Hex): Promise<Hash>;
  sync(params: {
    readonly ledgerId: Hex;
    readonly number: bigint;
    readonly accountProof: readonly Hex[];
    readonly storageProof: readonly Hex[];
    readonly entries: readonly ExportEntry[];
  }): Promise<{ readonly hash: Hash; readonly blockNumber: bigint }>;
}
