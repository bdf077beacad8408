// The end-to-end interop block of bench:gas (issue 15, branch keepalive): what a relayer really pays on
// ledger B to carry ledger A's state, with the real LedgerLightClient and PeerTrust on two Cancun anvil
// nodes (Besu networks run Cancun at most). A is a Chinese ledger as the embedded default deploys it
// (TrustStore, IdentityRegistry, TransactionRegistry; a P-256 holder who completed a transaction, so its
// record is committed); its headers are its real blocks in Besu's QBFT layout, sealed in process by 4
// test validators (3 seals); proofs are A's real eth_getProof answers.
//   interop.sync.*              one relay, the sum of the transactions the relayer sends
//                               (.twoTx: submitHeader then sync, the entry points of the first version;
//                               otherwise syncWithHeader, one transaction; the first version's round
//                               carries a reinstatement where the other carries the route's first announcement)
//   interop.verifyRecord        PeerTrust.verifyRecord of A's record at the last proven block (eth_call gas)
//   interop.proof.depth.*       the proof sizes behind these figures (nodes in the account / storage proof)
//   *.state2000Accounts         a keepalive after 2,000 more accounts were funded on A (a deeper account trie)
import { createPublicClient, createTestClient, createWalletClient, encodeFunctionData, hexToBytes, http, keccak256, sha256, toHex, type Address, type Hex, type PublicClient } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { deployContract, getProof, readContract, waitForTransactionReceipt } from 'viem/actions';
import { ledgerLightClientAbi, ledgerLightClientBytecode } from '../../contracts-abi/LedgerLightClient.ts';
import { peerTrustAbi } from '../../contracts-abi/PeerTrust.ts';
import { transactionRegistryAbi } from '../../contracts-abi/TransactionRegistry.ts';
import {
  approveProposal,
  countryToBytes2,
  createTransaction,
  deployTrustStore,
  executeProposal,
  EXPORT_HEAD_SLOT,
  getPeerTrustAddress,
  getSignTypedData,
  ledgerIdOf,
  proposePeering,
  recordSlot,
  signTransaction,
  suspendAnchor,
  proposeReinstateAnchor,
  syncRoutes,
  syncRoutesWithHeader,
  type LedgerWriteClient,
  type RouteEntry,
} from '../../app/ledger/index.ts';
import { encodeQbftHeader, sealQbftHeader, unsealedQbftExtraData, type HeaderBlock } from '../../app/ledger/interop/index.ts';
import { buildChinaTestPki, deployTestLedger, registerTestHolder } from '../../app/ledger/test/ledgerPki.ts';
import { createCmsSignature, cryptoKeySigner } from '../../app/pki/index.ts';
import { peeringBindings } from '../../relayer/bindings.ts';
import { developmentAccount } from '../dev/accounts.ts';
import { startAnvil } from '../dev/anvil.ts';
import { deriveValidatorKeys } from '../interop/sealer.ts';

const CHAIN_A = 7101;
const CHAIN_B = 7102;

