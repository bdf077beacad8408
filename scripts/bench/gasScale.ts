// bench:gas `scale.*` (issue 16): what unlisting expired open transactions costs, and what it saves the
// inbox view. On its own node: one live transaction, then 500 expired ones newer than it (they fill one
// openTransactionsOf call's scan). Standalone: `npx tsx scripts/bench/gasScale.ts`.
import { createPublicClient, createWalletClient, encodeFunctionData, http, keccak256, sha256, toHex, zeroAddress, type Hex } from 'viem';
import { waitForTransactionReceipt } from 'viem/actions';
import { transactionRegistryAbi } from '../../contracts-abi/TransactionRegistry.ts';
import { countryToBytes2 } from '../../app/ledger/countries.ts';
import { embeddedLedger } from '../../app/ledger/networks.ts';
import { deployTestLedger } from '../../app/ledger/test/ledgerPki.ts';
import { termsToOnChain } from '../../app/ledger/transactions/types.ts';
import { developmentAccount } from '../dev/accounts.ts';
import { startAnvil } from '../dev/anvil.ts';

const EXPIRED = 500;

export async function benchScale(): Promise<Record<string, number>> {
  const anvil = await startAnvil({ chainId: embeddedLedger.id, port: 0 });
  try {
    const url = anvil.rpcUrl;
    const chain = { ...embeddedLedger, rpcUrls: { default: { http: [url] } } };
    const publicClient = createPublicClient({ chain, transport: http(url) });
    const wallet = (i: number) => createWalletClient({ chain, transport: http(url), account: developmentAccount(i) });
    const [deployer, br, cn] = [wallet(0), wallet(1), wallet(2)];
    const { transactionRegistry: address } = await deployTestLedger({
      publicClient,
      deployer,
      members: [
        { wallet: br, country: 'BR' },
        { wallet: cn, country: 'CN' },
      ],
      roots: [],
    });
    const rpc = (method: string, params: readonly unknown[]) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) }).then((r) => r.json());
    const parties = [
      { country: countryToBytes2('BR'), account: zeroAddress },
      { country: countryToBytes2('CN'), account: cn.account.address },
    ];
    const now = (await publicClient.getBlock()).timestamp;
    const create = (n: number, deadline: bigint) =>
      encodeFunctionData({
        abi: transactionRegistryAbi,
        functionName: 'create',
        args: [parties, sha256(toHex(`gas scale ${n}`)), termsToOnChain({ amount: 1n, decimals: 0, currency: 'USD', paymentReference: `GS-${n}`, memoHash: keccak256(toHex(n)) }), deadline],
      });
    const gasOf = async (data: Hex) => {
      const hash = await deployer.sendTransaction({ to: address, data, gas: 30_000_000n });
      const receipt = await waitForTransactionReceipt(publicClient, { hash });
      if (receipt.status !== 'success') throw new Error(`transaction ${hash} reverted`);
      return Number(receipt.gasUsed);
    };
    // The live one (oldest), then the ones that expire in an hour: sent without waiting, mined in blocks.
    await gasOf(create(0, now + 30n * 86_400n));
    await rpc('evm_setAutomine', [false]);
    const nonce = await publicClient.getTransactionCount({ address: deployer.account.address });
    const hashes: Hex[] = [];
    for (let i = 1; i <= EXPIRED; i++) hashes.push(await deployer.sendTransaction({ to: address, data: create(i, now + 3_600n), gas: 1_000_000n, nonce: nonce + i - 1 }));
    // A block holds about 120 of them (30M gas): mine until none is pending.
    for (let i = 0; i < 10; i++) await rpc('evm_mine', []);
    await rpc('evm_setAutomine', [true]);
    for (const hash of hashes) if ((await waitForTransactionReceipt(publicClient, { hash })).status !== 'success') throw new Error(`${hash} reverted`);
    await rpc('evm_increaseTime', [7_200]);
    await rpc('evm_mine', []);

    const out: Record<string, number> = {};
    const viewGas = (data: Hex) => publicClient.estimateGas({ to: address, data, account: deployer.account.address }).then(Number);
    const inboxCall = encodeFunctionData({ abi: transactionRegistryAbi, functionName: 'openTransactionsOf', args: [countryToBytes2('CN'), cn.account.address, 0n, 20n] });
    const [before] = await publicClient.readContract({ abi: transactionRegistryAbi, address, functionName: 'openTransactionsOf', args: [countryToBytes2('CN'), cn.account.address, 0n, 20n] });
    if (before.length !== 0) throw new Error('the live one was found through 500 expired ones');
    out[`scale.openTransactionsOf.${EXPIRED}expired.gas`] = await viewGas(inboxCall);
    out['scale.expiredOpenOf.100.gas'] = await viewGas(
      encodeFunctionData({ abi: transactionRegistryAbi, functionName: 'expiredOpenOf', args: [countryToBytes2('CN'), 0n, 100n] }),
    );
    const ids: bigint[] = Array.from({ length: EXPIRED }, (_, k) => BigInt(k + 2)); // ids 2..501
    const unlist = (chunk: readonly bigint[]) => gasOf(encodeFunctionData({ abi: transactionRegistryAbi, functionName: 'unlistExpired', args: [chunk] }));
    out['scale.unlistExpired.1'] = await unlist(ids.slice(0, 1));
    out['scale.unlistExpired.100'] = await unlist(ids.slice(1, 101));
    let rest = 0;
    for (let i = 101; i < ids.length; i += 100) rest += await unlist(ids.slice(i, i + 100));
    out['scale.unlistExpired.500.total'] = out['scale.unlistExpired.1'] + out['scale.unlistExpired.100'] + rest;
    const [after] = await publicClient.readContract({ abi: transactionRegistryAbi, address, functionName: 'openTransactionsOf', args: [countryToBytes2('CN'), cn.account.address, 0n, 20n] });
    if (after.length !== 1 || after[0]!.id !== 1n) throw new Error('after unlisting, one call should find the live one');
    out['scale.openTransactionsOf.afterUnlist.gas'] = await viewGas(inboxCall);
    return out;
  } finally {
    await anvil.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(JSON.stringify(await benchScale(), null, 2) + '\n');
