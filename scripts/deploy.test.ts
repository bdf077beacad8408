import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPublicClient, http } from 'viem';
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
    expect(readFileSync(path.join(outDir, '..', 'deployments.ts'), 'utf8')).toContain(`1337: { contracts: {"trustStore":"${deployment.contracts.trustStore}"}`);

    const client = createPublicClient({ transport: http(anvil.rpcUrl) });
    const tx = await client.getTransaction({ hash: deployment.transactions.trustStore! });
    expect(tx.type).toBe('legacy');
    expect(tx.gasPrice).toBe(0n);
    const onChain = await getMembers(client, { address: deployment.contracts.trustStore });
    expect(onChain.map((m) => m.account)).toEqual(members.map((m) => m.account));
    expect(await getRequiredApprovals(client, { address: deployment.contracts.trustStore })).toBe(2);

    await expect(deploy({ rpcUrl: anvil.rpcUrl, privateKey: testKey, members, gasMode: 'zero', outDir })).rejects.toThrow(/--force/);
    const again = await deploy({ rpcUrl: anvil.rpcUrl, privateKey: testKey, members, gasMode: 'zero', outDir, force: true });
    expect(again.contracts.trustStore).not.toBe(deployment.contracts.trustStore);
  });

  it('says clearly when the chain id does not match the node', async () => {
    await expect(deploy({ rpcUrl: anvil.rpcUrl, chainId: 1, privateKey: testKey, members, outDir })).rejects.toThrow(DeployError);
    await expect(deploy({ rpcUrl: anvil.rpcUrl, chainId: 1, privateKey: testKey, members, outDir })).rejects.toThrow('is chain 1337, not 1');
  });
});
