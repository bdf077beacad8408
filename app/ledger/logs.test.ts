import { describe, expect, it } from 'vitest';
import { blockRanges, getLogsChunked } from './logs';

describe('blockRanges', () => {
  it('covers [from, to] exactly, oldest first, no range over the limit', () => {
    const ranges = blockRanges(5n, 2_504n, 1000n);
    expect(ranges).toEqual([
      { fromBlock: 5n, toBlock: 1_004n },
      { fromBlock: 1_005n, toBlock: 2_004n },
      { fromBlock: 2_005n, toBlock: 2_504n },
    ]);
    expect(blockRanges(7n, 7n, 1000n)).toEqual([{ fromBlock: 7n, toBlock: 7n }]);
    expect(blockRanges(8n, 7n, 1000n)).toEqual([]);
    expect(() => blockRanges(0n, 10n, 0n)).toThrow(RangeError);
  });

  it('reads every range once and keeps the logs in chain order, whatever order the answers come in', async () => {
    const asked: bigint[] = [];
    const logs = await getLogsChunked({
      fromBlock: 0n,
      toBlock: 9_999n,
      maxRange: 1000n,
      read: async ({ fromBlock, toBlock }) => {
        asked.push(fromBlock);
        await new Promise((resolve) => setTimeout(resolve, Number(toBlock % 7n)));
        return [fromBlock];
      },
    });
    expect(logs).toEqual(Array.from({ length: 10 }, (_, i) => BigInt(i) * 1000n));
    expect([...asked].sort((a, b) => Number(a - b))).toEqual(logs);
  });
});
