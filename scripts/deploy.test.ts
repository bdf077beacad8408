import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPublicClient, http, type Address } from 'viem';
import { identityRegistryAbi } from '../contracts-abi/IdentityRegistry.ts';
import { transactionRegistryAbi } from '../contracts-abi/TransactionRegistry.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMembers, getPeerTrustAddress, getRequiredApprovals } from '../app/ledger/index.ts';
import { peerTrustAbi } from '../contracts-abi/PeerTrust.ts';
import { ledgerLightClientAbi } from '../contracts-abi/LedgerLightClient.ts';
import { privateKeyToAccount } from 'viem/accounts';
import { startAnvil, type Anvil } from './dev/anvil.ts';
import { startSealer, type SealerProcess } from './interop/sealer.ts';
import type { PeeringConfig } from './peering.ts';
import { deploy, DeployError } from './deploy.ts';

// anvil's well-known first development key: a public test key.
const testKey = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const members = [
  { account: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', country: 'BR', name: 'ITI' },
  { account: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC', country: 'CN', name: 'China' },
] as const;

describe('npm run deploy against a Besu-style node (zero base fee and gas price, legacy transactions)', () => {
  let anvil: Anvil;
  const outDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'contracts-abi-')), 'deployments');
  beforeAll(async () => {
    anvil = await startAnvil({ chainId: 1337, port: 0, zeroGas: true });
  });
  afterAll(() => anvil.stop());

  it('deploys with zero gas price, writes the deployment, and refuses to overwrite it without --force', async () => {
    const deployment = await deploy({ rpcUrl: anvil.rpcUrl, chainId: 1337, privateKey: testKey, members, gasMode: 'zero', outDir });
    expect(deployment.chainId).toBe(1337);
    const written = JSON.parse(readFileSync(path.join(outDir, '1337.json'), 'utf8'));
    expect(written.contracts.trustStore).toBe(deployment.contracts.trustStore);
    expect(readFileSync(path.join(outDir, '..', 'deployments.ts'), 'utf8')).toContain(
      `1337: { contracts: ${JSON.stringify(deployment.contracts)}`,
    );

    const client = createPublicClient({ transport: http(anvil.rpcUrl) });
    const tx = await client.getTransaction({ hash: deployment.transactions.trustStore! });
    expect(tx.type).toBe('legacy');
    expect(tx.gasPrice).toBe(0n);
    const onChain = await getMembers(client, { address: deployment.contracts.trustStore });
    expect(onChain.map((m) => m.account)).toEqual(members.map((m) => m.account));
    expect(await getRequiredApprovals(client, { address: deployment.contracts.trustStore })).toBe(2);
    // The registries are wired to each other and to this Trust Store, and recorded.
    expect(written.contracts.identityRegistry).toBe(deployment.contracts.identityRegistry);
    expect(written.contracts.transactionRegistry).toBe(deployment.contracts.transactionRegistry);
    const registryOf = (address: Address, abi: typeof identityRegistryAbi | typeof transactionRegistryAbi) =>
      client.readContract({ address, abi, functionName: 'trustStore' });
    expect(await registryOf(deployment.contracts.identityRegistry, identityRegistryAbi)).toBe(deployment.contracts.trustStore);
    expect(await registryOf(deployment.contracts.transactionRegistry, transactionRegistryAbi)).toBe(deployment.contracts.trustStore);
    expect(await client.readContract({ address: deployment.contracts.transactionRegistry, abi: transactionRegistryAbi, functionName: 'identityRegistry' })).toBe(
      deployment.contracts.identityRegistry,
    );
    expect((await client.getTransaction({ hash: deployment.transactions.transactionRegistry! })).gasPrice).toBe(0n);

    await expect(deploy({ rpcUrl: anvil.rpcUrl, privateKey: testKey, members, gasMode: 'zero', outDir })).rejects.toThrow(/--force/);
    const again = await deploy({ rpcUrl: anvil.rpcUrl, privateKey: testKey, members, gasMode: 'zero', outDir, force: true });
    expect(again.contracts.trustStore).not.toBe(deployment.contracts.trustStore);
  });

  it('says clearly when the chain id does not match the node', async () => {
    await expect(deploy({ rpcUrl: anvil.rpcUrl, chainId: 1, privateKey: testKey, members, outDir })).rejects.toThrow(DeployError);
    await expect(deploy({ rpcUrl: anvil.rpcUrl, chainId: 1, privateKey: testKey, members, outDir })).rejects.toThrow('is chain 1337, not 1');
  });
});

