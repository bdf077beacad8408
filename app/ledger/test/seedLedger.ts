// Test and bench support: a small ledger with real identities and transactions in every state, for the
// indexer's tests and measureIndexerInbox's. Two members (BR, CN) approve their roots; a Brazilian and
// a Chinese wallet register real identities; transactions are created, signed (real CMS) or cancelled.
/* eslint-disable app/layers -- test support signs with real keys */
import { createCmsSignature, cryptoKeySigner } from '@/pki';
/* eslint-enable app/layers */
import { hexToBytes, parseEther, sha256, toHex, type Hex, type PublicClient, type TestClient } from 'viem';
import { getBlockNumber } from 'viem/actions';
import type { LedgerWriteClient } from '../_writeContract';
import { cancelTransaction, createTransaction, getSignTypedData, signTransaction, type Party } from '../transactions';
import { deployBrazilChinaTestLedger, registerTestHolder, type TestHolder, type TestLedgerContracts } from './ledgerPki';
import { minedOn } from './mined';

export type SeedLedgerParameters = {
  readonly publicClient: PublicClient;
  readonly testClient: TestClient;
  /** Wallets by role; tests sharing one node give each file its own accounts. */
  readonly wallets: {
    readonly deployer: LedgerWriteClient;
    readonly brazilAuthority: LedgerWriteClient;
    readonly chinaAuthority: LedgerWriteClient;
    readonly brazilian: LedgerWriteClient;
    readonly chinese: LedgerWriteClient;
  };
  /** Extra open transactions (BR open seat, CN seat naming the Chinese wallet), for paging. */
  readonly extraOpen?: number;
};

export type SeededLedger = {
  readonly contracts: TestLedgerContracts;
  /** The block before the first deployment: where history starts. */
  readonly fromBlock: bigint;
  /** BR and CN open seats, both signed. */
  readonly completed: bigint;
  /** BR open seat signed by the Brazilian; CN seat open: waits for the Chinese only. */
  readonly partiallySigned: bigint;
  /** BR seat naming the Brazilian, CN open seat: waits for both. */
  readonly open: bigint;
  readonly cancelled: bigint;
  /** The extra open transactions, oldest first. */
  readonly extra: readonly bigint[];
  readonly holders: { readonly brazilian: TestHolder; readonly chinese: TestHolder };
};

export async function seedLedger(params: SeedLedgerParameters): Promise<SeededLedger> {
  const { publicClient, testClient, wallets } = params;
  const { brazilian, chinese } = wallets;
  const mined = (sent: Promise<{ readonly hash: Hex }> | { readonly hash: Hex }) => minedOn(publicClient, sent);
  for (const w of Object.values(wallets)) await testClient.setBalance({ address: w.account.address, value: parseEther('100') });
  const fromBlock = await getBlockNumber(publicClient);
  const { br, cn, contracts } = await deployBrazilChinaTestLedger({
    publicClient,
    deployer: wallets.deployer,
    brazilAuthority: wallets.brazilAuthority,
    chinaAuthority: wallets.chinaAuthority,
    brazil: { caKey: 'rsa-2048' },
  });
  const holders = { brazilian: await br.issueHolder('MARIA INDEXADA:12345678909'), chinese: await cn.issueHolder('Wang Suoyin (test)') };
  await mined(registerTestHolder(brazilian, { publicClient, address: contracts.identityRegistry, holder: holders.brazilian, anchorHash: br.root.identity }));
  await mined(registerTestHolder(chinese, { publicClient, address: contracts.identityRegistry, holder: holders.chinese, anchorHash: cn.root.identity }));

  const address = contracts.transactionRegistry;
  const create = async (parties: readonly Party[]) => {
    const deadline = (await publicClient.getBlock()).timestamp + 86_400n;
    const terms = { amount: 100n, decimals: 2, currency: 'BRL', paymentReference: 'INDEXER', memoHash: sha256(toHex('indexer test')) };
    const created = await createTransaction(brazilian, { address, parties, payloadHash: sha256(toHex('document')), terms, deadline });
    await mined(Promise.resolve(created));
    return created.id;
  };
  const sign = async (wallet: LedgerWriteClient, holder: TestHolder, id: bigint, partyIndex: number) => {
    const { digest } = await getSignTypedData(publicClient, { address, id, partyIndex, account: wallet.account.address });
    const cms = await createCmsSignature({ content: hexToBytes(digest), signerCertificate: holder.der, sign: cryptoKeySigner(holder.privateKey) });
    await mined(signTransaction(wallet, { address, id, partyIndex, signedAttributes: toHex(cms.signedAttributes), signature: toHex(cms.signature) }));
  };
  const openSeats: readonly Party[] = [{ country: 'BR' }, { country: 'CN' }];
  const completed = await create(openSeats);
  await sign(brazilian, holders.brazilian, completed, 0);
  await sign(chinese, holders.chinese, completed, 1);
  const partiallySigned = await create(openSeats);
  await sign(brazilian, holders.brazilian, partiallySigned, 0);
  const open = await create([{ country: 'BR', account: brazilian.account.address }, { country: 'CN' }]);
  const cancelled = await create(openSeats);
  await mined(cancelTransaction(brazilian, { address, id: cancelled }));
  const extra: bigint[] = [];
  for (let i = 0; i < (params.extraOpen ?? 0); i++) extra.push(await create([{ country: 'BR' }, { country: 'CN', account: chinese.account.address }]));
  return { contracts, fromBlock, completed, partiallySigned, open, cancelled, extra, holders };
}