export async function benchInterop(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const [nodeA, nodeB] = await Promise.all([
    startAnvil({ chainId: CHAIN_A, port: 0, hardfork: 'cancun' }),
    startAnvil({ chainId: CHAIN_B, port: 0, hardfork: 'cancun' }),
  ]);
  try {
    const chainOf = (id: number, rpcUrl: string) => ({
      id,
      name: `Chain ${id}`,
      nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpcUrls: { default: { http: [rpcUrl] } },
    });
    const chainA = chainOf(CHAIN_A, nodeA.rpcUrl);
    const chainB = chainOf(CHAIN_B, nodeB.rpcUrl);
    const a = createPublicClient({ chain: chainA, transport: http(nodeA.rpcUrl) }) as PublicClient;
    const b = createPublicClient({ chain: chainB, transport: http(nodeB.rpcUrl) }) as PublicClient;
    const walletA = (i: number): LedgerWriteClient => createWalletClient({ chain: chainA, transport: http(nodeA.rpcUrl), account: developmentAccount(i) });
    const walletB = (i: number): LedgerWriteClient => createWalletClient({ chain: chainB, transport: http(nodeB.rpcUrl), account: developmentAccount(i) });
    const testA = createTestClient({ mode: 'anvil', transport: http(nodeA.rpcUrl) });
    const mined = async (client: PublicClient, p: Promise<{ hash: Hex }>) => {
      const receipt = await waitForTransactionReceipt(client, { hash: (await p).hash });
      if (receipt.status !== 'success') throw new Error(`transaction ${receipt.transactionHash} reverted`);
      return Number(receipt.gasUsed);
    };

    // Ledger A: China governs it; a CN holder completes a one-party transaction, so its record is committed.
    const cn = await buildChinaTestPki();
    const holder = await cn.issueHolder('Zhang San (interop bench)');
    const [cnMember, cnHolder] = [walletA(2), walletA(7)];
    const contractsA = await deployTestLedger({ publicClient: a, deployer: walletA(0), members: [{ wallet: cnMember, country: 'CN' }], roots: [{ der: cn.root.hex, country: 'CN' }] });
    await mined(a, registerTestHolder(cnHolder, { publicClient: a, address: contractsA.identityRegistry, holder, anchorHash: cn.root.identity }));
    const deadline = (await a.getBlock()).timestamp + 3600n;
    const created = createTransaction(cnHolder, {
      address: contractsA.transactionRegistry,
      parties: [{ country: 'CN' }],
      payloadHash: sha256(toHex('interop bench document')),
      terms: { amount: 100_000n, decimals: 2, currency: 'CNY', paymentReference: 'BENCH-INTEROP', memoHash: keccak256(toHex('memo')) },
      deadline,
    });
    await mined(a, created);
    const { id: txId } = await created;
    const { digest } = await getSignTypedData(a, { address: contractsA.transactionRegistry, id: txId, partyIndex: 0, account: cnHolder.account.address });
    const cms = await createCmsSignature({ content: hexToBytes(digest), signerCertificate: holder.der, sign: cryptoKeySigner(holder.privateKey) });
    await mined(a, signTransaction(cnHolder, { address: contractsA.transactionRegistry, id: txId, partyIndex: 0, signedAttributes: toHex(cms.signedAttributes), signature: toHex(cms.signature) }));
    const recordHash = await readContract(a, { address: contractsA.transactionRegistry, abi: transactionRegistryAbi, functionName: 'recordHashOf', args: [txId] });
    if (/^0x0+$/.test(recordHash)) throw new Error('the transaction on A was not recorded');

    // A's validators (test keys) and its headers as Besu would seal them.
    const keys = deriveValidatorKeys('interop bench', 4);
    const validators = keys.map((k) => privateKeyToAddress(k));
    const sealedHeader = async (number: bigint): Promise<Hex> => {
      const block = (await a.request({ method: 'eth_getBlockByNumber', params: [toHex(number), false] })) as HeaderBlock | null;
      if (!block) throw new Error(`A has no block ${number}`);
      return sealQbftHeader(encodeQbftHeader(block, unsealedQbftExtraData(validators)), keys.slice(0, 3));
    };
    /** A new block of A, two seconds after the newest (QBFT blocks are at least a second apart). */
    const nextTimeA = async () => testA.setNextBlockTimestamp({ timestamp: (await a.getBlock()).timestamp + 2n });
    const mineA = async () => {
      await nextTimeA();
      await testA.mine({ blocks: 1 });
      return a.getBlockNumber({ cacheTime: 0 });
    };

    // Ledger B: Brazil and Portugal govern it; it peers with A for China's anchors, with the real light client.
    const { address: trustStoreB } = await deployTrustStore(walletB(0), {
      members: [
        { account: developmentAccount(1).address, country: 'BR', name: 'BR' },
        { account: developmentAccount(3).address, country: 'PT', name: 'PT' },
      ],
    });
    const peerTrust = await getPeerTrustAddress(b, { address: trustStoreB });
    const deployHash = await deployContract(walletB(0), { abi: ledgerLightClientAbi, bytecode: ledgerLightClientBytecode, args: [peerTrust], chain: chainB });
    const lightClient = (await waitForTransactionReceipt(b, { hash: deployHash })).contractAddress!;
    const genesis = (await a.getBlock({ blockNumber: 0n })).hash;
    const ledgerId = ledgerIdOf(BigInt(CHAIN_A), genesis);
    const proposed = await proposePeering(walletB(1), {
      address: trustStoreB,
      agreement: {
        ledgerId,
        chainId: BigInt(CHAIN_A),
        genesisHash: genesis,
        countries: [countryToBytes2('CN')],
        validators,
        trustingPeriod: 14n * 24n * 3600n,
        trustedHeaderRlp: await sealedHeader(await mineA()),
        holdTime: 3600n,
        trustStore: contractsA.trustStore,
        transactionRegistry: contractsA.transactionRegistry,
        lightClient,
      },
    });
    await mined(b, Promise.resolve(proposed));
    await mined(b, approveProposal(walletB(3), { address: trustStoreB, id: proposed.proposalId }));
    await mined(b, executeProposal(walletB(1), { address: trustStoreB, id: proposed.proposalId }));

    const relayer = walletB(5);
    let seq = 0n;
    let provenNumber = 0n;
    const depth = { account: 0, storage: 0 };
    /** Relays A's newest block with the entries since the last relay, as the relayer does; returns the gas. */
    const relay = async (mode: 'twoTx' | 'oneTx'): Promise<number> => {
      const number = await a.getBlockNumber({ cacheTime: 0 });
      const routed = await peeringBindings.exportEntries(a, { trustStore: contractsA.trustStore, afterSeq: seq, fromBlock: provenNumber + 1n, toBlock: number });
      const entries = routed.map((e) => (e as unknown as { entry: RouteEntry }).entry);
      const headerRlp = await sealedHeader(number);
      const proof = await getProof(a, { address: contractsA.trustStore, storageKeys: [EXPORT_HEAD_SLOT], blockNumber: number });
      const accountProof = proof.accountProof;
      const storageProof = proof.storageProof[0]!.proof;
      depth.account = accountProof.length;
      depth.storage = storageProof.length;
      let gas = 0;
      if (mode === 'twoTx') {
        gas += await mined(b, relayer.writeContract({ address: lightClient, abi: ledgerLightClientAbi, functionName: 'submitHeader', args: [ledgerId, headerRlp], chain: chainB }).then((hash) => ({ hash })));
        gas += await mined(b, syncRoutes(relayer, { address: peerTrust, ledgerId, blockNumber: number, accountProof, storageProof, entries }));
      } else {
        gas += await mined(b, syncRoutesWithHeader(relayer, { address: peerTrust, ledgerId, headerRlp, accountProof, storageProof, entries }));
      }
      seq += BigInt(entries.length);
      provenNumber = number;
      const peer = await readContract(b, { address: peerTrust, abi: peerTrustAbi, functionName: 'peer', args: [ledgerId] });
      if (peer.provenNumber !== number || peer.seq !== seq) throw new Error(`B proved block ${peer.provenNumber} seq ${peer.seq}, not ${number} seq ${seq}`);
      return gas;
    };

    // Each mode carries an announcement (the first relay: the CN root's addition; then its
    // reinstatement), a withdrawal (its suspension) and a keepalive.
    for (const mode of ['oneTx', 'twoTx'] as const) {
      const suffix = mode === 'twoTx' ? '.twoTx' : '';
      if (mode === 'twoTx') {
        await nextTimeA();
        const reinstated = await proposeReinstateAnchor(cnMember, { address: contractsA.trustStore, anchorHash: cn.root.identity });
        await mined(a, Promise.resolve(reinstated));
        await nextTimeA();
        await mined(a, executeProposal(cnMember, { address: contractsA.trustStore, id: reinstated.proposalId }));
      } else {
        // The first relay is at a block after the one governance vouched for.
        await mineA();
      }
      // The first relay creates the route's slots; the reinstatement writes them again.
      out[mode === 'twoTx' ? 'interop.sync.oneReinstatement.twoTx' : 'interop.sync.oneAnnouncement'] = await relay(mode);
      await nextTimeA();
      await mined(a, suspendAnchor(cnMember, { address: contractsA.trustStore, anchorHash: cn.root.identity, reason: 'interop bench' }));
      out[`interop.sync.oneWithdrawal${suffix}`] = await relay(mode);
      await mineA();
      out[`interop.sync.keepalive${suffix}`] = await relay(mode);
    }
    out['interop.proof.depth.account'] = depth.account;
    out['interop.proof.depth.storage'] = depth.storage;

    // The record of A's transaction, proven at the last relayed block: a free eth_call on B.
    const recordProof = await getProof(a, { address: contractsA.transactionRegistry, storageKeys: [recordSlot(txId)], blockNumber: provenNumber });
    const data = encodeFunctionData({
      abi: peerTrustAbi,
      functionName: 'verifyRecord',
      args: [ledgerId, provenNumber, txId, recordHash, recordProof.accountProof, recordProof.storageProof[0]!.proof],
    });
    const answer = await b.call({ to: peerTrust, data });
    if (BigInt(answer.data ?? '0x0') !== 1n) throw new Error('verifyRecord did not prove the record of A');
    out['interop.verifyRecord'] = Number(await b.estimateGas({ to: peerTrust, data, account: developmentAccount(0).address }));

    // A bigger state: 2,000 more funded accounts on A (a real network's account trie is deeper).
    for (let i = 0; i < 2000; i++) {
      await testA.setBalance({ address: keccak256(toHex(`account ${i}`)).slice(0, 42) as Address, value: BigInt(i + 1) * 10n ** 15n });
    }
    for (const mode of ['oneTx', 'twoTx'] as const) {
      await mineA();
      out[`interop.sync.keepalive${mode === 'twoTx' ? '.twoTx' : ''}.state2000Accounts`] = await relay(mode);
    }
    out['interop.proof.depth.account.state2000Accounts'] = depth.account;
  } finally {
    await Promise.all([nodeA.stop(), nodeB.stop()]);
  }
  return out;
}

// `npx tsx scripts/bench/gasInterop.ts`: this block alone (bench:gas runs it with the others).
if (process.argv[1] === import.meta.filename) {
  const results = await benchInterop();
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}
