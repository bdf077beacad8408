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
import { createPublicClient, http, keccak256, numberToHex, pad, stringToHex, toHex, type Address, type Hex } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { encodeQbftHeader, sealQbftHeader, unsealedQbftExtraData, type HeaderBlock } from '../../app/ledger/interop/index.ts';
import { startAnvil } from '../dev/anvil.ts';
import { deriveValidatorKeys } from './sealer.ts';

const out = path.resolve(import.meta.dirname, '..', '..', 'contracts', 'test', 'fixtures', 'interop', 'anvil-proofs.json');
export const fixtureSeed = 'lightclient-fixtures';

const anvil = await startAnvil({ chainId: 31337, port: 0, hardfork: 'cancun' });
try {
  const client = createPublicClient({ transport: http(anvil.rpcUrl) });
  const rpc = <T>(method: string, params: unknown[]) => client.request({ method: method as 'eth_chainId', params: params as [] }) as Promise<T>;

  for (let i = 0; i < 300; i++) {
    const account = keccak256(stringToHex(`account ${i}`)).slice(0, 42) as Address;
    await rpc('anvil_setBalance', [account, numberToHex(BigInt(i + 1) * 10n ** 15n)]);
  }
  const contract: Address = '0x00000000000000000000000000000000C0FFEE01';
  await rpc('anvil_setCode', [contract, '0x6001600055']);
  const slots: Hex[] = [];
  for (let i = 0; i < 100; i++) slots.push(pad(toHex(i), { size: 32 }));
  for (let i = 0; i < 100; i++) slots.push(keccak256(stringToHex(`slot ${i}`)));
  const valueOf = (i: number): Hex => pad(keccak256(stringToHex(`value ${i}`)).slice(0, 2 + 2 * (1 + (i % 32))) as Hex, { size: 32 });
  for (const [i, slot] of slots.entries()) await rpc('anvil_setStorageAt', [contract, slot, valueOf(i)]);

  const base = Number((await client.getBlock()).timestamp) + 10;
  await rpc('evm_mine', [base]);
  await rpc('evm_mine', [base + 2]);
  const header = async (tag: Hex) => (await rpc<HeaderBlock & { hash: Hex }>('eth_getBlockByNumber', [tag, false]));
  const latest = BigInt((await header('latest' as Hex)).number!);
  const trusted = await header(numberToHex(latest - 1n));
  const next = await header(numberToHex(latest));

  const keys = deriveValidatorKeys(fixtureSeed, 4);
  const validators = keys.map((k) => privateKeyToAddress(k));
  const sealed = async (block: HeaderBlock) => sealQbftHeader(encodeQbftHeader(block, unsealedQbftExtraData(validators)), keys.slice(0, 3));

  type Proof = { accountProof: Hex[]; storageHash: Hex; balance: Hex; nonce: Hex; codeHash: Hex; storageProof: { key: Hex; value: Hex; proof: Hex[] }[] };
  const tag = trusted.number!;
  const present = [0, 1, 7, 31, 99, 100, 150, 199];
  const absent: Hex[] = [pad(toHex(1000), { size: 32 }), keccak256(stringToHex('never written')), `0x${'ff'.repeat(32)}`];
  const keysAsked = [...present.map((i) => slots[i]!), ...absent];
  const proof = await rpc<Proof>('eth_getProof', [contract, keysAsked, tag]);
  for (const [i, entry] of proof.storageProof.entries()) {
    const onChain = await rpc<Hex>('eth_getStorageAt', [contract, keysAsked[i], tag]);
    if (BigInt(entry.value) !== BigInt(onChain)) throw new Error(`slot ${keysAsked[i]}: proof says ${entry.value}, node says ${onChain}`);
  }
  const eoa = keccak256(stringToHex('account 42')).slice(0, 42) as Address;
  const eoaProof = await rpc<Proof>('eth_getProof', [eoa, [], tag]);
  if (BigInt(eoaProof.balance) !== (await client.getBalance({ address: eoa, blockNumber: BigInt(tag) }))) throw new Error('balance');
  const nobody: Address = '0x000000000000000000000000000000000000dEaD';
  const nobodyProof = await rpc<Proof>('eth_getProof', [nobody, [slots[0]], tag]);

  const fixture = {
    source: 'anvil (Cancun) eth_getProof, written by scripts/interop/proofFixtures.ts',
    validatorSeed: fixtureSeed,
    validators,
    trustedHeader: await sealed(trusted),
    number: Number(BigInt(tag)),
    timestamp: Number(BigInt(trusted.timestamp)),
    stateRoot: trusted.stateRoot,
    blockHash: trusted.hash,
    nextHeader: await sealed(next),
    nextNumber: Number(BigInt(next.number!)),
    nextTimestamp: Number(BigInt(next.timestamp)),
    account: contract,
    accountProof: proof.accountProof,
    storageHash: proof.storageHash,
    nonce: Number(BigInt(proof.nonce)),
    balance: Number(BigInt(proof.balance)),
    codeHash: proof.codeHash,
    storage: proof.storageProof.map((s, i) => ({ key: pad(s.key, { size: 32 }), value: pad(toHex(BigInt(s.value)), { size: 32 }), present: i < present.length, proof: s.proof })),
    eoa,
    eoaProof: eoaProof.accountProof,
    eoaBalanceWord: pad(toHex(BigInt(eoaProof.balance)), { size: 32 }),
    absentAccount: nobody,
    absentAccountProof: nobodyProof.accountProof,
    absentAccountStorageProof: nobodyProof.storageProof[0]!.proof,
  };
  writeFileSync(out, `${JSON.stringify(fixture, null, 2)}\n`);
  console.log(`Wrote ${path.relative(process.cwd(), out)}: block ${fixture.number}, ${fixture.storage.length} storage proofs, account proof of ${fixture.accountProof.length} nodes.`);
} finally {
  await anvil.stop();
}
