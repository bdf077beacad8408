// The lightclient block of bench:gas (issue 15): gas of LedgerLightClient on a Cancun anvil node (Besu
// networks run Cancun at most). The peer ledger's headers are this node's own blocks, rebuilt in Besu's
// QBFT layout and sealed in process by test validators (as many seals as Besu's quorum, as a Besu block
// carries); the real Besu block 7528 is submitted as it is.
//   interop.header.qbft4      submitHeader, 4 validators, 3 seals
//   interop.header.qbft21     submitHeader, 21 validators, 14 seals
//   interop.header.besu7528   submitHeader of the real Besu QBFT header (4 validators, 3 seals)
//   interop.proof.storage     verifyStorage (eth_call gas) of an eth_getProof answer from a state of 300
//                             funded accounts and a contract with 200 slots
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createPublicClient, createTestClient, createWalletClient, encodeFunctionData, http, keccak256, pad, stringToHex, toHex, toRlp, type Address, type Hex } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { waitForTransactionReceipt } from 'viem/actions';
import { ledgerLightClientAbi, ledgerLightClientBytecode } from '../../contracts-abi/LedgerLightClient.ts';
import { decodeQbftHeader, encodeQbftHeader, sealQbftHeader, unsealedQbftExtraData, withQbftSeals, type HeaderBlock } from '../../app/ledger/interop/index.ts';
import { developmentAccount } from '../dev/accounts.ts';
import { startAnvil } from '../dev/anvil.ts';
import { deriveValidatorKeys, qbftQuorum } from '../interop/sealer.ts';

const besuFixture = path.resolve(import.meta.dirname, '..', '..', 'contracts', 'test', 'fixtures', 'interop', 'besu7528.json');

export async function benchLightClient(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const anvil = await startAnvil({ chainId: 31337, port: 0, hardfork: 'cancun' });
  try {
    const publicClient = createPublicClient({ transport: http(anvil.rpcUrl) });
    const registrar = developmentAccount(0);
    const wallet = createWalletClient({ transport: http(anvil.rpcUrl), account: registrar });
    const test = createTestClient({ mode: 'anvil', transport: http(anvil.rpcUrl) });
    const send = async (data: Hex, to?: Address) => {
      const hash = await wallet.sendTransaction({ chain: null, to: to ?? null, data, gas: 10_000_000n });
      const receipt = await waitForTransactionReceipt(publicClient, { hash });
      if (receipt.status !== 'success') throw new Error(`transaction ${hash} reverted`);
      return receipt;
    };
    const deployed = await send(`${ledgerLightClientBytecode}${pad(registrar.address).slice(2)}` as Hex);
    const client = deployed.contractAddress!;
    const call = (functionName: 'registerLedger' | 'submitHeader', args: readonly unknown[]) =>
      send(encodeFunctionData({ abi: ledgerLightClientAbi, functionName, args } as Parameters<typeof encodeFunctionData>[0]), client);

    // Explicit times, two seconds after the newest block (transactions mine blocks too): QBFT blocks are
    // at least a second apart, and the light client requires increasing times.
    const mineBlock = async (): Promise<HeaderBlock> => {
      const time = (await publicClient.getBlock()).timestamp + 2n;
      await test.setNextBlockTimestamp({ timestamp: time });
      await test.mine({ blocks: 1 });
      const block = await publicClient.request({ method: 'eth_getBlockByNumber', params: ['latest', false] });
      if (!block) throw new Error('no latest block');
      return block;
    };

    for (const n of [4, 21]) {
      const keys = deriveValidatorKeys(`bench-${n}`, n);
      const validators = keys.map((k) => privateKeyToAddress(k));
      const ledgerId = keccak256(stringToHex(`bench ledger ${n}`));
      const trusted = encodeQbftHeader(await mineBlock(), unsealedQbftExtraData(validators));
      await call('registerLedger', [ledgerId, validators, 86_400n, trusted]);
      const header = await sealQbftHeader(encodeQbftHeader(await mineBlock(), unsealedQbftExtraData(validators)), keys.slice(0, qbftQuorum(n)));
      out[`interop.header.qbft${n}`] = Number((await call('submitHeader', [ledgerId, header])).gasUsed);
    }

    // The real Besu block, after a trusted header at 7527 (its own fields, one block and one second earlier).
    const besu = JSON.parse(readFileSync(besuFixture, 'utf8')) as { header: Hex; validators: Address[] };
    const { fields } = decodeQbftHeader(besu.header);
    const earlier = [...fields];
    earlier[8] = toHex(BigInt(fields[8]!) - 1n);
    earlier[11] = toHex(BigInt(fields[11]!) - 1n);
    const trustedBesu = withQbftSeals(toRlp(earlier), []);
    const besuLedger = keccak256(stringToHex('besu 7528'));
    // Block 7528 is from 2024: a trusting period of ten years keeps it acceptable on today's clock.
    await call('registerLedger', [besuLedger, besu.validators, 10n * 365n * 86_400n, trustedBesu]);
    out['interop.header.besu7528'] = Number((await call('submitHeader', [besuLedger, besu.header])).gasUsed);

    // A storage proof from a state with some depth, against a header the client accepted.
    for (let i = 0; i < 300; i++) {
      await test.setBalance({ address: keccak256(stringToHex(`account ${i}`)).slice(0, 42) as Address, value: BigInt(i + 1) * 10n ** 15n });
    }
    const contract: Address = '0x00000000000000000000000000000000C0FFEE01';
    await test.setCode({ address: contract, bytecode: '0x6001600055' });
    for (let i = 0; i < 200; i++) {
      await test.setStorageAt({ address: contract, index: keccak256(stringToHex(`slot ${i}`)), value: keccak256(stringToHex(`value ${i}`)) });
    }
    const keys4 = deriveValidatorKeys('bench-4', 4);
    const block = await mineBlock();
    await call('submitHeader', [keccak256(stringToHex('bench ledger 4')), await sealQbftHeader(encodeQbftHeader(block, unsealedQbftExtraData(keys4.map((k) => privateKeyToAddress(k)))), keys4.slice(0, 3))]);
    const slot = keccak256(stringToHex('slot 7'));
    const proof = await publicClient.getProof({ address: contract, storageKeys: [slot], blockNumber: BigInt(block.number!) });
    const data = encodeFunctionData({
      abi: ledgerLightClientAbi,
      functionName: 'verifyStorage',
      args: [keccak256(stringToHex('bench ledger 4')), BigInt(block.number!), contract, slot, proof.accountProof, proof.storageProof[0]!.proof],
    });
    const value = await publicClient.call({ to: client, data });
    if (value.data !== keccak256(stringToHex('value 7'))) throw new Error(`verifyStorage answered ${value.data}`);
    out['interop.proof.storage'] = Number(await publicClient.estimateGas({ to: client, data, account: registrar.address }));
  } finally {
    await anvil.stop();
  }
  return out;
}

// `npx tsx scripts/bench/gasLightClient.ts`: this block alone (bench:gas runs it with the others).
if (process.argv[1] === import.meta.filename) {
  const results = await benchLightClient();
  process.stderr.write(`interop.header.qbft4: ${results['interop.header.qbft4']} gas (goal <= 200000)\n`);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}
