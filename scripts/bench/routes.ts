// The routes block of `bench:gas` (issue 15): gas of PeerTrust.sync and verifyRecord on a real anvil node
// with the committed bytecode. The light client is the forge tests' test double
// (contracts/test/utils/FakeLightClient.sol, compiled here): it accepts headers without seals and answers
// storage values without walking the proofs, so these figures are the peering contract's own part (the
// proofs' calldata included: real `eth_getProof` proofs from this node), not the header verification or
// the Merkle-Patricia walk, which the light client adds. Hence their keys `interop.part.peerTrust.*`: the
// end-to-end figures (`interop.sync.*`, `interop.verifyRecord`) come from gasInterop.ts.
import {
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  http,
  keccak256,
  stringToHex,
  toHex,
  type Address,
  type Hex,
  type PublicClient,
} from 'viem';
import { deployContract, waitForTransactionReceipt } from 'viem/actions';
import { peerTrustAbi } from '../../contracts-abi/PeerTrust.ts';
import {
  approveProposal,
  deployTrustStore,
  embeddedLedger,
  EMPTY_EXPORT_HEAD,
  executeProposal,
  EXPORT_HEAD_SLOT,
  exportLink,
  getPeerTrustAddress,
  ledgerIdOf,
  proposePeering,
  recordSlot,
  RouteKind,
  syncRoutes,
  type LedgerWriteClient,
  type RouteEntry,
} from '../../app/ledger/index.ts';
import { compileFakeLightClient } from '../../app/ledger/test/peerTestContracts.ts';
import { developmentAccount } from '../dev/accounts.ts';

export async function benchRoutes(rpcUrl: string): Promise<Record<string, number>> {
  const chain = { ...embeddedLedger, rpcUrls: { default: { http: [rpcUrl] } } };
  const publicClient = createPublicClient({ chain, transport: http(rpcUrl) }) as PublicClient;
  const wallet = (i: number): LedgerWriteClient => createWalletClient({ chain, transport: http(rpcUrl), account: developmentAccount(i) });
  const gasOf = async (p: Promise<{ hash: Hex }>) => {
    const receipt = await waitForTransactionReceipt(publicClient, { hash: (await p).hash });
    if (receipt.status !== 'success') throw new Error(`transaction ${receipt.transactionHash} reverted`);
    return Number(receipt.gasUsed);
  };
  // Ledger B: Brazil and Portugal govern it; it peers with ledger A (chain 7001) for China's anchors.
  const { address: trustStore } = await deployTrustStore(wallet(0), {
    members: [
      { account: developmentAccount(1).address, country: 'BR', name: 'BR' },
      { account: developmentAccount(2).address, country: 'PT', name: 'PT' },
    ],
  });
  const peerTrust = await getPeerTrustAddress(publicClient, { address: trustStore });
  const fake = compileFakeLightClient();
  const deployHash = await deployContract(wallet(0), { abi: fake.abi, bytecode: fake.bytecode, args: [peerTrust], account: developmentAccount(0), chain });
  const lightClient = (await waitForTransactionReceipt(publicClient, { hash: deployHash })).contractAddress!;
  const chainA = 7001n;
  const genesis = keccak256(toHex('ledger A genesis'));
  const ledgerId = ledgerIdOf(chainA, genesis);
  const peerTrustStore: Address = '0x00000000000000000000000000000000000a11ce';
  const peerRegistry: Address = '0x00000000000000000000000000000000000b0b00';
  const { proposalId } = await proposePeering(wallet(1), {
    address: trustStore,
    agreement: {
      ledgerId,
      chainId: chainA,
      genesisHash: genesis,
      countries: [stringToHex('CN', { size: 2 })],
      validators: [developmentAccount(5).address, developmentAccount(6).address, developmentAccount(7).address, developmentAccount(8).address],
      trustingPeriod: 14n * 24n * 3600n,
      trustedHeaderRlp: '0xc0',
      holdTime: 3600n,
      trustStore: peerTrustStore,
      transactionRegistry: peerRegistry,
      lightClient,
    },
  });
  await gasOf(approveProposal(wallet(2), { address: trustStore, id: proposalId }));
  await gasOf(executeProposal(wallet(1), { address: trustStore, id: proposalId }));

  // Real proof shapes: this node's eth_getProof of B's own TrustStore export slot (a small state: real
  // networks have a few more trie levels).
  const proof = await publicClient.getProof({ address: trustStore, storageKeys: [EXPORT_HEAD_SLOT] });
  const accountProof = proof.accountProof;
  const storageProof = proof.storageProof[0]!.proof;
  let head = EMPTY_EXPORT_HEAD;
  let seq = 0n;
  let number = 0n;
  const entry = (kind: number, i: number): RouteEntry => ({
    chainId: chainA,
    seq: ++seq,
    kind,
    country: stringToHex('CN', { size: 2 }),
    anchorHash: keccak256(toHex(`anchor ${i}`)),
    spkiHash: keccak256(toHex(`key ${i}`)),
    certificateHash: `0x${'0'.repeat(64)}`,
    at: 1_780_000_000n,
  });
  const fakeWrite = (functionName: 'setHeader' | 'setStorage', args: readonly unknown[]) =>
    gasOf(
      wallet(0)
        .sendTransaction({ to: lightClient, data: encodeFunctionData({ abi: fake.abi, functionName, args }), account: developmentAccount(0), chain })
        .then((hash) => ({ hash })),
    );
  const sync = async (entries: RouteEntry[]) => {
    for (const e of entries) head = exportLink(head, e);
    number += 1n;
    const { timestamp } = await publicClient.getBlock();
    await fakeWrite('setHeader', [ledgerId, number, timestamp]);
    await fakeWrite('setStorage', [ledgerId, number, peerTrustStore, EXPORT_HEAD_SLOT, head, accountProof, storageProof]);
    return gasOf(syncRoutes(wallet(3), { address: peerTrust, ledgerId, blockNumber: number, accountProof, storageProof, entries }));
  };
  const out: Record<string, number> = {};
  out['interop.part.peerTrust.sync.oneAnnouncement'] = await sync([entry(RouteKind.Announce, 0)]);
  out['interop.part.peerTrust.sync.oneWithdrawal'] = await sync([entry(RouteKind.Withdraw, 0)]);
  out['interop.part.peerTrust.sync.keepalive'] = await sync([]);
  out['interop.part.peerTrust.sync.50routes'] = await sync(Array.from({ length: 50 }, (_, i) => entry(RouteKind.Announce, i + 1)));

  // verifyRecord: a free eth_call; its gas as a transaction calling it would spend it.
  const recordHash = keccak256(toHex('record 1'));
  await fakeWrite('setStorage', [ledgerId, number, peerRegistry, recordSlot(1n), recordHash, accountProof, storageProof]);
  const args = [ledgerId, number, 1n, recordHash, accountProof, storageProof] as const;
  const answer = await publicClient.readContract({ address: peerTrust, abi: peerTrustAbi, functionName: 'verifyRecord', args });
  if (!answer) throw new Error('verifyRecord answered false for the record it was given');
  out['interop.part.peerTrust.verifyRecord'] = Number(
    await publicClient.estimateGas({
      to: peerTrust,
      data: encodeFunctionData({ abi: peerTrustAbi, functionName: 'verifyRecord', args }),
      account: developmentAccount(0).address,
    }),
  );
  return out;
}
