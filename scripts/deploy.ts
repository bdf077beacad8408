// `npm run deploy -- --rpc URL [--chain-id N] [--config FILE] ...`: deploys the contracts to any EVM
// JSON-RPC (Hyperledger Besu with QBFT as LACChain and Rede Blockchain Brasil run it, or any other) and
// writes the deployment into contracts-abi/deployments/<chainId>.json. The deployer key comes from a
// file (--key-file) or the DEPLOYER_PRIVATE_KEY environment variable, never from the command line.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createPublicClient, createWalletClient, defineChain, getAddress, http, isHex, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { deployContract, getChainId, readContract, simulateContract, waitForTransactionReceipt, writeContract } from 'viem/actions';
import { ledgerLightClientAbi, ledgerLightClientBytecode } from '../contracts-abi/LedgerLightClient.ts';
import { identityRegistryAbi, identityRegistryBytecode } from '../contracts-abi/IdentityRegistry.ts';
import { transactionRegistryAbi, transactionRegistryBytecode } from '../contracts-abi/TransactionRegistry.ts';
import { trustStoreAbi, trustStoreBytecode } from '../contracts-abi/TrustStore.ts';
import { countryToBytes2 } from '../app/ledger/countries.ts';
import { compileContracts, configuredEvmVersion, root } from './contracts/compile.ts';
import { DeployError } from './deployError.ts';
import { parsePeeringConfig, peeringAgreementOf, type PeeringConfig } from './peering.ts';
import { getRequiredApprovals } from '../app/ledger/index.ts';
import { trustStoreErrorsAbi } from '../app/ledger/trustStore/_write.ts';

export type GasMode = 'eip1559' | 'legacy' | 'zero';

export type DeployParameters = {
  readonly rpcUrl: string;
  /** Checked against the node's eth_chainId. */
  readonly chainId?: number;
  readonly privateKey: Hex;
  readonly members: readonly { readonly account: Address; readonly country: string; readonly name: string }[];
  readonly threshold?: number;
  readonly votingPeriod?: bigint;
  readonly gasMode?: GasMode;
  /** Compile for another EVM version than foundry.toml's (the network's hardfork). */
  readonly evmVersion?: string;
  readonly outDir?: string;
  readonly force?: boolean;
  /** Peer ledgers to peer with (--peering FILE): light client, PeerTrust and the agreements to vote. */
  readonly peerings?: readonly PeeringConfig[];
  readonly log?: (line: string) => void;
};

export type Deployment = {
  readonly chainId: number;
  readonly evmVersion: string;
  readonly deployedAt: string;
  readonly deployer: Address;
  readonly gasMode: GasMode;
  readonly contracts: {
    readonly trustStore: Address;
    readonly identityRegistry: Address;
    readonly transactionRegistry: Address;
    /** Deployed by the TrustStore's constructor: its peering agreements and the routes learned from them. */
    readonly peerTrust: Address;
    /** With --peering: the light client of the peer ledgers (PeerTrust registers each agreed peer in it). */
    readonly lightClient?: Address;
  };
  /** With --peering: each agreement proposed to this ledger's governance (executed when one vote sufficed). */
  readonly peerings?: readonly DeployedPeering[];
  readonly fromBlock: string;
  readonly transactions: Readonly<Record<string, Hex>>;
};

export type DeployedPeering = {
  readonly peer: string;
  readonly chainId: number;
  readonly ledgerId: Hex;
  readonly holdSeconds: number;
  /** Absent when the deployer is not a member authority: a member proposes `agreement` instead. */
  readonly proposalId?: string;
  readonly executed: boolean;
  /** The agreement as proposeAddPeering takes it (bigints as decimal strings). */
  readonly agreement: Readonly<Record<string, unknown>>;
};

export { DeployError };

export const defaultDeploymentsDir = path.join(root, 'contracts-abi', 'deployments');