describe('npm run deploy --peering against a peer ledger (two real anvils, the peer sealed by its signing process)', () => {
  let peer: Anvil;
  let ledger: Anvil;
  let sealer: SealerProcess;
  const outDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'contracts-abi-')), 'deployments');
  beforeAll(async () => {
    [peer, ledger, sealer] = await Promise.all([startAnvil({ chainId: 4242, port: 0 }), startAnvil({ chainId: 4343, port: 0 }), startSealer({ seed: 'deploy-test peer', validators: 4 })]);
  });
  afterAll(() => Promise.all([peer.stop(), ledger.stop(), sealer.stop()]));

  const peeringTo = (trustStore: Address): PeeringConfig => ({
    peer: { name: 'Peer ledger', chainId: 4242, rpcUrl: peer.rpcUrl, trustStore, validators: sealer.validators, trustingPeriodSeconds: 1_209_600, sealerUrl: sealer.url },
    countries: ['CN'],
    holdSeconds: 300,
  });

  it('deploys the light client and votes the agreement when the deployer governs alone, so the peer is registered', async () => {
    const a = await deploy({ rpcUrl: peer.rpcUrl, privateKey: testKey, members: [members[1]], outDir });
    const self = privateKeyToAccount(testKey).address;
    const b = await deploy({ rpcUrl: ledger.rpcUrl, privateKey: testKey, members: [{ account: self, country: 'BR', name: 'ITI' }], outDir, peerings: [peeringTo(a.contracts.trustStore)] });
    expect(b.peerings).toHaveLength(1);
    expect(b.peerings![0]).toMatchObject({ executed: true, proposalId: '1', chainId: 4242 });
    const client = createPublicClient({ transport: http(ledger.rpcUrl) });
    const peerTrust = await getPeerTrustAddress(client, { address: b.contracts.trustStore });
    const agreed = await client.readContract({ address: peerTrust, abi: peerTrustAbi, functionName: 'peer', args: [b.peerings![0]!.ledgerId] });
    expect(agreed).toMatchObject({ active: true, chainId: 4242n, trustStore: a.contracts.trustStore, lightClient: b.contracts.lightClient, holdTime: 300n });
    // The light client starts from the peer's newest header, sealed by its validators.
    const genesis = await createPublicClient({ transport: http(peer.rpcUrl) }).getBlock({ blockNumber: 0n });
    expect(agreed.genesisHash).toBe(genesis.hash);
    const [, validators] = await client.readContract({ address: b.contracts.lightClient!, abi: ledgerLightClientAbi, functionName: 'trustedValidators', args: [agreed.ledgerId] });
    expect(validators).toEqual(sealer.validators);
    expect(JSON.parse(readFileSync(path.join(outDir, '4343.json'), 'utf8')).peerings[0].ledgerId).toBe(agreed.ledgerId);
  });

  it('leaves the agreement for a member to propose when the deployer is not one', async () => {
    const a = await deploy({ rpcUrl: peer.rpcUrl, privateKey: testKey, members: [members[1]], outDir, force: true });
    const b = await deploy({ rpcUrl: ledger.rpcUrl, privateKey: testKey, members, outDir, force: true, peerings: [peeringTo(a.contracts.trustStore)] });
    expect(b.peerings![0]).toMatchObject({ executed: false });
    expect(b.peerings![0]!.proposalId).toBeUndefined();
    expect(b.peerings![0]!.agreement).toMatchObject({ trustStore: a.contracts.trustStore, lightClient: b.contracts.lightClient, holdTime: '300' });
  });

  it('says in one sentence when the peer does not answer', async () => {
    const dead = { ...peeringTo('0x5FbDB2315678afecb367f032d93F642f64180aa3'), peer: { ...peeringTo('0x5FbDB2315678afecb367f032d93F642f64180aa3').peer, rpcUrl: 'http://127.0.0.1:9' } };
    await expect(deploy({ rpcUrl: ledger.rpcUrl, privateKey: testKey, members, outDir, force: true, peerings: [dead] })).rejects.toThrow('The peer Peer ledger does not answer at http://127.0.0.1:9');
  });
});
