import { describe, expect, inject, it } from 'vitest';
import { decodeQbftHeader, recoverQbftSigners } from '../app/ledger/interop/index.ts';
import { startSealer } from '../scripts/interop/sealer.ts';
import { qbftSealer, rpcSource, type PeeringBindings } from './ledgers.ts';

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

describe('the QBFT sealer client (the real signing process)', () => {
  it('seals anvil\'s real header with a quorum of the validators, keeping its fields', async () => {
    const sealer = await startSealer({ seed: 'relayer-test', validators: 4 });
    try {
      const source = rpcSource({ chainId: 31337, rpcUrl: inject('anvilRpcUrl'), trustStore: '0x5FbDB2315678afecb367f032d93F642f64180aa3' }, bindings);
      const block = await source.rawBlock(await source.latestBlockNumber());
      const rlp = await qbftSealer(sealer.url).seal(block);
      const signers = await recoverQbftSigners(rlp);
      expect(signers).toHaveLength(3);
      expect(signers.every((s) => sealer.validators.includes(s))).toBe(true);
      const { fields, extra } = decodeQbftHeader(rlp);
      expect(fields[3]).toBe(block.stateRoot);
      expect(extra.validators).toEqual(sealer.validators);
    } finally {
      await sealer.stop();
    }
  });
});
