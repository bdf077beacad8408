// The embedded default: a local ledger with a deployed, governed Trust Store and demo trust anchors,
// and the IdentityRegistry and TransactionRegistry over it.
// Everything lives in the git-ignored data folder, so a restart keeps governance and all records.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createPublicClient, createWalletClient, http, keccak256, toHex, type Address, type Hex, type PublicClient } from 'viem';
import { waitForTransactionReceipt } from 'viem/actions';
import { identityRegistryBytecode } from '../../contracts-abi/IdentityRegistry.ts';
import { transactionRegistryBytecode } from '../../contracts-abi/TransactionRegistry.ts';
import { trustStoreBytecode } from '../../contracts-abi/TrustStore.ts';
import { parseCertificateSync } from '../../app/pki/index.ts';
import {
  AnchorStatus,
  approveProposal,
  deployIdentityRegistry,
  deployTransactionRegistry,
  deployTrustStore,
  embeddedLedger,
  executeProposal,
  getAnchor,
  proposeAddAnchor,
  proposeRetireAnchor,
  type NetworkConfig,
} from '../../app/ledger/index.ts';
import { developmentAccount, embeddedRoles } from './accounts.ts';
import { startAnvil, type Anvil } from './anvil.ts';
import { ensureDemoRoots, type DemoRoot, type DemoRoots } from './demoRoots.ts';

export const defaultDataDir = path.resolve(import.meta.dirname, '..', '..', 'data');

export type EmbeddedLedger = {
  readonly anvil: Anvil;
  readonly network: NetworkConfig;
  readonly networkFile: string;
  readonly freshlyDeployed: boolean;
  readonly roots: readonly DemoRoot[];
  /** The demo PKIs: certificates, holders' PKCS#12 files and manifest.json. */
  readonly demoDir: string | undefined;
};

export type EnsureEmbeddedLedgerParameters = {
  readonly dataDir?: string;
  readonly port?: number;
  readonly log?: (line: string) => void;
  /** Where demo trust anchors come from; defaults to the demo PKIs in data/demo-pki. */
  readonly demoRoots?: (dataDir: string) => Promise<DemoRoots>;
  /** One ledger of several: its chain id and name (default: the single embedded ledger, 31337). */
  readonly chain?: { readonly id: number; readonly name: string };
  /** The countries whose member authorities govern this Trust Store (default: all, BR and CN). */
  readonly memberCountries?: readonly string[];
  /**
   * Also mine an empty block every this many seconds, as a QBFT network does (its block period), while
   * transactions still mine at once: a peer's light client needs fresh headers to keep a route alive.
   */
  readonly blockPeriodSeconds?: number;
};

/** Creation bytecode hashes of what is deployed, kept in network.json to notice when contracts/ changed. */
type BytecodeHashes = {
  readonly trustStoreBytecodeHash?: Hex;
  readonly identityRegistryBytecodeHash?: Hex;
  readonly transactionRegistryBytecodeHash?: Hex;
};

const jsonBigint = (_: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);

