import { createTestClient, http, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { describe, expect, inject, it } from 'vitest';
import { decodeQbftHeader, encodeQbftHeader, recoverQbftSigners, unsealedQbftExtraData, type HeaderBlock } from '../app/ledger/interop/index.ts';
import { startSealer } from '../scripts/interop/sealer.ts';
import { qbftSealer, rpcSource, rpcTarget, type PeeringBindings, type RelayerWallet } from './ledgers.ts';

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

describe('the target ledger over JSON-RPC (real anvil)', () => {
  it('carries a new header in the sync that follows (one transaction) when the bindings can, and a known one not at all', async () => {
    const rpcUrl = inject('anvilRpcUrl');
    const account = privateKeyToAccount(generatePrivateKey());
    await createTestClient({ mode: 'anvil', transport: http(rpcUrl) }).setBalance({ address: account.address, value: 10n ** 18n });
    const calls: string[] = [];
    // Each binding sends one real transaction, so the target waits for a real receipt.
    const send = (wallet: RelayerWallet) => wallet.sendTransaction({ to: wallet.account.address, value: 0n });
    const target = rpcTarget({ chainId: 31337, rpcUrl, lightClient: `0x${'00'.repeat(19)}0c`, peerTrust: `0x${'00'.repeat(19)}0d` }, account, {
      ...bindings,
      sync: async (wallet, params) => {
        calls.push(`sync ${params.number}`);
        return send(wallet);
      },
      syncWithHeader: async (wallet, params) => {
        calls.push(`syncWithHeader ${params.headerRlp === headerRlp}`);
        return send(wallet);
      },
    });
    const source = rpcSource({ chainId: 31337, rpcUrl, trustStore: '0x5FbDB2315678afecb367f032d93F642f64180aa3' }, bindings);
    const number = await source.latestBlockNumber();
    const headerRlp = encodeQbftHeader((await source.rawBlock(number)) as HeaderBlock, unsealedQbftExtraData([account.address]));
    const ledgerId: Hex = `0x${'ab'.repeat(32)}`;
    const params = { ledgerId, accountProof: [], storageProof: [], entries: [] };

    await target.submitHeader(ledgerId, headerRlp);
    expect(calls).toEqual([]);
    const synced = await target.sync({ ...params, number });
    expect(synced.blockNumber).toBeGreaterThan(number);
    // The header went with that sync; a sync at a block whose header B already has goes alone.
    await target.sync({ ...params, number });
    expect(calls).toEqual(['syncWithHeader true', `sync ${number}`]);
  });
});
