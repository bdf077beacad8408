// Pruning the open lists (issue 16): expired transactions found with getExpiredOpenTransactions and
// taken off by any wallet; a live one cannot be. Its own anvil: the test moves the clock, which the
// shared node's other test files must not see.
import { createPublicClient, createWalletClient, http, sha256, toHex, type Hex } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { waitForTransactionReceipt } from 'viem/actions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// eslint-disable-next-line app/layers -- a node of its own (the shared one must keep its clock)
import { developmentMnemonic, startAnvil, type Anvil } from '../../../scripts/dev/anvil';
import { ContractRefusedError } from '../errors';
import { embeddedLedger } from '../networks';
import { deployTestLedger } from '../test/ledgerPki';
import { isLedgerReadChanged } from '../queryKeys';
import { createTransaction, expiredOpenQueryOptions, getExpiredOpenTransactions, getInbox, getTransactionSummaries, TransactionStatus, unlistExpiredTransactions } from './index';

let anvil: Anvil;
let address: Hex;
let live: bigint;
let stale: bigint[];

const setUp = async () => {
  anvil = await startAnvil({ chainId: embeddedLedger.id, port: 0 });
  const chain = { ...embeddedLedger, rpcUrls: { default: { http: [anvil.rpcUrl] } } };
  const publicClient = createPublicClient({ chain, transport: http(anvil.rpcUrl) });
  const wallet = (i: number) => createWalletClient({ chain, transport: http(anvil.rpcUrl), account: mnemonicToAccount(developmentMnemonic, { addressIndex: i }) });
  const [deployer, br, cn, stranger] = [0, 1, 2, 3].map(wallet) as [ReturnType<typeof wallet>, ReturnType<typeof wallet>, ReturnType<typeof wallet>, ReturnType<typeof wallet>];
  ({ transactionRegistry: address } = await deployTestLedger({ publicClient, deployer, members: [{ wallet: br, country: 'BR' }, { wallet: cn, country: 'CN' }], roots: [] }));
  const now = (await publicClient.getBlock()).timestamp;
  const create = async (deadline: bigint) => {
    const created = await createTransaction(deployer, {
      address,
      parties: [{ country: 'BR' }, { country: 'CN', account: cn.account.address }],
      payloadHash: sha256(toHex('prune')),
      terms: { amount: 1n, decimals: 0, currency: 'USD', paymentReference: 'PRUNE', memoHash: sha256(toHex('memo')) },
      deadline,
    });
    await waitForTransactionReceipt(publicClient, { hash: created.hash });
    return created.id;
  };
  live = await create(now + 86_400n);
  stale = [await create(now + 60n), await create(now + 60n)];
  const rpc = (method: string, params: unknown[]) => fetch(anvil.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  await rpc('evm_increaseTime', [120]);
  await rpc('evm_mine', []);
  return { publicClient, stranger, cn };
};

let ledger: Awaited<ReturnType<typeof setUp>>;
beforeAll(async () => void (ledger = await setUp()), 120_000);
afterAll(() => anvil?.stop());

describe('unlisting expired transactions', () => {
  it('refuses to take a live transaction off the lists, with a message key', async () => {
    const refused = unlistExpiredTransactions(ledger.stranger, { address, ids: [stale[0]!, live] });
    await expect(refused).rejects.toBeInstanceOf(ContractRefusedError);
    await expect(refused).rejects.toMatchObject({ messageKey: 'ledger.refused.NotExpired' });
    expect((await getExpiredOpenTransactions(ledger.publicClient, { address, country: 'CN', limit: 10 })).ids).toEqual([...stale].reverse());
  });

  it('lets any wallet take the expired ones off; the live one stays listed, statuses unchanged', async () => {
    const found = await getExpiredOpenTransactions(ledger.publicClient, { address, country: 'BR', limit: 1 });
    expect(found).toEqual({ ids: [stale[1]], next: stale[1] });
    // What the transactions page offers to prune (its button sends these ids), refreshed by the registry's events.
    const offered = expiredOpenQueryOptions(ledger.publicClient, { chainId: embeddedLedger.id, address, country: 'CN' });
    expect((await offered.queryFn()).ids).toEqual([...stale].reverse());
    const changes = { chainId: embeddedLedger.id, transactionRegistry: address, contracts: new Set([address]), firstTopics: new Map<string, ReadonlySet<bigint>>() };
    expect(isLedgerReadChanged(offered.queryKey, changes)).toBe(true);
    const { hash } = await unlistExpiredTransactions(ledger.stranger, { address, ids: stale });
    expect((await waitForTransactionReceipt(ledger.publicClient, { hash })).status).toBe('success');
    expect((await offered.queryFn()).ids).toEqual([]);
    for (const country of ['BR', 'CN']) expect((await getExpiredOpenTransactions(ledger.publicClient, { address, country, limit: 10 })).ids).toEqual([]);
    const inbox = await getInbox(ledger.publicClient, { address, country: 'CN', account: ledger.cn.account.address, limit: 20 });
    expect(inbox.items.map((t) => t.id)).toEqual([live]);
    expect(inbox.next).toBeUndefined();
    const summaries = await getTransactionSummaries(ledger.publicClient, { address, ids: stale });
    expect(summaries.map((s) => s.status)).toEqual([TransactionStatus.Expired, TransactionStatus.Expired]);
  });
});
