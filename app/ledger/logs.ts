import type { Client, Hash } from 'viem';
import { getBlock, getBlockNumber } from 'viem/actions';
import { toLedgerError } from './errors';

/**
 * Log reads that a node with a log range limit answers (Hyperledger Besu refuses eth_getLogs over
 * `--rpc-max-logs-range` blocks: 1,000 when the option came in): every read starts at the deployment
 * block and asks at most `maxRange` blocks at a time.
 */
export const DEFAULT_LOG_RANGE = 1000n;

/** Inclusive block numbers. */
export type BlockRange = { readonly fromBlock: bigint; readonly toBlock: bigint };

/** Where a log sits in the chain: what pages of newest-first lists continue below. */
export type LogPosition = { readonly blockNumber: bigint; readonly logIndex: number };

/** What a chunked read needs of a log (viem's decoded logs have it). */
export type PositionedLog = { readonly blockNumber: bigint; readonly logIndex: number };

/** Reads one range's logs (one eth_getLogs of at most `maxRange` blocks). */
export type ReadLogRange<log> = (range: BlockRange) => Promise<log[]>;

/** `[fromBlock, toBlock]` cut into ranges of at most `maxRange` blocks, oldest first. */
export function blockRanges(fromBlock: bigint, toBlock: bigint, maxRange: bigint = DEFAULT_LOG_RANGE): BlockRange[] {
  if (maxRange < 1n) throw new RangeError('maxRange must be at least one block');
  const ranges: BlockRange[] = [];
  for (let from = fromBlock; from <= toBlock; from += maxRange) {
    ranges.push({ fromBlock: from, toBlock: from + maxRange - 1n < toBlock ? from + maxRange - 1n : toBlock });
  }
  return ranges;
}

export type GetLogsChunkedParameters<log> = BlockRange & {
  readonly maxRange?: bigint;
  readonly read: ReadLogRange<log>;
};

/** Every log of `[fromBlock, toBlock]`, oldest first, read range by range (a few at once). */
export async function getLogsChunked<log>(params: GetLogsChunkedParameters<log>): Promise<log[]> {
  const ranges = blockRanges(params.fromBlock, params.toBlock, params.maxRange);
  const results: log[][] = new Array<log[]>(ranges.length);
  // Four ranges in flight: fast on a local node, gentle with a rate-limited endpoint.
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < ranges.length; i = next++) results[i] = await params.read(ranges[i]!);
  };
  try {
    await Promise.all(Array.from({ length: Math.min(4, ranges.length) }, worker));
  } catch (error) {
    throw toLedgerError(error);
  }
  return results.flat();
}

// ------------------------------------------------------------------------------- cached windows

/**
 * The logs of one filter over a contiguous block range, as a cache keeps them. `toHash` is the hash of
 * block `toBlock`: while the chain still has it there, nothing in the window was reorganised away.
 */
export type LogWindow<log> = BlockRange & { readonly toHash: Hash; readonly logs: readonly log[] };

/** Where windows are kept between reads (IndexedDB in the browser, memory in tests). Keys name a chain and a filter. */
export type LogCache = {
  get<log>(key: string): Promise<LogWindow<log> | undefined>;
  put<log>(key: string, window: LogWindow<log>): Promise<void>;
};

export function memoryLogCache(): LogCache {
  const windows = new Map<string, unknown>();
  return {
    get: async <log>(key: string) => windows.get(key) as LogWindow<log> | undefined,
    put: async (key, window) => {
      windows.set(key, window);
    },
  };
}

export type GetLogPageParameters<log extends PositionedLog> = {
  /** Names the chain and the filter `read` applies; the cache keeps one window per key. */
  readonly key: string;
  /** The deployment block: nothing of the contract lies below it. */
  readonly fromBlock: bigint;
  /** Only logs below this position (a previous page's `next`); none: from the newest block. */
  readonly before?: LogPosition;
  readonly limit: number;
  /** Logs a page lists (others are read, kept and skipped). */
  readonly accept?: (log: log) => boolean;
  readonly maxRange?: bigint;
  readonly cache?: LogCache;
  readonly read: ReadLogRange<log>;
};

export type LogPage<log> = {
  /** Newest first. */
  readonly items: readonly log[];
  /** Continue below here; undefined: the list reached the deployment block. */
  readonly next?: LogPosition;
  /** The block the page is as of. */
  readonly blockNumber: bigint;
};

const below = (log: PositionedLog, position: LogPosition | undefined) =>
  position === undefined || log.blockNumber < position.blockNumber || (log.blockNumber === position.blockNumber && log.logIndex < position.logIndex);