export async function ensureEmbeddedLedger(params: EnsureEmbeddedLedgerParameters = {}): Promise<EmbeddedLedger> {
  const dataDir = params.dataDir ?? defaultDataDir;
  const log = params.log ?? (() => {});
  mkdirSync(dataDir, { recursive: true });
  const ledgerChain = params.chain ?? embeddedLedger;
  const memberCountries: readonly string[] = params.memberCountries ?? embeddedRoles.flatMap((r) => (r.role === 'member' ? [r.country] : []));
  const anvil = await startAnvil({
    chainId: ledgerChain.id,
    port: params.port ?? 8545,
    stateFile: path.join(dataDir, 'ledger-state.json'),
    ...(params.blockPeriodSeconds ? { blockTime: params.blockPeriodSeconds, mixedMining: true } : {}),
  });
  try {
    const chain = { ...embeddedLedger, id: ledgerChain.id, name: ledgerChain.name, rpcUrls: { default: { http: [anvil.rpcUrl] } } };
    const publicClient = createPublicClient({ chain, transport: http(anvil.rpcUrl) }) as PublicClient;
    const networkFile = path.join(dataDir, 'network.json');
    const previous = existsSync(networkFile)
      ? (JSON.parse(readFileSync(networkFile, 'utf8')) as NetworkConfig & BytecodeHashes)
      : undefined;
    // Deployed code embeds immutables, so the creation bytecode's hash tells whether contracts/ changed.
    const bytecodeHashes: Required<BytecodeHashes> = {
      trustStoreBytecodeHash: keccak256(trustStoreBytecode),
      identityRegistryBytecodeHash: keccak256(identityRegistryBytecode),
      transactionRegistryBytecodeHash: keccak256(transactionRegistryBytecode),
    };
    const { roots, retired, demoDir } = await (params.demoRoots ?? ensureDemoRoots)(dataDir);

    const deployer = createWalletClient({ chain, transport: http(anvil.rpcUrl), account: developmentAccount(0) });
    let trustStore: Address | undefined = previous?.contracts.trustStore;
    let fromBlock = previous?.fromBlock !== undefined ? BigInt(previous.fromBlock) : 0n;
    let freshlyDeployed = false;
    const code = trustStore ? await publicClient.getCode({ address: trustStore }) : undefined;
    if (!trustStore || !code || code === '0x') {
      log('No Trust Store on the embedded ledger yet: deploying it.');
      trustStore = undefined;
    } else if (previous?.trustStoreBytecodeHash !== bytecodeHashes.trustStoreBytecodeHash) {
      log(`The Trust Store at ${trustStore} runs older bytecode than contracts/ compiles to: deploying the new one (the old ledger state stays in data/).`);
      trustStore = undefined;
    }
    if (trustStore) log(`Reusing the Trust Store at ${trustStore} and the ledger state in ${dataDir}.`);
    if (!trustStore) {
      const members = membersOf(memberCountries)
        .map((r) => ({ account: developmentAccount(r.index).address, country: r.country, name: r.name }));
      const deployed = await deployTrustStore(deployer, { members });
      trustStore = deployed.address;
      fromBlock = deployed.blockNumber;
      freshlyDeployed = true;
      log(`Trust Store deployed at ${trustStore}.`);
    }
    // On a ledger one country governs, only that country's root is voted here; the other's arrives by route.
    await seedDemoAnchors(publicClient, anvil.rpcUrl, trustStore, roots, memberCountries, log);
    await retireAnchors(publicClient, anvil.rpcUrl, trustStore, retired, memberCountries, log);

    // The registries are bound to the Trust Store (and the TransactionRegistry to the IdentityRegistry)
    // at construction: a new Trust Store or new bytecode means new registries.
    const reusable = async (name: 'identityRegistry' | 'transactionRegistry', hashKey: keyof BytecodeHashes, dependencyKept: boolean) => {
      const address = previous?.contracts[name];
      if (!address || !dependencyKept || freshlyDeployed || previous?.[hashKey] !== bytecodeHashes[hashKey]) return undefined;
      const deployedCode = await publicClient.getCode({ address });
      return deployedCode && deployedCode !== '0x' ? address : undefined;
    };
    let identityRegistry = await reusable('identityRegistry', 'identityRegistryBytecodeHash', true);
    if (!identityRegistry) {
      identityRegistry = (await deployIdentityRegistry(deployer, { trustStore })).address;
      log(`IdentityRegistry deployed at ${identityRegistry}.`);
    }
    const identityKept = identityRegistry === previous?.contracts.identityRegistry;
    let transactionRegistry = await reusable('transactionRegistry', 'transactionRegistryBytecodeHash', identityKept);
    if (!transactionRegistry) {
      transactionRegistry = (await deployTransactionRegistry(deployer, { identityRegistry })).address;
      log(`TransactionRegistry deployed at ${transactionRegistry}.`);
    }

    const network: NetworkConfig = {
      chainId: ledgerChain.id,
      name: ledgerChain.name,
      rpcUrl: anvil.rpcUrl,
      contracts: { trustStore, identityRegistry, transactionRegistry },
      fromBlock,
      embedded: true,
      ...(memberCountries.length === 1 ? { country: memberCountries[0] } : {}),
    };
    writeFileSync(networkFile, JSON.stringify({ ...network, ...bytecodeHashes }, jsonBigint, 2));
    return { anvil, network, networkFile, freshlyDeployed, roots, demoDir };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

/** The member authorities of the given countries. */
const membersOf = (countries: readonly string[]) => embeddedRoles.flatMap((r) => (r.role === 'member' && countries.includes(r.country) ? [r] : []));

/** A root's anchor hash in the Trust Store: SHA-256 of its tbsCertificate (the engine's identity). */
const anchorHashOf = (der: Uint8Array): Hex => `0x${parseCertificateSync(der).identity}`;

/** Each member proposes its country's demo root (a root of that country: no exception), the other approves, then it is executed. */
async function seedDemoAnchors(publicClient: PublicClient, rpcUrl: string, address: Address, roots: readonly DemoRoot[], countries: readonly string[], log: (l: string) => void) {
  const members = membersOf(countries);
  const wallet = (index: number) => createWalletClient({ chain: publicClient.chain, transport: http(rpcUrl), account: developmentAccount(index) });
  for (const root of roots) {
    const der: Hex = toHex(root.der);
    const anchorHash = anchorHashOf(root.der);
    const existing = await getAnchor(publicClient, { address, anchorHash });
    if (existing.status !== 0) continue;
    const proposer = members.find((m) => m.country === root.country);
    if (!proposer) continue;
    const proposed = await proposeAddAnchor(wallet(proposer.index), { address, der, country: root.country, exceptions: 0 });
    await waitForTransactionReceipt(publicClient, { hash: proposed.hash });
    for (const other of members.filter((m) => m !== proposer)) {
      const approved = await approveProposal(wallet(other.index), { address, id: proposed.proposalId });
      await waitForTransactionReceipt(publicClient, { hash: approved.hash });
    }
    const executed = await executeProposal(wallet(proposer.index), { address, id: proposed.proposalId });
    await waitForTransactionReceipt(publicClient, { hash: executed.hash });
    log(`Demo trust anchor of ${root.country} approved by ${members.length === 1 ? 'its member' : 'both members'} on chain ${publicClient.chain?.id} (proposal ${proposed.proposalId}, anchor ${anchorHash}).`);
  }
}

/** Retires anchors (placeholders of an older data folder) the same way: propose, approve, execute. */
async function retireAnchors(publicClient: PublicClient, rpcUrl: string, address: Address, roots: readonly DemoRoot[], countries: readonly string[], log: (l: string) => void) {
  const members = membersOf(countries);
  const wallet = (index: number) => createWalletClient({ chain: publicClient.chain, transport: http(rpcUrl), account: developmentAccount(index) });
  for (const root of roots) {
    const anchorHash = anchorHashOf(root.der);
    const existing = await getAnchor(publicClient, { address, anchorHash });
    if (existing.status === AnchorStatus.None || existing.status === AnchorStatus.Retired) continue;
    const proposer = members.find((m) => m.country === root.country);
    if (!proposer) continue;
    const proposed = await proposeRetireAnchor(wallet(proposer.index), { address, anchorHash });
    await waitForTransactionReceipt(publicClient, { hash: proposed.hash });
    for (const other of members.filter((m) => m !== proposer)) {
      await waitForTransactionReceipt(publicClient, { hash: (await approveProposal(wallet(other.index), { address, id: proposed.proposalId })).hash });
    }
    await waitForTransactionReceipt(publicClient, { hash: (await executeProposal(wallet(proposer.index), { address, id: proposed.proposalId })).hash });
    log(`Placeholder anchor of ${root.country} retired by both members (proposal ${proposed.proposalId}).`);
  }
}
