/**
 * In-memory ledgers for the relayer's tests: a source A with blocks and export entries, and a target B
 * whose fake PeerTrust refuses what the real one refuses for a relayer's mistakes (a header it was not
 * given, a gap or a replay in the export sequence), so a test sees a wrong relayer fail.
 */
import { numberToHex, type Hash, type Hex, type RpcBlock } from 'viem';
import type { ExportEntry, HeaderSealer, PeerState, SourceLedger, TargetLedger } from './ports.ts';

export function fakeSource(chainId = 2337) {
  const blocks: { number: bigint; timestamp: bigint }[] = [{ number: 0n, timestamp: 1_000n }];
  const entries: ExportEntry[] = [];
  const proofsAsked: bigint[] = [];
  const source: SourceLedger = {
    chainId,
    latestBlockNumber: async () => blocks.at(-1)!.number,
    rawBlock: async (number) => {
      const b = blocks.find((x) => x.number === number);
      if (!b) throw new Error(`no block ${number}`);
      return { number: numberToHex(b.number), timestamp: numberToHex(b.timestamp), hash: `0x${b.number.toString(16).padStart(64, '0')}` } as unknown as RpcBlock;
    },
    exportEntries: async ({ afterSeq, fromBlock, toBlock }) => entries.filter((e) => e.seq > afterSeq && e.blockNumber >= fromBlock && e.blockNumber <= toBlock),
    exportProof: async (number) => {
      proofsAsked.push(number);
      return { accountProof: ['0xaa'], storageProof: [numberToHex(number)] };
    },
  };
  return {
    source,
    proofsAsked,
    /** Mines a block `seconds` after the last one, with `exports` new export entries. */
    mine(seconds = 2, exports = 0) {
      const last = blocks.at(-1)!;
      const number = last.number + 1n;
      blocks.push({ number, timestamp: last.timestamp + BigInt(seconds) });
      for (let i = 0; i < exports; i++) entries.push({ seq: BigInt(entries.length + 1), blockNumber: number, kind: 'withdrawal' });
      return number;
    },
  };
}

export const fakeSealer: HeaderSealer = { seal: async (block) => `0xc0${block.number!.slice(2).padStart(2, '0')}` as Hex };

export function fakeTarget(chainId = 1337, initial: PeerState = { number: 0n, timestamp: 1_000n, seq: 0n }, trustedHeaderTimestamp = initial.timestamp) {
  let state = initial;
  const headers = new Set<bigint>([initial.number]);
  const calls: string[] = [];
  let block = 100n;
  let failNext = 0;
  const target: TargetLedger = {
    chainId,
    peerState: async () => {
      if (failNext > 0) {
        failNext--;
        throw new Error('connection refused\nat the node');
      }
      return state;
    },
    hasHeader: async (_id, number) => headers.has(number),
    latestHeaderTimestamp: async () => (state.timestamp > trustedHeaderTimestamp ? state.timestamp : trustedHeaderTimestamp),
    submitHeader: async (_id, rlp) => {
      calls.push(`header ${rlp}`);
      headers.add(BigInt(`0x${rlp.slice(4)}`));
      return `0x${'11'.repeat(32)}` as Hash;
    },
    sync: async ({ number, entries, storageProof }) => {
      if (!headers.has(number)) throw new Error('PeerTrust__UnknownHeader');
      if (storageProof[0] !== numberToHex(number)) throw new Error('PeerTrust__BadProof');
      entries.forEach((e, i) => {
        if (e.seq !== state.seq + 1n + BigInt(i)) throw new Error('PeerTrust__ExportChainBroken');
      });
      calls.push(`sync ${number} [${entries.map((e) => e.seq).join(',')}]`);
      state = { number, timestamp: 1_000n + number * 2n, seq: state.seq + BigInt(entries.length) };
      return { hash: `0x${'22'.repeat(32)}` as Hash, blockNumber: ++block };
    },
  };
  return {
    target,
    calls,
    state: () => state,
    failNextReads(n: number) {
      failNext = n;
    },
  };
}
