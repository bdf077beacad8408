import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createPublicClient, http, keccak256, toRlp, type Address, type Hex } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { describe, expect, inject, it } from 'vitest';
import {
  decodeQbftExtraData,
  decodeQbftHeader,
  encodeQbftExtraData,
  encodeQbftHeader,
  qbftCommitHash,
  qbftHeaderFields,
  QbftHeaderError,
  recoverQbftSigners,
  sealQbftHeader,
  unsealedQbftExtraData,
  withQbftSeals,
  type HeaderBlock,
} from '.';

type BesuFixture = {
  readonly header: Hex;
  readonly stripped: Hex;
  readonly commitHash: Hex;
  readonly validators: readonly Address[];
  readonly signers: readonly Address[];
  readonly headerTwoSeals: Hex;
  readonly headerDuplicateSeal: Hex;
};

const besu = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../../contracts/test/fixtures/interop/besu7528.json'), 'utf8'),
) as BesuFixture;

const keys: readonly Hex[] = [1, 2, 3, 4].map((i) => keccak256(toRlp([`0x${i.toString(16).padStart(2, '0')}`])));
const validators = keys.map((k) => privateKeyToAddress(k)).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));

describe('QBFT headers: the real Besu block 7528', () => {
  it('decodes and re-encodes to the same bytes', () => {
    const { fields, extra } = decodeQbftHeader(besu.header);
    expect(fields).toHaveLength(15);
    expect(extra.validators.map((v) => v.toLowerCase())).toEqual(besu.validators.map((v) => v.toLowerCase()));
    expect(extra.round).toBe(1);
    expect(extra.vote).toBeNull();
    expect(extra.seals).toHaveLength(3);
    expect(encodeQbftExtraData(extra)).toBe(fields[12]);
    expect(toRlp([...fields])).toBe(besu.header);
  });

  it('computes the commit hash Besu’s validators signed (seals emptied, round kept)', () => {
    expect(qbftCommitHash(besu.header)).toBe(besu.commitHash);
    expect(keccak256(besu.stripped)).toBe(besu.commitHash);
    expect(qbftCommitHash(besu.stripped)).toBe(besu.commitHash);
  });

  it('recovers the three signers', async () => {
    expect(await recoverQbftSigners(besu.header)).toEqual(besu.signers);
  });

  it('derives the negative fixtures (seals changed, all else kept) from the real header', () => {
    const seals = decodeQbftHeader(besu.header).extra.seals;
    expect(besu.headerTwoSeals).toBe(withQbftSeals(besu.header, seals.slice(0, 2)));
    expect(besu.headerDuplicateSeal).toBe(withQbftSeals(besu.header, [seals[0]!, seals[1]!, seals[0]!]));
    expect(qbftCommitHash(besu.headerTwoSeals)).toBe(besu.commitHash);
  });
});

describe('QBFT headers from anvil blocks', () => {
  const client = createPublicClient({ transport: http(inject('anvilRpcUrl')) });

  async function latestRpcBlock(): Promise<HeaderBlock & { readonly hash: Hex }> {
    const block = await client.request({ method: 'eth_getBlockByNumber', params: ['latest', false] });
    if (!block?.hash) throw new Error('no block');
    return { ...block, hash: block.hash };
  }

  it('rebuilds the anvil block hash from its JSON-RPC fields (the encoder keeps anvil’s real fields)', async () => {
    const block = await latestRpcBlock();
    expect(keccak256(toRlp(qbftHeaderFields(block, block.extraData)))).toBe(block.hash);
  });

  it('puts Besu’s extraData in an anvil header, seals it and recovers the validators', async () => {
    const block = await latestRpcBlock();
    const unsealed = encodeQbftHeader(block, unsealedQbftExtraData(validators));
    const sealed = await sealQbftHeader(unsealed, keys.slice(0, 3));
    const { fields, extra } = decodeQbftHeader(sealed);
    expect(fields[3]).toBe(block.stateRoot);
    expect(fields[8] === '0x' ? 0n : BigInt(fields[8]!)).toBe(BigInt(block.number!));
    expect(extra.validators).toEqual(validators);
    expect(qbftCommitHash(sealed)).toBe(qbftCommitHash(unsealed));
    expect(await recoverQbftSigners(sealed)).toEqual(keys.slice(0, 3).map((k) => privateKeyToAddress(k)));
  });

  it('encodes a vote and a round and decodes them back', () => {
    const extra = { ...unsealedQbftExtraData(validators, 7), vote: { recipient: validators[0]!, add: true } };
    expect(decodeQbftExtraData(encodeQbftExtraData(extra))).toEqual(extra);
    const drop = { ...extra, vote: { recipient: validators[1]!, add: false }, round: 0 };
    expect(decodeQbftExtraData(encodeQbftExtraData(drop))).toEqual(drop);
  });
});

describe('QBFT header errors', () => {
  it('refuses extraData in another layout', () => {
    expect(() => decodeQbftExtraData(toRlp(['0x01', []]))).toThrow(QbftHeaderError);
    expect(() => decodeQbftExtraData(toRlp([`0x${'00'.repeat(31)}`, [], [], '0x', []]))).toThrow(/vanity/);
    expect(() => decodeQbftExtraData(toRlp([`0x${'00'.repeat(32)}`, [], [], '0x0001', []]))).toThrow(/round/);
    expect(() => decodeQbftExtraData(toRlp([`0x${'00'.repeat(32)}`, [], [], '0x', ['0x01']]))).toThrow(/seal 0/);
    expect(() => decodeQbftHeader('0xzz' as Hex)).toThrow(QbftHeaderError);
  });
});