export async function deploy(params: DeployParameters): Promise<Deployment> {
  const log = params.log ?? (() => {});
  const outDir = params.outDir ?? defaultDeploymentsDir;
  const gasMode = params.gasMode ?? 'eip1559';
  const evmVersion = params.evmVersion ?? configuredEvmVersion();
  if (params.members.length === 0) throw new DeployError('Give at least one initial member (--member CC,0xADDRESS,Name).');
  const probe = createPublicClient({ transport: http(params.rpcUrl) });
  let chainId: number;
  try {
    chainId = await getChainId(probe);
  } catch (cause) {
    throw new DeployError(`The node at ${params.rpcUrl} does not answer: check the URL and that it is running.`, { cause });
  }
  if (params.chainId !== undefined && params.chainId !== chainId) {
    throw new DeployError(`The node at ${params.rpcUrl} is chain ${chainId}, not ${params.chainId}: check --rpc and --chain-id.`);
  }
  const file = path.join(outDir, `${chainId}.json`);
  if (existsSync(file) && !params.force) {
    throw new DeployError(`contracts-abi/deployments/${chainId}.json exists already: pass --force to replace that deployment.`);
  }
  // The committed bytecode is compiled for foundry.toml's EVM version; another network's needs a compile.
  let compiled: ReturnType<typeof compileContracts> | undefined;
  const bytecodeOf = (name: string, committed: Hex): Hex => {
    if (evmVersion === configuredEvmVersion()) return committed;
    compiled ??= compileContracts({ evmVersion });
    return (compiled.find((c) => c.name === name)?.bytecode as Hex | undefined) ?? committed;
  };

  const chain = defineChain({ id: chainId, name: `Chain ${chainId}`, nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [params.rpcUrl] } } });
  const account = privateKeyToAccount(params.privateKey);
  const wallet = createWalletClient({ chain, transport: http(params.rpcUrl), account });
  const fees = gasMode === 'zero' ? { type: 'legacy' as const, gasPrice: 0n } : gasMode === 'legacy' ? { type: 'legacy' as const } : {};
  const mined = async (name: string, hash: Hex) => {
    const receipt = await waitForTransactionReceipt(probe, { hash });
    if (receipt.status !== 'success' || !receipt.contractAddress) throw new DeployError(`The ${name} deployment transaction ${hash} reverted.`);
    log(`${name} deployed at ${receipt.contractAddress} (block ${receipt.blockNumber}).`);
    return receipt;
  };

  log(`Deploying TrustStore, IdentityRegistry and TransactionRegistry to chain ${chainId} from ${account.address} (EVM ${evmVersion}, gas mode ${gasMode})…`);
  const trustStoreHash = await deployContract(wallet, {
    abi: trustStoreAbi,
    bytecode: bytecodeOf('TrustStore', trustStoreBytecode),
    args: [
      params.members.map((m) => ({ account: getAddress(m.account), country: countryToBytes2(m.country), name: m.name, active: true })),
      params.threshold ?? 0,
      params.votingPeriod ?? 7n * 24n * 3600n,
    ],
    ...fees,
  } as never);
  const trustStore = await mined('TrustStore', trustStoreHash);
  // The registries are bound at construction: the IdentityRegistry to the Trust Store, the
  // TransactionRegistry to the IdentityRegistry (it reads the Trust Store from it).
  const identityRegistryHash = await deployContract(wallet, {
    abi: identityRegistryAbi,
    bytecode: bytecodeOf('IdentityRegistry', identityRegistryBytecode),
    args: [trustStore.contractAddress!],
    ...fees,
  } as never);
  const identityRegistry = await mined('IdentityRegistry', identityRegistryHash);
  const transactionRegistryHash = await deployContract(wallet, {
    abi: transactionRegistryAbi,
    bytecode: bytecodeOf('TransactionRegistry', transactionRegistryBytecode),
    args: [identityRegistry.contractAddress!],
    ...fees,
  } as never);
  const transactionRegistry = await mined('TransactionRegistry', transactionRegistryHash);
  const peerTrust = await readContract(probe, { address: trustStore.contractAddress!, abi: trustStoreAbi, functionName: 'peerTrust' });
  const transactions: Record<string, Hex> = { trustStore: trustStoreHash, identityRegistry: identityRegistryHash, transactionRegistry: transactionRegistryHash };

  // --peering: one light client holds every peer (PeerTrust registers each one when its agreement is
  // executed); each agreement is proposed by the deployer when it is a member, and executed when its
  // vote is enough. Otherwise the deployment file carries the agreement for a member to propose.
  let lightClient: Address | undefined;
  const peerings: DeployedPeering[] = [];
  if (params.peerings?.length) {
    const lightClientHash = await deployContract(wallet, { abi: ledgerLightClientAbi, bytecode: bytecodeOf('LedgerLightClient', ledgerLightClientBytecode), args: [peerTrust], ...fees });
    lightClient = getAddress((await mined('LedgerLightClient', lightClientHash)).contractAddress!);
    transactions.lightClient = lightClientHash;
    const address = trustStore.contractAddress!;
    const isMember = params.members.some((m) => getAddress(m.account) === account.address);
    for (const peering of params.peerings) {
      const agreement = await peeringAgreementOf(peering, { lightClient });
      const recorded = { peer: peering.peer.name, chainId: peering.peer.chainId, ledgerId: agreement.ledgerId, holdSeconds: peering.holdSeconds, agreement: JSON.parse(JSON.stringify(agreement, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) as Record<string, unknown> };
      if (!isMember) {
        log(`Peering with ${peering.peer.name} not proposed: the deployer is not a member authority; a member proposes the agreement written in the deployment file.`);
        peerings.push({ ...recorded, executed: false });
        continue;
      }
      // Simulated first, so a refusal (e.g. PeerTrust__*) names the contract's error.
      const { result: proposalId } = await simulateContract(probe, { account, address, abi: trustStoreErrorsAbi, functionName: 'proposeAddPeering', args: [agreement] });
      const proposeHash = await writeContract(wallet, { address, abi: trustStoreErrorsAbi, functionName: 'proposeAddPeering', args: [agreement], ...fees });
      await waitForTransactionReceipt(probe, { hash: proposeHash });
      transactions[`peering ${peering.peer.chainId}`] = proposeHash;
      let executed = false;
      if ((await getRequiredApprovals(probe, { address })) <= 1) {
        const executeHash = await writeContract(wallet, { address, abi: trustStoreErrorsAbi, functionName: 'execute', args: [proposalId], ...fees });
        const receipt = await waitForTransactionReceipt(probe, { hash: executeHash });
        if (receipt.status !== 'success') throw new DeployError(`Executing the peering with ${peering.peer.name} (proposal ${proposalId}) reverted.`);
        executed = true;
      }
      log(`Peering with ${peering.peer.name} (chain ${peering.peer.chainId}) proposed as proposal ${proposalId}${executed ? ' and executed' : ': the other members approve it, then one executes it'}.`);
      peerings.push({ ...recorded, proposalId: proposalId.toString(), executed });
    }
  }
  const deployment: Deployment = {
    chainId,
    evmVersion,
    deployedAt: new Date().toISOString(),
    deployer: account.address,
    gasMode,
    contracts: {
      trustStore: getAddress(trustStore.contractAddress!),
      identityRegistry: getAddress(identityRegistry.contractAddress!),
      transactionRegistry: getAddress(transactionRegistry.contractAddress!),
      peerTrust: getAddress(peerTrust),
      ...(lightClient ? { lightClient } : {}),
    },
    ...(peerings.length ? { peerings } : {}),
    fromBlock: trustStore.blockNumber.toString(),
    transactions,
  };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(file, JSON.stringify(deployment, null, 2) + '\n');
  writeDeploymentsModule(outDir);
  log(`Wrote ${path.relative(root, file)}.`);
  return deployment;
}

