import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { createPublicClient, createWalletClient, http, toHex, type Address } from 'viem';
import { waitForTransactionReceipt } from 'viem/actions';
import { approveProposal, executeProposal, proposeAddAnchor, suspendAnchor } from '@/ledger';
import { parseCertificate } from '@/pki';
import { developmentAccount } from '../scripts/dev/accounts.ts';
import { startFortifyServer, type FortifyServer, type FortifyTokenOptions } from './support/fortify/index.ts';
import 'reflect-metadata';
import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  SubjectKeyIdentifierExtension,
  X509CertificateGenerator,
} from '@peculiar/x509';

// The Identity page against the Fortify-compatible token server on 127.0.0.1:31337 (the address the
// Fortify client hard-codes): PIN, certificate choice, verdict, and the token pulled out.
test.describe.configure({ mode: 'serial' });

let server: FortifyServer;
let token: FortifyTokenOptions;
let caDer: Uint8Array;
/** When set, the token holds a signature until `proceed` resolves (to pull it out meanwhile). */
let signPause: { started: () => void; proceed: Promise<void> } | undefined;
const pinsShownByFortify: string[] = [];
/** The simulated user approves in the Fortify window only once the test let them (after the page showed the PIN). */
let approve: (approved: boolean) => void = () => {};
const approval = new Promise<boolean>((resolve) => (approve = resolve));

test.beforeAll(async () => {
  const pki = await createTokenPki();
  caDer = pki.caDer;
  token = { name: 'Test token', certificates: [pki.caDer, pki.leafDer], keys: [{ certIndex: 1, privateKey: pki.leafPkcs8 }] };
  server = await startFortifyServer({
    tokens: [token],
    approval: ({ pin }) => (pinsShownByFortify.push(pin), approval),
    onSign: async () => {
      if (!signPause) return;
      signPause.started();
      await signPause.proceed;
    },
  });
});

test.afterAll(async () => {
  await server?.close();
});

