// The trust routes of the embedded default: for each direction A -> B, A's validators' signing process
// (test keys; anvil does not run QBFT), a light client on B registered by B's PeerTrust, and the peering
// agreement proposed and executed by B's governance. Reused on restart when B's PeerTrust has it.
import { createPublicClient, createWalletClient, http, type Address, type Hex, type PublicClient } from 'viem';
import { deployContract, readContract, waitForTransactionReceipt } from 'viem/actions';
import { ledgerLightClientAbi, ledgerLightClientBytecode } from '../../contracts-abi/LedgerLightClient.ts';
import { peerTrustAbi } from '../../contracts-abi/PeerTrust.ts';
import { chainOf, executeProposal, getPeerTrustAddress, ledgerIdOf, proposePeering, type NetworkConfig } from '../../app/ledger/index.ts';
import { peeringAgreementOf } from '../peering.ts';
import { peeringBindings } from '../../relayer/bindings.ts';
import { startSealer, type SealerProcess } from '../interop/sealer.ts';
import { createRelayer, type Relayer, type RelayerConfig } from '../../relayer/index.ts';
import { developmentAccount, embeddedRoles } from './accounts.ts';
import { peerLedgers, writePeerings, type EmbeddedPeers, type PeerCountry } from './peers.ts';

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
  // The agreement as `npm run deploy -- --peering` builds it: the trusted header is A's newest, sealed
  // by A's signing process as every relayed one is.
  const agreement = await peeringAgreementOf(
    {
      peer: {
        name: from.name,
        chainId: from.chainId,
        rpcUrl: from.rpcUrl,
        trustStore: from.contracts.trustStore,
        validators: params.sealer.validators,
        trustingPeriodSeconds: 14 * 24 * 3600,
        ...(from.contracts.transactionRegistry ? { transactionRegistry: from.contracts.transactionRegistry } : {}),
        sealerUrl: params.sealer.url,
      },
      countries: [from.country],
      holdSeconds: params.holdSeconds,
      ledgerId,
    },
    { lightClient },
  );
  const member = embeddedRoles.find((r) => r.role === 'member' && r.country === to.country);
  if (!member) throw new Error(`no member authority of ${to.country} governs chain ${to.chainId}`);
  const proposed = await proposePeering(wallet(to, member.index), { address: to.contracts.trustStore, agreement });
  await waitForTransactionReceipt(b, { hash: proposed.hash });
  await waitForTransactionReceipt(b, { hash: (await executeProposal(wallet(to, member.index), { address: to.contracts.trustStore, id: proposed.proposalId })).hash });
  params.log(`Peering voted on chain ${to.chainId}: routes of ${from.country} from chain ${from.chainId}, hold timer ${params.holdSeconds} s (proposal ${proposed.proposalId}).`);
  return { from: from.chainId, to: to.chainId, ledgerId, holdSeconds: params.holdSeconds, lightClient, peerTrust };
}

export type EmbeddedRoutes = {
  readonly routes: readonly (EmbeddedRoute & { readonly fromCountry: PeerCountry; readonly toCountry: PeerCountry })[];
  readonly sealers: Readonly<Record<PeerCountry, SealerProcess>>;
  /** The relayer, running in this process: one relay loop per direction. */
  readonly relayer: Relayer;
  stop(): Promise<void>;
};

export type StartEmbeddedRoutesParameters = {
  readonly peers: EmbeddedPeers;
  /** The agreements' hold timer (used when a peering is voted; a reused one keeps its own). */
  readonly holdSeconds: number;
  /** The relayer proves a fresh header without news once B's proof of A is this old (below the hold timer). */
  readonly keepaliveSeconds: number;
  readonly pollMs?: number;
  readonly log?: (line: string) => void;
  /** The relayer's own log lines (one per relay or failure). */
  readonly relayerLog?: (line: string) => void;
};

/** The relayer's gas-paying account on both embedded ledgers (a development account no person uses). */
export const embeddedRelayerAccount = () => developmentAccount(embeddedRoles.find((r) => r.role === 'relayer')!.index);

/**
 * The trust routes of the embedded default, both ways: each ledger's validators' signing process, the
 * peering voted on each ledger (or reused), network.json's peerings, and the relayer started in-process.
 */
export async function startEmbeddedRoutes(params: StartEmbeddedRoutesParameters): Promise<EmbeddedRoutes> {
  const log = params.log ?? (() => {});
  const { peers } = params;
  const started: SealerProcess[] = [];
  try {
    const [br, cn] = await Promise.all(peerLedgers.map(async (p) => {
      const sealer = await startEmbeddedSealer(p.country);
      started.push(sealer);
      return sealer;
    }));
    const sealers = { BR: br!, CN: cn! };
    const ledger = (country: PeerCountry) => ({ ...peers.ledgers[country].network, country });
    const routes: EmbeddedRoutes['routes'][number][] = [];
    for (const [fromCountry, toCountry] of [['CN', 'BR'], ['BR', 'CN']] as const) {
      const route = await ensureEmbeddedRoute({ from: ledger(fromCountry), to: ledger(toCountry), sealer: sealers[fromCountry], holdSeconds: params.holdSeconds, log });
      routes.push({ ...route, fromCountry, toCountry });
    }
    writePeerings(peers.networkFile, routes);
    const config: RelayerConfig = {
      ledgers: Object.fromEntries(
        peerLedgers.map(({ country }) => {
          const n = peers.ledgers[country].network;
          const inbound = routes.find((r) => r.toCountry === country)!;
          return [country, { chainId: n.chainId, rpcUrl: n.rpcUrl, trustStore: n.contracts.trustStore, lightClient: inbound.lightClient, peerTrust: inbound.peerTrust }];
        }),
      ),
      peerings: routes.map((r) => ({
        from: r.fromCountry,
        to: r.toCountry,
        ledgerId: r.ledgerId,
        sealerUrl: sealers[r.fromCountry].url,
        keepaliveSeconds: params.keepaliveSeconds,
      })),
      pollMs: params.pollMs ?? 250,
    };
    const relayer = createRelayer(config, { account: embeddedRelayerAccount(), bindings: peeringBindings, ...(params.relayerLog ? { log: params.relayerLog } : {}) });
    relayer.start();
    const stop = async () => {
      await relayer.stop();
      await Promise.all(started.map((s) => s.stop()));
    };
    return { routes, sealers, relayer, stop };
  } catch (error) {
    await Promise.all(started.map((s) => s.stop()));
    throw error;
  }
}
