import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type Page } from '@playwright/test';
import { expect, test } from './support/test';
import { createPublicClient, createWalletClient, http, type Hex, type PublicClient } from 'viem';
import { readContract, waitForTransactionReceipt } from 'viem/actions';
import { peerTrustAbi } from '../contracts-abi/PeerTrust.ts';
import { chainOf, RouteStatus, suspendAnchor } from '../app/ledger/index.ts';
import { parseCertificateSync } from '../app/pki/index.ts';
import { developmentAccount } from '../scripts/dev/accounts.ts';
import { startTwoLedgers, type TwoLedgers } from './support/twoLedgers.ts';

// Trust routes end to end on two ledgers (issue 15): the Brazilian and the Chinese ledger each governed
// by its own authority, the peering voted on both, the relayer carrying routes. China's root, voted on
// the Chinese ledger only, reaches the Brazilian one; a Chinese holder registers and co-signs there; a
// suspension on the Chinese ledger is refused on the Brazilian one after one relay; with the relayer
// stopped past the hold timer the route fails closed; the record is verified from the Chinese ledger.
test.describe.configure({ mode: 'serial' });

const holdSeconds = 30;
let net: TwoLedgers;
let br: PublicClient;
let cnClient: PublicClient;
let txId: string | null;

const anchorOf = (file: string): Hex => `0x${parseCertificateSync(new Uint8Array(readFileSync(file))).identity}`;
const demoRoot = (dir: string) => anchorOf(path.join(path.dirname(net.peers.networkFile), 'demo-pki', dir, 'root.der'));
const routeOnBrazil = async (anchorHash: Hex) => {
  const route = net.routes.routes.find((r) => r.fromCountry === 'CN')!;
  return Number((await readContract(br, { abi: peerTrustAbi, address: route.peerTrust, functionName: 'route', args: [anchorHash] })).status);
};

async function open(browser: Browser, hash: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: net.url })).newPage();
  await page.goto(`/#/${hash}`);
  return page;
}

async function connectAndOpen(page: Page, wallet: string, holder: RegExp) {
  await page.goto('/#/identity');
  await page.getByRole('button', { name: `Connect ${wallet}` }).click();
  await expect(page.getByTestId('wallet-address')).toBeVisible();
  await page.getByRole('button', { name: holder }).click();
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  net = await startTwoLedgers({ holdSeconds, keepaliveSeconds: 3 });
  br = createPublicClient({ chain: chainOf(net.peers.ledgers.BR.network), transport: http(net.peers.ledgers.BR.anvil.rpcUrl) }) as PublicClient;
  cnClient = createPublicClient({ chain: chainOf(net.peers.ledgers.CN.network), transport: http(net.peers.ledgers.CN.anvil.rpcUrl) }) as PublicClient;
});

test.afterAll(async () => {
  await net?.stop();
});

