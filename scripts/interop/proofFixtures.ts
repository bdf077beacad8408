// `npx tsx scripts/interop/proofFixtures.ts`: writes contracts/test/fixtures/interop/anvil-proofs.json,
// real `eth_getProof` answers from anvil (Cancun) for the forge tests of MerklePatricia.sol and
// LedgerLightClient.verifyStorage, with the block's header rebuilt in Besu's QBFT layout and sealed by
// test validators (their keys derived from a public seed: test keys only).
//
// The state is made big enough for real branch, extension and leaf nodes: 300 funded accounts, and a
// contract account with 200 storage slots (100 sequential, 100 at hashed positions, values of 1 to 32
// bytes). Each answer is checked against eth_getStorageAt / eth_getBalance before it is written.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createPublicClient, createTestClient, http, keccak256, pad, stringToHex, toHex, type Address, type Hex } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { encodeQbftHeader, sealQbftHeader, unsealedQbftExtraData, type HeaderBlock } from '../../app/ledger/interop/index.ts';
import { startAnvil } from '../dev/anvil.ts';
import { deriveValidatorKeys } from './sealer.ts';

const out = path.resolve(import.meta.dirname, '..', '..', 'contracts', 'test', 'fixtures', 'interop', 'anvil-proofs.json');
export const fixtureSeed = 'lightclient-fixtures';

const anvil = await startAnvil({ chainId: 31337, port: 0, hardfork: 'cancun' });
try {
  const client = createPublicClient({ transport: http(anvil.rpcUrl) });
  const test = createTestClient({ mode: 'anvil', transport: http(anvil.rpcUrl) });
  const rpcBlock = async (blockNumber: bigint): Promise<HeaderBlock & { hash: Hex }> => {
    const block = await client.request({ method: 'eth_getBlockByNumber', params: [toHex(blockNumber), false] });
    if (!block?.hash) throw new Error(`no block ${blockNumber}`);
    return { ...block, hash: block.hash };
  };

  for (let i = 0; i < 300; i++) {
    const account = keccak256(stringToHex(`account ${i}`)).slice(0, 42) as Address;
    await test.setBalance({ address: account, value: BigInt(i + 1) * 10n ** 15n });
  }
  const contract: Address = '0x00000000000000000000000000000000C0FFEE01';
  await test.setCode({ address: contract, bytecode: '0x6001600055' });
  const slots: Hex[] = [];
  for (let i = 0; i < 100; i++) slots.push(pad(toHex(i), { size: 32 }));
  for (let i = 0; i < 100; i++) slots.push(keccak256(stringToHex(`slot ${i}`)));
  const valueOf = (i: number): Hex => pad(keccak256(stringToHex(`value ${i}`)).slice(0, 2 + 2 * (1 + (i % 32))) as Hex, { size: 32 });
  for (const [i, slot] of slots.entries()) await test.setStorageAt({ address: contract, index: slot, value: valueOf(i) });

  const base = Number((await client.getBlock()).timestamp) + 10;
  // Explicit, increasing times: QBFT blocks are at least a second apart, and the light client requires it.
  await test.setNextBlockTimestamp({ timestamp: BigInt(base) });
  await test.mine({ blocks: 1 });
  await test.setNextBlockTimestamp({ timestamp: BigInt(base + 2) });
  await test.mine({ blocks: 1 });
  const latest = await client.getBlockNumber();
  const trusted = await rpcBlock(latest - 1n);
  const next = await rpcBlock(latest);

  const keys = deriveValidatorKeys(fixtureSeed, 4);
  const validators = keys.map((k) => privateKeyToAddress(k));
  const sealed = async (block: HeaderBlock) => sealQbftHeader(encodeQbftHeader(block, unsealedQbftExtraData(validators)), keys.slice(0, 3));

  const blockNumber = latest - 1n;
  const present = [0, 1, 7, 31, 99, 100, 150, 199];
  const absent: Hex[] = [pad(toHex(1000), { size: 32 }), keccak256(stringToHex('never written')), `0x${'ff'.repeat(32)}`];
  const keysAsked = [...present.map((i) => slots[i]!), ...absent];
  const proof = await client.getProof({ address: contract, storageKeys: keysAsked, blockNumber });
  for (const [i, entry] of proof.storageProof.entries()) {
    const onChain = (await client.getStorageAt({ address: contract, slot: keysAsked[i]!, blockNumber })) ?? '0x0';
    if (entry.value !== BigInt(onChain)) throw new Error(`slot ${keysAsked[i]}: proof says ${entry.value}, node says ${onChain}`);
  }
  const eoa = keccak256(stringToHex('account 42')).slice(0, 42) as Address;
  const eoaProof = await client.getProof({ address: eoa, storageKeys: [], blockNumber });
  if (eoaProof.balance !== (await client.getBalance({ address: eoa, blockNumber }))) throw new Error('balance');
  const nobody: Address = '0x000000000000000000000000000000000000dEaD';
  const nobodyProof = await client.getProof({ address: nobody, storageKeys: [slots[0]!], blockNumber });

  const fixture = {
    source: 'anvil (Cancun) eth_getProof, written by scripts/interop/proofFixtures.ts',
    validatorSeed: fixtureSeed,
    validators,
    trustedHeader: await sealed(trusted),
    number: Number(blockNumber),
    timestamp: Number(BigInt(trusted.timestamp)),
    stateRoot: trusted.stateRoot,
    blockHash: trusted.hash,
    nextHeader: await sealed(next),
    nextNumber: Number(BigInt(next.number!)),
    nextTimestamp: Number(BigInt(next.timestamp)),
    account: contract,
    accountProof: proof.accountProof,
    storageHash: proof.storageHash,
    nonce: proof.nonce,
    balance: Number(proof.balance),
    codeHash: proof.codeHash,
    storage: proof.storageProof.map((s, i) => ({ key: pad(s.key, { size: 32 }), value: pad(toHex(s.value), { size: 32 }), present: i < present.length, proof: s.proof })),
    eoa,
    eoaProof: eoaProof.accountProof,
    eoaBalanceWord: pad(toHex(eoaProof.balance), { size: 32 }),
    absentAccount: nobody,
    absentAccountProof: nobodyProof.accountProof,
    absentAccountStorageProof: nobodyProof.storageProof[0]!.proof,
  };
  writeFileSync(out, `${JSON.stringify(fixture, null, 2)}\n`);
  console.log(`Wrote ${path.relative(process.cwd(), out)}: block ${fixture.number}, ${fixture.storage.length} storage proofs, account proof of ${fixture.accountProof.length} nodes.`);
} finally {
  await anvil.stop();
}