/** A P-256 CA and holder with the key identifiers the PKI engine requires (RFC 5280 4.2.1.1/4.2.1.2). */
async function createTokenPki() {
  const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(Date.now() + 86_400_000);
  const caKeys = await crypto.subtle.generateKey(EC, false, ['sign', 'verify']);
  const ca = await X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=Token e2e CA, O=Identity e2e, C=BR',
    notBefore,
    notAfter,
    keys: caKeys,
    signingAlgorithm: EC,
    extensions: [
      new BasicConstraintsExtension(true, 0, true),
      new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
      await SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const leafKeys = await crypto.subtle.generateKey(EC, true, ['sign', 'verify']);
  const leaf = await X509CertificateGenerator.create({
    serialNumber: '02',
    subject: 'CN=Token Holder, O=Identity e2e, C=BR',
    issuer: ca.subject,
    notBefore,
    notAfter,
    publicKey: leafKeys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: EC,
    extensions: [
      new BasicConstraintsExtension(false, undefined, true),
      new KeyUsagesExtension(KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation, true),
      await SubjectKeyIdentifierExtension.create(leafKeys.publicKey),
      await AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  return {
    caDer: new Uint8Array(ca.rawData),
    leafDer: new Uint8Array(leaf.rawData),
    leafPkcs8: await crypto.subtle.exportKey('pkcs8', leafKeys.privateKey),
  };
}

/** Picks the token's certificate in `<peculiar-fortify-certificates>` (open shadow DOM: locators pierce it). */
async function pickInComponent(page: Page) {
  const picker = page.getByTestId('source-fortify').locator('peculiar-fortify-certificates');
  const item = picker.locator('.certificates_list_item').filter({ hasText: 'Token Holder' });
  await item.click({ timeout: 20_000 });
  await picker.getByRole('button', { name: 'Continue' }).click();
}

async function connectAndChoose(page: Page) {
  await page.goto('/#/identity');
  await page.getByTestId('source-fortify').getByRole('button', { name: 'Connect to Fortify' }).click();
  await pickInComponent(page);
}

test('a token certificate through Fortify: the PIN to compare, the verdict, and a removed token', async ({ page }) => {
  await page.goto('/#/identity');
  const source = page.getByTestId('source-fortify');
  // The component's bundle (~550 kB) is not loaded until the Fortify source is opened.
  expect(await page.evaluate(() => customElements.get('peculiar-fortify-certificates') === undefined)).toBe(true);
  await source.getByRole('button', { name: 'Connect to Fortify' }).click();
  // The page shows the same 6-digit PIN as Fortify's approval window, while the user compares them.
  await expect(page.getByTestId('fortify-pin')).toContainText(/If it is \d{6}, approve this site/);
  await expect.poll(() => pinsShownByFortify.length).toBe(1);
  expect(pinsShownByFortify[0]).toMatch(/^\d{6}$/);
  await expect(page.getByTestId('fortify-pin')).toContainText(pinsShownByFortify[0]!);
  approve(true);
  // The Fortify component lists the token's signing certificate only (its CA has no key on the token).
  const picker = source.locator('peculiar-fortify-certificates');
  const items = picker.locator('.certificates_list_item');
  await expect(items).toHaveCount(1, { timeout: 20_000 });
  await expect(items).toContainText('Token Holder');
  // Cancel in the component: back to the source choice, still connected; choosing again asks no new approval.
  await picker.getByRole('button', { name: 'Cancel' }).click();
  await expect(picker).toHaveCount(0);
  await source.getByRole('button', { name: 'Reconnect to Fortify' }).click();
  await pickInComponent(page);
  // The component reused the approved identity: the user compared one PIN, not two.
  expect(pinsShownByFortify).toHaveLength(1);
  await expect(page.getByText('Signing with Test token (smart card or token via Fortify).')).toBeVisible();
  // The token's CA is not (yet) a Trust Store anchor: no path, and the page says so.
  await expect(page.getByTestId('verdict')).toContainText(
    'Not trusted: the browser found no valid certification path from this certificate to an anchor of the Trust Store.',
  );

  server.removeToken(server.tokenIds[0]!);
  await expect(page.getByRole('alert').filter({ hasText: 'A card or token was removed' })).toBeVisible();
  await expect(page.getByTestId('verdict')).toHaveCount(0);
});

test('a token identity: anchored, registered, signs a transaction (after surviving a token pulled out mid-signing); then its anchor is suspended', async ({ page }) => {
  if (server.tokenIds.length === 0) await server.insertToken(token);
  const network = JSON.parse(readFileSync(process.env.PKI_NETWORK_FILE!, 'utf8')) as { rpcUrl: string; contracts: { trustStore: Address } };
  const address = network.contracts.trustStore;
  const reader = createPublicClient({ transport: http(network.rpcUrl) });
  const member = (index: number) => createWalletClient({ transport: http(network.rpcUrl), account: developmentAccount(index) });
  const mined = async (hash: `0x${string}`) => expect((await waitForTransactionReceipt(reader, { hash })).status).toBe('success');
  // BR authority (#1) proposes, CN authority (#2) approves, #1 executes, then suspends it alone.
  const proposed = await proposeAddAnchor(member(1), { address, der: toHex(caDer), country: 'BR', exceptions: 0 });
  await mined(proposed.hash);
  await mined((await approveProposal(member(2), { address, id: proposed.proposalId })).hash);
  await mined((await executeProposal(member(1), { address, id: proposed.proposalId })).hash);

  await page.goto('/#/identity');
  await page.getByRole('button', { name: 'Connect BR signer (#3)' }).click();
  await connectAndChoose(page);
  await expect(page.getByTestId('verdict')).toContainText('Trusted: the path ends at the trust anchor of Brazil');

  // The token identity signs a transaction: register it, propose, and sign on #/transactions, where
  // the token is reached through the connection made on #/identity.
  await page.getByRole('button', { name: 'Register this identity on the ledger' }).click();
  await expect(page.getByTestId('binding')).toContainText('is bound to this certificate', { timeout: 30_000 });
  await page.goto('/#/transactions');
  const compose = page.getByTestId('compose');
  await compose.getByLabel('Counterparty country').selectOption('CN');
  await compose.getByLabel('Amount').fill('99');
  await compose.getByLabel('Currency (ISO 4217)').selectOption('USD');
  await compose.getByLabel('Payment reference').fill('TOKEN-1');
  await compose.getByLabel('Document').setInputFiles({ name: 'po.txt', mimeType: 'text/plain', buffer: Buffer.from('purchase order') });
  await compose.getByLabel('Deadline').fill(new Date(Date.now() + 86_400_000 * 3).toISOString().slice(0, 10));
  await compose.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Propose it on the ledger' }).click();
  // The token is pulled out while it signs: nothing reaches the ledger and the page asks for the certificate again.
  let proceed: () => void = () => {};
  const started = new Promise<void>((resolve) => (signPause = { started: resolve, proceed: new Promise<void>((p) => (proceed = p)) }));
  await page.getByTestId('sign-panel').getByRole('button', { name: /^Sign as / }).click();
  await started;
  server.removeToken(server.tokenIds[0]!);
  proceed();
  signPause = undefined;
  await expect(page.getByText('Open your certificate to sign')).toBeVisible();
  await expect(page.getByTestId('inbox').getByTestId('transaction').first().getByTestId('transaction-status')).toHaveText('Waiting for signatures');

  // Token back in: choose the certificate again and sign from the inbox.
  await server.insertToken(token);
  await page.goto('/#/identity');
  await page.getByTestId('source-fortify').getByRole('button', { name: 'Reconnect to Fortify' }).click();
  await pickInComponent(page);
  await expect(page.getByText('Signing with Test token (smart card or token via Fortify).')).toBeVisible();
  await page.goto('/#/transactions');
  await page.getByTestId('inbox').getByTestId('transaction').first().getByRole('button', { name: /Review and sign transaction/ }).click();
  const panel = page.getByTestId('sign-panel');
  await panel.getByRole('button', { name: /^Sign as / }).click();
  await expect(panel.getByTestId('signed')).toContainText('Partially signed', { timeout: 30_000 });
  await page.goto('/#/identity');

  await mined((await suspendAnchor(member(1), { address, anchorHash: `0x${(await parseCertificate(caDer)).identity}`, reason: 'e2e: key compromise drill' })).hash);
  // The verdict follows the ledger on the next block, without a reload.
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-state', 'untrusted');
  await expect(page.getByTestId('verdict')).toContainText(/Its trust anchor, .+, is suspended by a member authority/);
});
