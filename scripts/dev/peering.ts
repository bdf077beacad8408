// NOT WIRED YET (branch interop, 00:25 UTC): npm start does not call this; its first end-to-end run
// did not finish before the hard stop. The integrator wires it into scripts/dev/peers.ts (see report).
// The trust routes of the embedded default: for each direction A -> B, A's validators' signing process
// (test keys; anvil does not run QBFT), a light client on B registered by B's PeerTrust, and the peering
// agreement proposed and executed by B's governance. Reused on restart when B's PeerTrust has it.
import { createPublicClient, createWalletClient, http, type Address, type Hex, type PublicClient } from 'viem';
import { deployContract, readContract, waitForTransactionReceipt } from 'viem/actions';
import { ledgerLightClientAbi, ledgerLightClientBytecode } from '../../contracts-abi/LedgerLightClient.ts';
import { peerTrustAbi } from '../../contracts-abi/PeerTrust.ts';
import { chainOf, countryToBytes2, executeProposal, getPeerTrustAddress, ledgerIdOf, proposePeering, type NetworkConfig } from '../../app/ledger/index.ts';
import { qbftSealer, rpcSource } from '../../relayer/ledgers.ts';
import { peeringBindings } from '../../relayer/bindings.ts';
import { startSealer, type SealerProcess } from '../interop/sealer.ts';
import { developmentAccount, embeddedRoles } from './accounts.ts';

export type EmbeddedRoute = {
  readonly from: number;
  readonly to: number;
  readonly ledgerId: Hex;
  readonly holdSeconds: number;
  readonly lightClient: Address;
  readonly peerTrust: Address;
};

const client = (l: NetworkConfig) => createPublicClient({ chain: chainOf(l), transport: http(l.rpcUrl) }) as PublicClient;
const wallet = (l: NetworkConfig, index: number) => createWalletClient({ chain: chainOf(l), transport: http(l.rpcUrl), account: developmentAccount(index) });

/** A's signing process: 4 test validators derived from a public seed (the same on every start). */
export const startEmbeddedSealer = (country: string): Promise<SealerProcess> => startSealer({ seed: `pki-ledger embedded ${country} validators`, validators: 4 });

export async function ensureEmbeddedRoute(params: {
  readonly from: NetworkConfig & { readonly country: string };
  readonly to: NetworkConfig & { readonly country: string };
  readonly sealer: SealerProcess;
  readonly holdSeconds: number;
  readonly log: (line: string) => void;
}): Promise<EmbeddedRoute> {
  const { from, to } = params;
  const a = client(from);
  const b = client(to);
  const genesis = (await a.getBlock({ blockNumber: 0n })).hash;
  const ledgerId = ledgerIdOf(BigInt(from.chainId), genesis);
  const peerTrust = await getPeerTrustAddress(b, { address: to.contracts.trustStore });
  // peer() reverts (PeerTrust__UnknownPeer) for a ledger never peered.
  const existing = await readContract(b, { abi: peerTrustAbi, address: peerTrust, functionName: 'peer', args: [ledgerId] }).catch(() => undefined);
  if (existing?.active) return { from: from.chainId, to: to.chainId, ledgerId, holdSeconds: Number(existing.holdTime), lightClient: existing.lightClient, peerTrust };

  const deployer = wallet(to, 0);
  const deployed = await deployContract(deployer, { abi: ledgerLightClientAbi, bytecode: ledgerLightClientBytecode, args: [peerTrust] });
  const lightClient = (await waitForTransactionReceipt(b, { hash: deployed })).contractAddress!;
  // The header governance vouches for: A's newest, encoded and sealed as every relayed one is.
  const source = rpcSource({ chainId: from.chainId, rpcUrl: from.rpcUrl, trustStore: from.contracts.trustStore }, peeringBindings);
  const trustedHeaderRlp = await qbftSealer(params.sealer.url).seal(await source.rawBlock(await source.latestBlockNumber()));
  const member = embeddedRoles.find((r) => r.role === 'member' && r.country === to.country);
  if (!member) throw new Error(`no member authority of ${to.country} governs chain ${to.chainId}`);
  const proposed = await proposePeering(wallet(to, member.index), {
    address: to.contracts.trustStore,
    agreement: {
      ledgerId,
      chainId: BigInt(from.chainId),
      genesisHash: genesis,
      countries: [countryToBytes2(from.country)],
      validators: [...params.sealer.validators],
      trustingPeriod: 14n * 24n * 3600n,
      trustedHeaderRlp,
      holdTime: BigInt(params.holdSeconds),
      trustStore: from.contracts.trustStore,
      transactionRegistry: from.contracts.transactionRegistry ?? '0x0000000000000000000000000000000000000000',
      lightClient,
    },
  });
  await waitForTransactionReceipt(b, { hash: proposed.hash });
  await waitForTransactionReceipt(b, { hash: (await executeProposal(wallet(to, member.index), { address: to.contracts.trustStore, id: proposed.proposalId })).hash });
  params.log(`Peering voted on chain ${to.chainId}: routes of ${from.country} from chain ${from.chainId}, hold timer ${params.holdSeconds} s (proposal ${proposed.proposalId}).`);
  return { from: from.chainId, to: to.chainId, ledgerId, holdSeconds: params.holdSeconds, lightClient, peerTrust };
}