/** Regenerates contracts-abi/deployments.ts, the typed per-chain-id address book, from the JSON files. */
export function writeDeploymentsModule(dir = defaultDeploymentsDir): void {
  const entries = readdirSync(dir)
    .filter((f) => /^\d+\.json$/.test(f))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Deployment)
    .sort((a, b) => a.chainId - b.chainId);
  const body = entries
    .map((d) => `  ${d.chainId}: { contracts: ${JSON.stringify(d.contracts)}, fromBlock: ${d.fromBlock}n, evmVersion: '${d.evmVersion}' },`)
    .join('\n');
  const text = `// Generated by \`npm run deploy\` from contracts-abi/deployments/*.json. Do not edit.\nexport const deployments = {${body ? `\n${body}\n` : ''}} as const;\n`;
  writeFileSync(path.join(dir, '..', 'deployments.ts'), text);
}

function parseMember(value: string) {
  const [country, account, ...name] = value.split(',');
  if (!country || !account || !/^0x[0-9a-fA-F]{40}$/.test(account)) {
    throw new DeployError(`--member "${value}" is not CC,0xADDRESS,Name (e.g. BR,0x70997970C51812dc3A010C7d01b50e0d17dc79C8,ITI).`);
  }
  return { country: country.toUpperCase(), account: getAddress(account), name: name.join(',') || country };
}

