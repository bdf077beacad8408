// A record of ledger A verified from ledger B with the REAL light client: A's headers sealed by the QBFT
// signing process (test validator keys), real eth_getProof proofs walked by LedgerLightClient's
// Merkle-Patricia code. One anvil plays both ledgers (B's agreement names A with another chain id; the
// light client checks seals and state roots, not chain ids), and A's registry is a stand-in that keeps
// record commitments in TransactionRegistry's slot layout.
import { createPublicClient, custom, encodeFunctionData, getAddress, http, keccak256, numberToHex, stringToHex, toHex, type Address, type Hex, type RpcBlock } from 'viem';
import { deployContract, waitForTransactionReceipt, writeContract } from 'viem/actions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerLightClientAbi, ledgerLightClientBytecode } from '@abi/LedgerLightClient';
/* eslint-disable app/layers -- test support: the real sealer process and the relayer's sealing client */
import { qbftSealer } from '../../../relayer/ledgers';
import { startSealer, type SealerProcess } from '../../../scripts/interop/sealer';
/* eslint-enable app/layers */
import { localLedger } from '../test/localLedger';
import { compileRecordStore } from '../test/peerTestContracts';
import { deployTrustStore, executeProposal } from '../trustStore';
import { getPeerTrustAddress, ledgerIdOf, proposePeering, verifyRecordFromPeer } from './index';

const { publicClient, rpcUrl, chain, wallet, fund } = localLedger();
// Accounts no other test file uses.
const deployer = wallet(150);
const brazil = wallet(151);
const relayer = wallet(152);
const chainA = 7002;
const genesisA = keccak256(toHex('routeapp record ledger A genesis'));
const ledgerId = ledgerIdOf(BigInt(chainA), genesisA);
const recordStore = compileRecordStore();

let sealer: SealerProcess;
let peerTrust: Address;
let registry: Address;
let lightClient: Address;
const recordHash = keccak256(toHex('the record of transaction 1'));

const mined = async (hash: Hex) => {
  const receipt = await waitForTransactionReceipt(publicClient, { hash });
  expect(receipt.status).toBe('success');
  return receipt;
};
/** A's block `number` sealed by its validators, as the relayer sends it. */
const sealed = async (number: bigint) => {
  const block = (await publicClient.request({ method: 'eth_getBlockByNumber', params: [numberToHex(number), false] })) as RpcBlock;
  return qbftSealer(sealer.url).seal(block);
};
const verify = (params: Partial<Parameters<typeof verifyRecordFromPeer>[1]> = {}) =>
  verifyRecordFromPeer(publicClient, { address: peerTrust, source: publicClient, sourceChainId: chainA, transactionRegistry: registry, txId: 1n, ...params });

describe('a record of ledger A verified from ledger B (real light client, real proofs)', () => {
  beforeAll(async () => {
    await fund(deployer, brazil, relayer);
    sealer = await startSealer({ seed: 'routeapp record test', validators: 4 });
    const { address: trustStore } = await deployTrustStore(deployer, { members: [{ account: brazil.account.address, country: 'BR', name: 'ITI (test)' }] });
    peerTrust = await getPeerTrustAddress(publicClient, { address: trustStore });
    registry = (await mined(await deployContract(deployer, { abi: recordStore.abi, bytecode: recordStore.bytecode }))).contractAddress!;
    lightClient = (await mined(await deployContract(deployer, { abi: ledgerLightClientAbi, bytecode: ledgerLightClientBytecode, args: [peerTrust] }))).contractAddress!;
    const proposed = await proposePeering(brazil, {
      address: trustStore,
      agreement: {
        ledgerId,
        chainId: BigInt(chainA),
        genesisHash: genesisA,
        countries: [stringToHex('CN', { size: 2 })],
        validators: [...sealer.validators],
        trustingPeriod: 14n * 86_400n,
        trustedHeaderRlp: await sealed(await publicClient.getBlockNumber({ cacheTime: 0 })),
        holdTime: 600n,
        trustStore: '0x00000000000000000000000000000000000a11ce',
        transactionRegistry: registry,
        lightClient,
      },
    });
    await mined(proposed.hash);
    await mined((await executeProposal(brazil, { address: trustStore, id: proposed.proposalId })).hash);
    // The light client takes only headers later in time than the trusted one, and anvil dates the blocks
    // of one second alike: the record goes into a block of a later second.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await mined(await relayer.sendTransaction({ to: registry, data: encodeFunctionData({ abi: recordStore.abi, functionName: 'commit', args: [1n, recordHash] }) }));
  });

  afterAll(async () => {
    await sealer?.stop();
  });

  it('is not verified before B proved a block of A that holds the record, nor for a transaction not completed', async () => {
    const early = await verify();
    expect(early.status).toBe('not-yet-proven');
    expect(await verify({ txId: 2n })).toEqual({ status: 'not-completed' });
    expect(await verify({ sourceChainId: 7999 })).toEqual({ status: 'no-agreement' });
    expect(await verify({ transactionRegistry: '0x00000000000000000000000000000000000c0c00' })).toEqual({ status: 'other-registry', registry: getAddress(registry) });
  });

  it('is verified once a sealed header after the record is relayed, and a lying node of A is refused', async () => {
    const number = await publicClient.getBlockNumber({ cacheTime: 0 });
    await mined(await writeContract(relayer, { address: lightClient, abi: ledgerLightClientAbi, functionName: 'submitHeader', args: [ledgerId, await sealed(number)] }));
    expect(await verify()).toEqual({ status: 'verified', blockNumber: number, recordHash, ledgerId });

    // A's node hands a storage proof whose value node is altered: B's light client does not reach the state root.
    const node = http(rpcUrl)({ chain });
    const lying = createPublicClient({
      chain,
      transport: custom({
        async request({ method, params }) {
          const answer = (await node.request({ method, params })) as { storageProof?: { proof: Hex[] }[] };
          if (method !== 'eth_getProof' || !answer.storageProof?.[0]) return answer;
          const proof = answer.storageProof[0].proof;
          const last = proof[proof.length - 1]!;
          return { ...answer, storageProof: [{ ...answer.storageProof[0], proof: [...proof.slice(0, -1), `${last.slice(0, -2)}${last.endsWith('00') ? '01' : '00'}`] }] };
        },
      }),
    });
    expect(await verify({ source: lying })).toEqual({ status: 'refused', blockNumber: number });
  });
});
