import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keccak256, stringToHex } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import {
  decodeQbftHeader,
  encodeQbftHeader,
  getSealerValidators,
  qbftCommitHash,
  recoverQbftSigners,
  requestQbftSeals,
  SealerError,
  unsealedQbftExtraData,
  withQbftSeals,
  type HeaderBlock,
} from '../../app/ledger/interop/index.ts';
import { deriveValidatorKeys, startSealer, type SealerProcess } from './sealer.ts';

const block: HeaderBlock = {
  parentHash: keccak256(stringToHex('parent')),
  sha3Uncles: '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347',
  miner: '0x0000000000000000000000000000000000000000',
  stateRoot: keccak256(stringToHex('state')),
  transactionsRoot: '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421',
  receiptsRoot: '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421',
  logsBloom: `0x${'00'.repeat(256)}`,
  difficulty: '0x0',
  number: '0x2a',
  gasLimit: '0x1c9c380',
  gasUsed: '0x0',
  timestamp: '0x6740f000',
  extraData: '0x',
  mixHash: `0x${'00'.repeat(32)}`,
  nonce: '0x0000000000000000',
};

describe('the validators’ signing process (a separate process)', () => {
  let sealer: SealerProcess;
  beforeAll(async () => {
    sealer = await startSealer({ seed: 'sealer-test', validators: 4 });
  });
  afterAll(async () => {
    await sealer.stop();
  });

  it('names the validators whose keys it holds, in Besu’s order', async () => {
    const expected = deriveValidatorKeys('sealer-test', 4).map((k) => privateKeyToAddress(k));
    expect(await getSealerValidators(sealer)).toEqual(expected);
    expect(sealer.validators).toEqual(expected);
    expect([...expected].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1))).toEqual(expected);
  });

  it('seals a header’s commit hash with a quorum by default, or as many as asked', async () => {
    const validators = await getSealerValidators(sealer);
    const unsealed = encodeQbftHeader(block, unsealedQbftExtraData(validators));
    const commitHash = qbftCommitHash(unsealed);
    const quorum = await requestQbftSeals(sealer, { commitHash });
    expect(quorum).toHaveLength(3);
    const sealed = withQbftSeals(unsealed, quorum);
    expect(decodeQbftHeader(sealed).extra.seals).toEqual(quorum);
    expect(await recoverQbftSigners(sealed)).toEqual(validators.slice(0, 3));
    const all = await requestQbftSeals(sealer, { commitHash, count: 4 });
    expect(await recoverQbftSigners(withQbftSeals(unsealed, all))).toEqual(validators);
  });

  it('refuses a malformed request with a SealerError', async () => {
    await expect(requestQbftSeals(sealer, { commitHash: '0x1234' })).rejects.toThrow(SealerError);
    await expect(requestQbftSeals(sealer, { commitHash: keccak256('0x'), count: 5 })).rejects.toThrow(/count/);
  });

  it('reports a process that does not answer', async () => {
    await expect(getSealerValidators({ url: 'http://127.0.0.1:1' })).rejects.toThrow(SealerError);
  });
});
