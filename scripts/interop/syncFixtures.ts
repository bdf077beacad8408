// `npx tsx scripts/interop/syncFixtures.ts`: writes contracts/test/fixtures/interop/anvil-sync.json, a
// peer ledger A's export chain as a relayer carries it, for the forge tests of PeerTrust with the real
// LedgerLightClient (contracts/test/PeerTrustSync.t.sol): a real TrustStore on anvil (Cancun, chain 7001)
// announces China's SM2 test root, then suspends it; each step's block is rebuilt in Besu's QBFT layout
// and sealed by 3 of 4 test validators (seed `sync-fixtures`, test keys only), with the real
// `eth_getProof` of the export-head slot at that block and the entries exported since the step before.
//   blocks[0] the header governance vouches for (nothing exported yet)
//   blocks[1] the announcement          blocks[2] the withdrawal          blocks[3] a block without news
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createPublicClient, createTestClient, createWalletClient, encodeAbiParameters, http, toHex, type AbiParameter, type Hex } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { getContractEvents, getProof, waitForTransactionReceipt } from 'viem/actions';
import { trustStoreAbi } from '../../contracts-abi/TrustStore.ts';
import { deployTrustStore, executeProposal, EXPORT_HEAD_SLOT, proposeAddAnchor, suspendAnchor } from '../../app/ledger/index.ts';
import { encodeQbftHeader, sealQbftHeader, unsealedQbftExtraData, type HeaderBlock } from '../../app/ledger/interop/index.ts';
import { parseCertificateSync } from '../../app/pki/index.ts';
import { developmentAccount } from '../dev/accounts.ts';
import { startAnvil } from '../dev/anvil.ts';
import { deriveValidatorKeys } from './sealer.ts';

const CHAIN_A = 7001;
const out = path.resolve(import.meta.dirname, '..', '..', 'contracts', 'test', 'fixtures', 'interop', 'anvil-sync.json');
const rootDer = toHex(readFileSync(path.resolve(import.meta.dirname, '..', '..', 'contracts', 'test', 'fixtures', 'x509', 'sm2pki', 'root.der')));

const routeEntryType = (() => {
  const event = trustStoreAbi.find((x) => x.type === 'event' && x.name === 'RouteExported');
  const input = event?.type === 'event' ? event.inputs.find((i) => i.name === 'entry') : undefined;
  if (!input) throw new Error('TrustStore ABI has no RouteExported(entry)');
  return { ...(input as AbiParameter & { components: readonly AbiParameter[] }), type: 'tuple[]' } as AbiParameter;
})();

const anvil = await startAnvil({ chainId: CHAIN_A, port: 0, hardfork: 'cancun' });
try {
  const chain = { id: CHAIN_A, name: 'Ledger A', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [anvil.rpcUrl] } } };
  const client = createPublicClient({ chain, transport: http(anvil.rpcUrl) });
  const test = createTestClient({ mode: 'anvil', transport: http(anvil.rpcUrl) });
  const wallet = (i: number) => createWalletClient({ chain, transport: http(anvil.rpcUrl), account: developmentAccount(i) });
  // Explicit, increasing times: QBFT blocks are at least a second apart, and the light client requires it.
  const nextTime = async () => test.setNextBlockTimestamp({ timestamp: (await client.getBlock()).timestamp + 2n });
  const mined = async (p: Promise<{ hash: Hex }>) => {
    await waitForTransactionReceipt(client, { hash: (await p).hash });
  };

  const cn = wallet(2);
  await nextTime();
  const { address: trustStore } = await deployTrustStore(wallet(0), { members: [{ account: cn.account.address, country: 'CN', name: 'CN (ledger A)' }] });

  const keys = deriveValidatorKeys('sync-fixtures', 4);
  const validators = keys.map((k) => privateKeyToAddress(k));
  let after = 0n;
  const step = async () => {
    const number = await client.getBlockNumber({ cacheTime: 0 });
    const block = (await client.request({ method: 'eth_getBlockByNumber', params: [toHex(number), false] })) as HeaderBlock & { timestamp: Hex };
    const logs = await getContractEvents(client, { abi: trustStoreAbi, address: trustStore, eventName: 'RouteExported', fromBlock: after + 1n, toBlock: number, strict: true });
    after = number;
    const proof = await getProof(client, { address: trustStore, storageKeys: [EXPORT_HEAD_SLOT], blockNumber: number });
    return {
      number: Number(number),
      timestamp: Number(BigInt(block.timestamp)),
      header: await sealQbftHeader(encodeQbftHeader(block, unsealedQbftExtraData(validators)), keys.slice(0, 3)),
      head: toHex(proof.storageProof[0]!.value, { size: 32 }),
      accountProof: proof.accountProof,
      storageProof: proof.storageProof[0]!.proof,
      /** abi.encode(RouteEntry[]) of the entries exported since the step before. */
      entries: encodeAbiParameters([routeEntryType], [logs.map((l) => l.args.entry)]),
      count: logs.length,
    };
  };

  const blocks = [];
  await nextTime();
  await test.mine({ blocks: 1 });
  blocks.push(await step());

  await nextTime();
  const proposed = await proposeAddAnchor(cn, { address: trustStore, der: rootDer, country: 'CN', exceptions: 0 });
  await mined(Promise.resolve(proposed));
  await nextTime();
  await mined(executeProposal(cn, { address: trustStore, id: proposed.proposalId }));
  blocks.push(await step());

  const anchorHash = `0x${parseCertificateSync(Buffer.from(rootDer.slice(2), 'hex')).identity}` as Hex;
  await nextTime();
  await mined(suspendAnchor(cn, { address: trustStore, anchorHash, reason: 'fixture: a suspension the relayer must carry' }));
  blocks.push(await step());

  await nextTime();
  await test.mine({ blocks: 1 });
  blocks.push(await step());

  if (blocks.map((b) => b.count).join() !== '0,1,1,0') throw new Error(`unexpected export entries per step: ${blocks.map((b) => b.count).join()}`);
  const fixture = {
    source: 'anvil (Cancun) TrustStore export chain and eth_getProof, written by scripts/interop/syncFixtures.ts',
    chainId: CHAIN_A,
    genesisHash: (await client.getBlock({ blockNumber: 0n })).hash,
    validatorSeed: 'sync-fixtures',
    validators,
    trustStore,
    anchorHash,
    blocks,
  };
  writeFileSync(out, `${JSON.stringify(fixture, null, 2)}\n`);
  console.log(`Wrote ${path.relative(process.cwd(), out)}: blocks ${blocks.map((b) => b.number).join(', ')} of chain ${CHAIN_A}.`);
} finally {
  await anvil.stop();
}
