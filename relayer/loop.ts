/**
 * One peering's relay loop (ledger A -> ledger B). Each tick asks B what it last proved of A, reads A's
 * export entries since then, and when there is news (or a keepalive is due, before B's hold timer runs
 * out) it has A's newest header sealed, submits it to B's light client, and calls B's PeerTrust.sync with
 * the entries and the storage proof of A's export head at that block. Everything it needs to resume is on
 * B, so a restarted relayer, or several relayers at once, are safe.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Hex, RpcBlock } from 'viem';
import type { ExportEntry, HeaderSealer, SourceLedger, TargetLedger } from './ports.ts';

export type PeeringRelayParameters = {
  /** For the log: e.g. "CN -> BR". */
  readonly name: string;
  /** A's ledger id as B's PeerTrust and light client know it. */
  readonly ledgerId: Hex;
  readonly source: SourceLedger;
  readonly sealer: HeaderSealer;
  readonly target: TargetLedger;
  /** Relay A's newest header even without news once B's proof is this old (A's block time); below the hold timer. */
  readonly keepaliveSeconds: number;
  /** How often A is polled for new blocks. */
  readonly pollMs?: number;
  /** Retry backoff after a failure: base * 2^(n-1), at most max. */
  readonly backoffMs?: { readonly base: number; readonly max: number };
  readonly log?: (line: string) => void;
  readonly now?: () => number;
};

export type RelayOutcome =
  | { readonly kind: 'idle'; readonly reason: 'no-new-block' | 'up-to-date' | 'not-newer' }
  | {
      readonly kind: 'relayed';
      readonly number: bigint;
      readonly entries: number;
      readonly keepalive: boolean;
      readonly targetBlock: bigint;
      /** From the moment this relayer first saw the oldest relayed block of A to B's receipt of sync. */
      readonly latencyMs: number;
    };

export type RelayStats = { readonly relays: number; readonly failures: number; readonly latenciesMs: readonly number[] };

export type PeeringRelay = {
  /** One step: read, decide, relay when due. Throws what the ledgers throw (the loop retries). */
  tick(): Promise<RelayOutcome>;
  /** Runs ticks until stop(), with backoff after failures. */
  start(): void;
  stop(): Promise<void>;
  stats(): RelayStats;
};

/** The backoff before retry number `failures` (1-based). */
export function backoffDelay(failures: number, backoff: { readonly base: number; readonly max: number }): number {
  return Math.min(backoff.base * 2 ** Math.max(0, failures - 1), backoff.max);
}

export function createPeeringRelay(params: PeeringRelayParameters): PeeringRelay {
  const log = params.log ?? ((line: string) => console.log(line));
  const now = params.now ?? Date.now;
  const pollMs = params.pollMs ?? 250;
  const backoff = params.backoffMs ?? { base: 500, max: 30_000 };
  const { ledgerId, source, sealer, target } = params;
  // When this relayer first saw each block of A: the start of the latency it reports.
  const firstSeen = new Map<bigint, number>();
  let highestSeen = -1n;
  let cachedBlock: RpcBlock | undefined;
  let relays = 0;
  let failures = 0;
  let consecutiveFailures = 0;
  const latenciesMs: number[] = [];

  const observe = (head: bigint) => {
    const t = now();
    for (let n = highestSeen < 0n ? head : highestSeen + 1n; n <= head; n++) firstSeen.set(n, t);
    if (head > highestSeen) highestSeen = head;
  };
  const blockAt = async (number: bigint) => {
    if (cachedBlock?.number !== null && cachedBlock !== undefined && BigInt(cachedBlock.number) === number) return cachedBlock;
    cachedBlock = await source.rawBlock(number);
    return cachedBlock;
  };

  async function tick(): Promise<RelayOutcome> {
    const head = await source.latestBlockNumber();
    observe(head);
    const state = await target.peerState(ledgerId);
    if (head <= state.number) return { kind: 'idle', reason: 'no-new-block' };
    const entries: readonly ExportEntry[] = await source.exportEntries({ afterSeq: state.seq, fromBlock: state.number + 1n, toBlock: head });
    const block = await blockAt(head);
    const keepalive = entries.length === 0;
    if (keepalive && BigInt(block.timestamp) - state.timestamp < BigInt(params.keepaliveSeconds)) return { kind: 'idle', reason: 'up-to-date' };

    if (!(await target.hasHeader(ledgerId, head))) {
      // B's light client takes only headers newer in time too (QBFT never dates two blocks alike; anvil,
      // mining a transaction's block within the second of an interval block, does): wait for the next one.
      // Read only when a header must go: an idle tick costs B one read (peerState).
      const held = await target.latestHeaderTimestamp(ledgerId);
      if (BigInt(block.timestamp) <= (held > state.timestamp ? held : state.timestamp)) return { kind: 'idle', reason: 'not-newer' };
      await target.submitHeader(ledgerId, await sealer.seal(block));
    }
    const proof = await source.exportProof(head);
    const synced = await target.sync({ ledgerId, number: head, accountProof: proof.accountProof, storageProof: proof.storageProof, entries });
    const oldest = entries.reduce((min, e) => (e.blockNumber < min ? e.blockNumber : min), head);
    const latencyMs = now() - (firstSeen.get(oldest) ?? firstSeen.get(head) ?? now());
    for (const n of [...firstSeen.keys()]) if (n <= head) firstSeen.delete(n);
    relays++;
    latenciesMs.push(latencyMs);
    const what = keepalive ? 'keepalive' : `${entries.length} export entr${entries.length === 1 ? 'y' : 'ies'} (seq ${entries[0]!.seq}..${entries.at(-1)!.seq})`;
    log(`relayer ${params.name}: block ${head} of chain ${source.chainId} proven on chain ${target.chainId} in block ${synced.blockNumber}, ${what}, ${latencyMs} ms`);
    return { kind: 'relayed', number: head, entries: entries.length, keepalive, targetBlock: synced.blockNumber, latencyMs };
  }

  let running: Promise<void> | undefined;
  let abort: AbortController | undefined;
  async function run(signal: AbortSignal) {
    while (!signal.aborted) {
      let wait = pollMs;
      try {
        await tick();
        consecutiveFailures = 0;
      } catch (error) {
        failures++;
        consecutiveFailures++;
        wait = backoffDelay(consecutiveFailures, backoff);
        log(`relayer ${params.name}: relay failed (attempt ${consecutiveFailures}), retrying in ${wait} ms: ${oneLine(error)}`);
      }
      await delay(wait, undefined, { signal }).catch(() => {});
    }
  }

  return {
    tick,
    start() {
      if (running) return;
      abort = new AbortController();
      running = run(abort.signal);
    },
    async stop() {
      abort?.abort();
      await running;
      running = undefined;
    },
    stats: () => ({ relays, failures, latenciesMs: [...latenciesMs] }),
  };
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? ((error as { shortMessage?: string }).shortMessage ?? error.message) : String(error);
  return text.split('\n')[0] ?? text;
}
