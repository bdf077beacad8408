import type { Client, Hash } from 'viem';
import { getBlock, getBlockNumber } from 'viem/actions';
import { toLedgerError } from './errors';

export type GetBlockTimeParameters = { readonly blockHash: Hash } | { readonly blockNumber: bigint } | Record<string, never>;

/** The ledger's time (Unix seconds) of a block, by hash or number; of the latest block without either. */
export async function getBlockTime(client: Client, params: GetBlockTimeParameters = {}): Promise<bigint> {
  try {
    const block = await getBlock(client, 'blockHash' in params ? { blockHash: params.blockHash } : 'blockNumber' in params ? { blockNumber: params.blockNumber } : {});
    return block.timestamp;
  } catch (error) {
    throw toLedgerError(error);
  }
}

/** The latest block number, never cached: it answers whether the node is reachable now. */
export async function getLatestBlockNumber(client: Client): Promise<bigint> {
  try {
    return await getBlockNumber(client, { cacheTime: 0 });
  } catch (error) {
    throw toLedgerError(error);
  }
}
