// `npm run --silent bench:gas -- --out FILE`: gas used by the contracts' main operations, measured on a
// real anvil node with the committed bytecode, written as one flat JSON object.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createPublicClient, createWalletClient, encodeFunctionData, http, keccak256, sha256, toHex, type Hex } from 'viem';
import { waitForTransactionReceipt } from 'viem/actions';
import { trustStoreAbi } from '../../contracts-abi/TrustStore.ts';
import { approveProposal, deployTrustStore, embeddedLedger, executeProposal, proposeAddAnchor } from '../../app/ledger/index.ts';
import { developmentAccount } from '../dev/accounts.ts';
import { startAnvil } from '../dev/anvil.ts';

const { values } = parseArgs({ options: { out: { type: 'string' } } });

function pemToHex(file: string): Hex {
  const pem = readFileSync(path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'national-pki', file), 'utf8');
  return toHex(Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64'));
}

const anvil = await startAnvil({ chainId: embeddedLedger.id, port: 0 });
const results: Record<string, number> = {};
try {
  const chain = { ...embeddedLedger, rpcUrls: { default: { http: [anvil.rpcUrl] } } };
  const publicClient = createPublicClient({ chain, transport: http(anvil.rpcUrl) });
  const wallet = (i: number) => createWalletClient({ chain, transport: http(anvil.rpcUrl), account: developmentAccount(i) });
  const gasOf = async (p: Promise<{ hash: Hex }>) => Number((await waitForTransactionReceipt(publicClient, { hash: (await p).hash })).gasUsed);

  const { address } = await deployTrustStore(wallet(0), {
    members: [
      { account: developmentAccount(1).address, country: 'BR', name: 'BR' },
      { account: developmentAccount(2).address, country: 'CN', name: 'CN' },
    ],
  });
  // A real ICP-Brasil root (RSA-4096, 1.4 kB of DER).
  const der = pemToHex('icp-brasil_raiz_v5_rsa4096-sha512.pem');
  const proposal = proposeAddAnchor(wallet(1), { address, der, country: 'BR' });
  results['trustStore.proposeAnchor'] = await gasOf(proposal);
  const { proposalId } = await proposal;
  results['trustStore.approveAnchor'] = await gasOf(approveProposal(wallet(2), { address, id: proposalId }));
  results['trustStore.executeAnchor'] = await gasOf(executeProposal(wallet(1), { address, id: proposalId }));
  const pathHashes = [keccak256(toHex('leaf')), keccak256(toHex('ca2')), keccak256(toHex('ca1')), sha256(der)];
  const block = await publicClient.getBlock();
  // A view costs no gas in an eth_call; this is what a transaction calling it would spend.
  results['trustStore.checkPath.depth4'] = Number(
    await publicClient.estimateGas({
      to: address,
      data: encodeFunctionData({ abi: trustStoreAbi, functionName: 'checkPath', args: [pathHashes, block.timestamp] }),
      account: developmentAccount(0).address,
    }),
  );
} finally {
  await anvil.stop();
}

const text = JSON.stringify(results, null, 2) + '\n';
if (values.out) writeFileSync(values.out, text);
process.stdout.write(text);
