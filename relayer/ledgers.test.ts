import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, inject, it } from 'vitest';
import type { RpcBlock } from 'viem';
import { httpSealer, rpcSource, type PeeringBindings } from './ledgers.ts';

const bindings: PeeringBindings = {
  exportHeadSlot: `0x${'00'.repeat(31)}05`,
  exportEntries: async () => [],
  peerState: async () => ({ number: 0n, timestamp: 0n, seq: 0n }),
  sync: async () => `0x${'00'.repeat(32)}`,
};

describe('the source ledger over JSON-RPC (real anvil)', () => {
  it('gives the raw block the sealer encodes and the storage proof of the export slot at that block', async () => {
    const source = rpcSource({ chainId: 31337, rpcUrl: inject('anvilRpcUrl'), trustStore: '0x5FbDB2315678afecb367f032d93F642f64180aa3' }, bindings);
    const head = await source.latestBlockNumber();
    const block = await source.rawBlock(head);
    expect(BigInt(block.number!)).toBe(head);
    expect(block.stateRoot).toMatch(/^0x[0-9a-f]{64}$/);
    expect(typeof block.extraData).toBe('string');
    const proof = await source.exportProof(head);
    expect(proof.accountProof.length).toBeGreaterThan(0);
    await expect(source.rawBlock(head + 1_000n)).rejects.toThrow(/has no block/);
  });
});

describe('the sealer client', () => {
  it('posts the block and returns the sealed header RLP; refuses an answer without one', async () => {
    const received: unknown[] = [];
    let answer: unknown = { headerRlp: '0xf90123' };
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/seal`;
    try {
      const block = { number: '0x7', stateRoot: `0x${'aa'.repeat(32)}` } as unknown as RpcBlock;
      await expect(httpSealer(url).seal(block)).resolves.toBe('0xf90123');
      expect(received).toEqual([{ block }]);
      answer = { headerRlp: 'nope' };
      await expect(httpSealer(url).seal(block)).rejects.toThrow(/returned no header RLP/);
    } finally {
      server.close();
    }
  });
});