/** Brazil proposes a transaction with a Chinese counterparty, as the compose form asks (memo, document, deadline). */
async function proposeToChina(brazil: Page, amount: string, reference: string) {
  await brazil.goto('/#/transactions');
  const compose = brazil.getByTestId('compose');
  await compose.getByLabel('Counterparty country').selectOption('CN');
  await compose.getByLabel('Amount').fill(amount);
  await compose.getByLabel('Currency (ISO 4217)').selectOption('BRL');
  await compose.getByLabel('Payment reference').fill(reference);
  await compose.getByLabel(/^Memo/).fill('Routed counterparty');
  await compose.getByLabel('Document').setInputFiles({ name: 'contract.txt', mimeType: 'text/plain', buffer: Buffer.from(reference) });
  await expect(compose.getByTestId('document-hash')).toContainText('0x');
  await compose.getByLabel('Deadline').fill(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
  await compose.getByRole('button', { name: 'Review' }).click();
  await brazil.getByRole('button', { name: 'Propose it on the ledger' }).click();
}

test("China's root, approved on the Chinese ledger only, reaches the Brazilian ledger by route", async ({ browser }) => {
  const chinaRoot = demoRoot('cn');
  await expect.poll(() => routeOnBrazil(chinaRoot), { timeout: 30_000 }).toBe(RouteStatus.Active);
  const page = await open(browser, 'peers');
  const peering = page.getByTestId('peering-31338');
  await expect(peering.getByTestId('route-freshness')).toHaveAttribute('data-state', 'fresh');
  const row = peering.locator(`[data-testid="route-row"][data-anchor="${chinaRoot}"]`);
  await expect(row).toHaveAttribute('data-entry', 'announced');
  await expect(row).toHaveAttribute('data-status', 'trusted');
});

test('a Chinese holder registers on the Brazilian ledger and co-signs a transaction recorded there, verified from the Chinese ledger', async ({ browser }) => {
  test.setTimeout(240_000);
  const china = await open(browser, 'identity');
  await connectAndOpen(china, 'CN signer', /Li Wei.*\(China\)/);
  await expect(china.getByTestId('verdict')).toContainText('Trusted by route from');
  const register = async (page: Page) => {
    const registration = page.getByTestId('registration');
    await registration.getByRole('button', { name: 'Register this identity on the ledger' }).click();
    await expect(registration.getByTestId('binding').filter({ hasText: 'is bound to this certificate' })).toBeVisible({ timeout: 60_000 });
  };
  await register(china);
  const brazil = await open(browser, 'identity');
  await connectAndOpen(brazil, 'BR signer', /MARIA DA SILVA DEMO.*\(Brazil\)/);
  await expect(brazil.getByTestId('verdict')).toContainText('Trusted: the path ends at the trust anchor of Brazil');
  await register(brazil);

  await proposeToChina(brazil, '99.00', 'ROUTE-1');
  const panel = brazil.getByTestId('sign-panel');
  await panel.getByRole('button', { name: /^Sign as/ }).click();
  await expect(panel.getByTestId('signed')).toContainText('Partially signed', { timeout: 60_000 });

  await china.goto('/#/transactions');
  const item = china.getByTestId('inbox').getByTestId('transaction').filter({ hasText: 'Partially signed' }).first();
  txId = await item.getAttribute('data-id');
  await item.getByRole('button', { name: /Review and sign transaction/ }).click();
  const chinaPanel = china.getByTestId('sign-panel');
  await chinaPanel.getByRole('button', { name: /^Sign as/ }).click();
  await expect(chinaPanel.getByTestId('signed')).toContainText('Completed', { timeout: 60_000 });

  // The record on the Brazilian ledger, verified from the Chinese ledger (its light client of Brazil).
  await brazil.goto('/#/transactions');
  const completed = brazil.locator(`[data-testid="transaction"][data-id="${txId}"]`);
  await completed.getByRole('button', { name: `Details of transaction ${txId}` }).click();
  const verified = brazil.getByTestId('record-verified-from-31338');
  await expect(verified.locator('[data-status]')).toHaveAttribute('data-status', 'verified', { timeout: 60_000 });
});

test('China suspends its root on its own ledger: after one relay the Brazilian ledger refuses the next signature', async ({ browser }) => {
  test.setTimeout(180_000);
  const chinaRoot = demoRoot('cn');
  const cn = net.peers.ledgers.CN.network;
  const chinaMember = createWalletClient({ chain: chainOf(cn), transport: http(cn.rpcUrl), account: developmentAccount(2) });
  const { hash } = await suspendAnchor(chinaMember, { address: cn.contracts.trustStore, anchorHash: chinaRoot, reason: 'e2e: key compromise drill' });
  await waitForTransactionReceipt(cnClient, { hash });
  await expect.poll(() => routeOnBrazil(chinaRoot), { timeout: 30_000 }).toBe(RouteStatus.Withdrawn);

  // Brazil proposes again; China's signature is refused on the Brazilian ledger, with the route's sentence.
  const brazil = await open(browser, 'identity');
  await connectAndOpen(brazil, 'BR signer', /MARIA DA SILVA DEMO.*\(Brazil\)/);
  await proposeToChina(brazil, '1.00', 'ROUTE-2');
  await brazil.getByTestId('sign-panel').getByRole('button', { name: /^Sign as/ }).click();
  await expect(brazil.getByTestId('sign-panel').getByTestId('signed')).toContainText('Partially signed', { timeout: 60_000 });

  const china = await open(browser, 'identity');
  await connectAndOpen(china, 'CN signer', /Li Wei.*\(China\)/);
  await expect(china.getByTestId('verdict')).toContainText('withdrew this anchor');
  await china.goto('/#/transactions');
  const item = china.getByTestId('inbox').getByTestId('transaction').filter({ hasText: 'ROUTE-2' }).first();
  await expect(item).toBeVisible({ timeout: 30_000 });
  await expect(item.getByTestId('transaction-status')).not.toHaveText('Completed');
  // The page knows what the ledger would answer: Sign is off with the route's sentence, before any key is asked.
  await item.getByRole('button', { name: /Review and sign transaction/ }).click();
  const chinaPanel = china.getByTestId('sign-panel');
  await expect(chinaPanel.getByTestId('sign-blocked')).toContainText('withdrew this anchor', { timeout: 30_000 });
  await expect(chinaPanel.getByRole('button', { name: /^Sign as/ })).toBeDisabled();
});

test('the relayer stopped past the hold timer: the route fails closed, in one sentence', async ({ browser }) => {
  test.setTimeout(120_000);
  await net.routes.relayer.stop();
  // The SM2 root of China is still announced; once the Brazilian ledger's time passes the hold timer, it is stale.
  const sm2Root = demoRoot('cn-sm2');
  await expect.poll(() => routeOnBrazil(sm2Root), { timeout: (holdSeconds + 30) * 1000, intervals: [2_000] }).toBe(RouteStatus.Stale);
  const china = await open(browser, 'identity');
  await connectAndOpen(china, 'CN signer', /Wang Fang.*\(China\)/);
  await expect(china.getByTestId('verdict')).toContainText(/Not trusted: the route from .* was last proven at block \d+, .* ago, longer than its hold timer of .*; it counts again once a relayer brings a fresh proof\./);
  const peers = await open(browser, 'peers');
  await expect(peers.getByTestId('peering-31338').getByTestId('route-freshness')).toHaveAttribute('data-state', 'stale');
});
