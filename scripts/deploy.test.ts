import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPublicClient, http, type Address } from 'viem';
import { identityRegistryAbi } from '../contracts-abi/IdentityRegistry.ts';
import { transactionRegistryAbi } from '../contracts-abi/TransactionRegistry.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMembers, getRequiredApprovals } from '../app/ledger/index.ts';
import { startAnvil, type Anvil } from './dev/anvil.ts';
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