async function main() {
  const { values } = parseArgs({
    options: {
      rpc: { type: 'string' },
      'chain-id': { type: 'string' },
      config: { type: 'string' },
      'key-file': { type: 'string' },
      member: { type: 'string', multiple: true },
      threshold: { type: 'string' },
      'voting-period': { type: 'string' },
      'gas-mode': { type: 'string' },
      'evm-version': { type: 'string' },
      force: { type: 'boolean' },
      peering: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(`Usage: npm run deploy -- --rpc URL [--chain-id N] [--config FILE]
  --member CC,0xADDRESS,Name    an initial member authority (repeat)
  --threshold N                 approvals a proposal needs (0 = strict majority, the default)
  --voting-period SECONDS       how long a proposal stays open (default 604800)
  --gas-mode eip1559|legacy|zero  zero: gas price 0 and legacy transactions, as permissioned Besu networks
  --evm-version NAME            the network's EVM version (default from contracts/foundry.toml)
  --key-file FILE               the deployer's private key (or env DEPLOYER_PRIVATE_KEY)
  --force                       replace an existing deployment for this chain id
  --peering FILE                peer ledgers (JSON, see README "Trust routes"): deploys the light client and
                                PeerTrust and proposes each peering agreement to this ledger's governance
A --config JSON file may give rpcUrl, chainId, members [{country, account, name}], threshold,
votingPeriod, gasMode, evmVersion and peerings; command-line options win.`);
    return;
  }
  const config = values.config ? (JSON.parse(readFileSync(values.config, 'utf8')) as Record<string, unknown>) : {};
  const rpcUrl = values.rpc ?? (config.rpcUrl as string | undefined);
  if (!rpcUrl) throw new DeployError('Give the node with --rpc URL (or rpcUrl in --config).');
  const keyText = values['key-file'] ? readFileSync(values['key-file'], 'utf8').trim() : process.env.DEPLOYER_PRIVATE_KEY?.trim();
  if (!keyText) throw new DeployError('Give the deployer key in a file (--key-file) or in DEPLOYER_PRIVATE_KEY; never on the command line.');
  const privateKey = (keyText.startsWith('0x') ? keyText : `0x${keyText}`) as Hex;
  if (!isHex(privateKey) || privateKey.length !== 66) throw new DeployError('The deployer key is not a 32-byte hex private key.');
  const members = values.member?.map(parseMember) ?? ((config.members as DeployParameters['members'] | undefined) ?? []);
  const gasMode = (values['gas-mode'] ?? config.gasMode ?? 'eip1559') as GasMode;
  if (!['eip1559', 'legacy', 'zero'].includes(gasMode)) throw new DeployError(`--gas-mode must be eip1559, legacy or zero, not "${gasMode}".`);
  const chainIdText = values['chain-id'] ?? config.chainId;
  await deploy({
    rpcUrl,
    chainId: chainIdText === undefined ? undefined : Number(chainIdText),
    privateKey,
    members,
    threshold: Number(values.threshold ?? config.threshold ?? 0),
    votingPeriod: BigInt((values['voting-period'] ?? config.votingPeriod ?? 604800) as string | number),
    gasMode,
    evmVersion: values['evm-version'] ?? (config.evmVersion as string | undefined),
    force: values.force ?? false,
    peerings: values.peering ? parsePeeringConfig(JSON.parse(readFileSync(values.peering, 'utf8'))) : config.peerings ? parsePeeringConfig(config.peerings) : [],
    log: console.log,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof DeployError ? error.message : error);
    process.exit(1);
  });
}