const newestFirst = (a: PositionedLog, b: PositionedLog) => (a.blockNumber === b.blockNumber ? b.logIndex - a.logIndex : a.blockNumber > b.blockNumber ? -1 : 1);

const FIRST_SPAN = 64n;

/** Windows already checked against the chain in this session (a stored window is checked once). */
const checked = new WeakMap<LogCache, Set<string>>();

/**
 * One page of a filter's logs, newest first, read backwards from the newest block in ranges of at most
 * `maxRange` blocks (growing from a short first one) until the page is full or the deployment block is reached. With a cache, the blocks
 * read before are not read again: a stored window is re-validated by its last block's hash (once per
 * session) and only the blocks above it, and below it when a page needs older logs, are read.
 */
export async function getLogPage<log extends PositionedLog>(client: Client, params: GetLogPageParameters<log>): Promise<LogPage<log>> {
  const maxRange = params.maxRange ?? DEFAULT_LOG_RANGE;
  const accept = params.accept ?? (() => true);
  // A page usually lies in the newest blocks: the first read back is short and each next one doubles
  // (up to the node's limit), so a busy ledger does not send a whole range's logs for one page.
  let span = FIRST_SPAN < maxRange ? FIRST_SPAN : maxRange;
  try {
    let window = params.cache ? await params.cache.get<log>(params.key) : undefined;
    const seen = params.cache ? (checked.get(params.cache) ?? new Set<string>()) : new Set<string>();
    if (params.cache) checked.set(params.cache, seen);
    if (window && !seen.has(params.key)) {
      const block = await getBlock(client, { blockNumber: window.toBlock }).catch(() => undefined);
      if (block?.hash !== window.toHash) window = undefined; // reorganised (or another chain): read afresh
      seen.add(params.key);
    }
    let changed = false;
    // The newest blocks: the first page always starts at the chain head.
    if (!window || params.before === undefined || params.before.blockNumber > window.toBlock) {
      const head = await getBlock(client, { blockTag: 'latest' });
      const top = head.number;
      const start = window ? window.toBlock + 1n : top - span + 1n > params.fromBlock ? top - span + 1n : params.fromBlock;
      if (!window || top > window.toBlock) {
        const fresh = start <= top ? await getLogsChunked({ fromBlock: start, toBlock: top, maxRange, read: params.read }) : [];
        window = { fromBlock: window?.fromBlock ?? start, toBlock: top, toHash: head.hash, logs: [...(window?.logs ?? []), ...fresh] };
        changed = true;
      }
    }
    let current: LogWindow<log> = window!;
    const found = () => current.logs.filter((log) => below(log, params.before) && accept(log));
    let items = found();
    // Older blocks, a range at a time, until the page is full or the deployment block is reached.
    while (items.length < params.limit && current.fromBlock > params.fromBlock) {
      span = span * 2n < maxRange ? span * 2n : maxRange;
      const toBlock = current.fromBlock - 1n;
      const fromBlock = toBlock - span + 1n > params.fromBlock ? toBlock - span + 1n : params.fromBlock;
      const older = await params.read({ fromBlock, toBlock });
      current = { ...current, fromBlock, logs: [...older, ...current.logs] };
      changed = true;
      items = found();
    }
    if (changed && params.cache) await params.cache.put(params.key, current);
    items.sort(newestFirst);
    const page = items.slice(0, params.limit);
    const more = items.length > params.limit || current.fromBlock > params.fromBlock;
    const last = page.at(-1);
    return {
      items: page,
      next: more && last ? { blockNumber: last.blockNumber, logIndex: last.logIndex } : more ? { blockNumber: current.fromBlock, logIndex: 0 } : undefined,
      blockNumber: current.toBlock,
    };
  } catch (error) {
    throw toLedgerError(error);
  }
}

export type GetLogsSinceParameters<log> = {
  /** The deployment block; earlier blocks hold nothing of the contract. */
  readonly fromBlock?: bigint;
  readonly maxRange?: bigint;
  readonly read: ReadLogRange<log>;
};

/** Every log from the deployment block to the newest block, oldest first, in ranges the node accepts. */
export async function getLogsSince<log>(client: Client, params: GetLogsSinceParameters<log>): Promise<log[]> {
  let toBlock: bigint;
  try {
    toBlock = await getBlockNumber(client, { cacheTime: 0 });
  } catch (error) {
    throw toLedgerError(error);
  }
  return getLogsChunked({ fromBlock: params.fromBlock ?? 0n, toBlock, maxRange: params.maxRange, read: params.read });
}
