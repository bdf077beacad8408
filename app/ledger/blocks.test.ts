import { describe, expect, it } from 'vitest';
import { getBlockTime, getLatestBlockNumber } from './blocks';
import { LedgerUnavailableError } from './errors';
import { localLedger } from './test/localLedger';
import { createPublicClient, http } from 'viem';

const { publicClient } = localLedger();

describe('block actions against a real anvil node', () => {
  it('reads the time of the latest block, and of a block by hash and by number', async () => {
    const latest = await publicClient.getBlock();
    expect(await getLatestBlockNumber(publicClient)).toBeGreaterThanOrEqual(latest.number);
    expect(await getBlockTime(publicClient, { blockHash: latest.hash })).toBe(latest.timestamp);
    expect(await getBlockTime(publicClient, { blockNumber: latest.number })).toBe(latest.timestamp);
    expect(await getBlockTime(publicClient)).toBeGreaterThanOrEqual(latest.timestamp);
  });

  it('says the node does not answer as a typed error', async () => {
    const down = createPublicClient({ transport: http('http://127.0.0.1:9', { retryCount: 0 }) });
    await expect(getLatestBlockNumber(down)).rejects.toBeInstanceOf(LedgerUnavailableError);
  });
});
