import { getAddress, hexToBigInt, type Address, type Client, type Log } from 'viem';
import { getLogs } from 'viem/actions';
import { getLogsChunked } from './logs';

export type GetLedgerChangesParameters = {
  /** Our contracts on this ledger. */
  readonly addresses: readonly Address[];
  /** The blocks that are new since the last look (inclusive). */
  readonly fromBlock: bigint;
  readonly toBlock: bigint;
  readonly maxRange?: bigint;
};

export type LedgerChanges = {
  readonly logs: readonly Log[];
  /** Contracts that emitted something (checksummed). */
  readonly contracts: ReadonlySet<Address>;
  /**
   * Per contract, the first indexed topic of its logs as a number (the TransactionRegistry indexes every
   * event by transaction id first), so a reader refreshes only the records that changed.
   */
  readonly firstTopics: ReadonlyMap<Address, ReadonlySet<bigint>>;
};

/**
 * What our contracts did in the new blocks: one eth_getLogs for all of them (per range the node
 * accepts), so a new block costs one request when nothing of ours happened and refreshes nothing.
 */
export async function getLedgerChanges(client: Client, params: GetLedgerChangesParameters): Promise<LedgerChanges> {
  const logs = await getLogsChunked({
    fromBlock: params.fromBlock,
    toBlock: params.toBlock,
    maxRange: params.maxRange,
    read: (range) => getLogs(client, { address: [...params.addresses], ...range }),
  });
  const contracts = new Set<Address>();
  const firstTopics = new Map<Address, Set<bigint>>();
  for (const log of logs) {
    const address = getAddress(log.address);
    contracts.add(address);
    const topic = log.topics[1];
    if (topic === undefined) continue;
    const set = firstTopics.get(address) ?? new Set<bigint>();
    set.add(hexToBigInt(topic));
    firstTopics.set(address, set);
  }
  return { logs, contracts, firstTopics };
}
