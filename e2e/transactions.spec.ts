import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Page } from '@playwright/test';
import { expect, test } from './support/test';
import { connect, openDemoIdentity, register } from './support/identity.ts';
import { evidenceFiles, importPkcs12, readEvidenceBundle, verifyCmsSignature, verifyEvidenceBundle } from '@/pki';
import { expectNoSeriousAxeViolations } from './support/axe.ts';
import { startFortifyServer, type FortifyServer } from './support/fortify/index.ts';

// The whole story on the embedded ledger, with the demo identities of both countries: the Brazilian
// signer opens a demo PKCS#12 file; the Chinese signer's certificate and key sit on a token reached
// through Fortify (the Fortify-compatible token server) and are picked in <peculiar-fortify-certificates>.
// Each registers, Brazil proposes a transaction to China and signs, China co-signs from its inbox with
// the token, and both see it Completed.
test.describe.configure({ mode: 'serial' });

let fortify: FortifyServer;

test.beforeAll(async () => {
  // The Chinese demo holder's certificate, its CA, and its key (kept non-extractable) on a token.
  const demoDir = path.join(path.dirname(process.env.PKI_NETWORK_FILE!), 'demo-pki', 'cn');
  const manifest = JSON.parse(readFileSync(path.join(demoDir, '..', 'manifest.json'), 'utf8')) as { password: string };
  const holder = await importPkcs12({ data: new Uint8Array(readFileSync(path.join(demoDir, 'holder-person.p12'))), password: manifest.password });
  const ca = new Uint8Array(readFileSync(path.join(demoDir, 'ca.der')));
  fortify = await startFortifyServer({
    tokens: [{ name: 'Chinese signer token', certificates: [ca, new Uint8Array(holder.leaf)], keys: [{ certIndex: 1, privateKey: holder.privateKey }] }],
  });
});

test.afterAll(async () => {
  await fortify?.close();
});

async function openTokenIdentity(page: Page) {
  await page.goto('/#/identity');
  const source = page.getByTestId('source-fortify');
  await source.getByRole('button', { name: /^(Connect to|Reconnect to) Fortify$/ }).click();
  const picker = source.locator('peculiar-fortify-certificates');
  await picker.locator('.certificates_list_item').filter({ hasText: 'Li Wei' }).click({ timeout: 30_000 });
  await picker.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Signing with Chinese signer token (smart card or token via Fortify).')).toBeVisible();
  await expect(page.getByTestId('verdict')).toContainText('Trusted: the path ends at the trust anchor of China');
}




test('Brazil (PKCS#12) proposes and signs, China (token via Fortify) co-signs, both see Completed; the draft survives a reload', async ({ browser }) => {
  // Two on-chain path verifications (RSA-4096/SHA-512 and P-256) and four transactions on 2 shared cores.
  test.setTimeout(180_000);
  const brazil = await (await browser.newContext()).newPage();
  const china = await (await browser.newContext()).newPage();

  await connect(brazil, 'BR signer');
  await openDemoIdentity(brazil, /MARIA DA SILVA DEMO.*\(Brazil\)/, 'Brazil');
  await register(brazil);
  await connect(china, 'CN signer');
  await openTokenIdentity(china);
  await register(china);

  await brazil.goto('/#/transactions');
  const compose = brazil.getByTestId('compose');
  await compose.getByLabel('Counterparty country').selectOption('CN');
  await compose.getByLabel('Amount').fill('1250.50');
  await compose.getByLabel('Currency (ISO 4217)').selectOption('BRL');
  await compose.getByLabel('Payment reference').fill('INV-2026-0042');
  await compose.getByLabel(/^Memo/).fill('First shipment of soybeans');
  await compose.getByLabel('Document').setInputFiles({ name: 'contract.txt', mimeType: 'text/plain', buffer: Buffer.from('Sale contract 42') });
  // SHA-256("Sale contract 42"), computed by the browser
  await expect(compose.getByTestId('document-hash')).toContainText('0x');
  const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await compose.getByLabel('Deadline').fill(deadline);

  // A reload keeps the draft (the key is not kept: the certificate is opened again; the development
  // wallet does not reconnect by itself either).
  await brazil.reload();
  await connect(brazil, 'BR signer');
  await openDemoIdentity(brazil, /MARIA DA SILVA DEMO.*\(Brazil\)/, 'Brazil');
  await brazil.goto('/#/transactions');
  await expect(compose.getByLabel('Amount')).toHaveValue('1250.50');
  await expect(compose.getByLabel('Payment reference')).toHaveValue('INV-2026-0042');
  await expect(compose.getByLabel('Counterparty country')).toHaveValue('CN');
  await expect(compose.getByTestId('document-hash')).toContainText('contract.txt');
  await expectNoSeriousAxeViolations(brazil);

  await compose.getByRole('button', { name: 'Review' }).click();
  await expect(brazil.getByTestId('review-amount')).toHaveText('1,250.50 BRL');
  await brazil.getByRole('button', { name: 'Propose it on the ledger' }).click();
  const panel = brazil.getByTestId('sign-panel');
  await expect(panel.getByTestId('typed-amount')).toContainText('1,250.50 BRL (125050 / 2 / BRL)');
  await expectNoSeriousAxeViolations(brazil);
  await panel.getByRole('button', { name: /^Sign as/ }).click();
  await expect(panel.getByTestId('signed')).toContainText('Partially signed', { timeout: 30_000 });
  await expect(panel.getByTestId('step-confirmed')).toHaveAttribute('data-reached', 'true');
  // The relay offers the local test TSA (as npm start does), whose root network.json lists in tsaRoots.
  await expect(panel.getByTestId('step-timestamp')).toHaveAttribute('data-reached', 'true');
  await expect(panel.getByTestId('signature-timestamp')).toHaveAttribute('data-state', 'trusted');
  await expect(panel.getByTestId('signature-timestamp')).toContainText(/Timestamped by .*Local Test Time-Stamping Authority.* at .*: the signature provably existed then\./);

  await china.goto('/#/transactions');
  const item = china.getByTestId('inbox').getByTestId('transaction').filter({ hasText: 'Partially signed' }).first();
  const id = await item.getAttribute('data-id');
  await item.getByRole('button', { name: /Review and sign transaction/ }).click();
  const chinaPanel = china.getByTestId('sign-panel');
  await expect(chinaPanel.getByTestId('typed-amount')).toContainText('1,250.50 BRL');
  await chinaPanel.getByRole('button', { name: /^Sign as/ }).click();
  await expect(chinaPanel.getByTestId('signed')).toContainText('Completed', { timeout: 30_000 });

  for (const page of [brazil, china]) {
    await page.goto('/#/transactions');
    const completed = page.locator(`[data-testid="transaction"][data-id="${id}"]`);
    await expect(completed.getByTestId('transaction-status')).toHaveText('Completed');
    // Both signatures re-verified in this browser from the ledger's events, with the path at signing time.
    await completed.getByRole('button', { name: `Details of transaction ${id}` }).click();
    const checks = page.getByTestId('detail').getByTestId('party-verification');
    await expect(checks).toHaveCount(2);
    await expect(checks.nth(0)).toContainText('Party 1: signature verified in this browser');
    await expect(checks.nth(0)).toContainText('Brazil');
    await expect(checks.nth(1)).toContainText('Party 2: signature verified in this browser');
    await expect(checks.nth(1)).toContainText('China');
    // The timestamp each browser kept for its own party: TSA, time and trusted by network.json's tsaRoots,
    // worded as the sign page words it; a browser keeps none for the other party (the ledger keeps none).
    const own = page === brazil ? 0 : 1;
    const stamp = checks.nth(own).getByTestId('party-timestamp');
    await expect(stamp).toHaveAttribute('data-state', 'trusted');
    await expect(stamp).toContainText(/Trusted\s+Timestamped by .*Local Test Time-Stamping Authority.* at .*UTC.*: the signature provably existed then\./);
    await expect(checks.nth(1 - own).getByTestId('party-timestamp')).toHaveCount(0);
  }
  await expectNoSeriousAxeViolations(brazil);
  await expectNoSeriousAxeViolations(china);

  // The evidence: one tar the app builds from the ledger's record; every offline check holds, and China's
  // .p7s from its own button verifies in Node and in OpenSSL over the bundled EIP-712 digest.
  const detail = china.getByTestId('detail');
  const [evidenceDownload] = await Promise.all([china.waitForEvent('download'), detail.getByRole('button', { name: /^Download the evidence/ }).click()]);
  const bundle = readEvidenceBundle(new Uint8Array(readFileSync((await evidenceDownload.path())!)));
  expect(bundle.record.parties).toHaveLength(2);
  expect(new TextDecoder().decode(bundle.files.get(evidenceFiles.typedData(2)))).toContain('INV-2026-0042');
  const checks = await verifyEvidenceBundle(bundle);
  expect(checks.filter((c) => !c.ok)).toEqual([]);
  // Brazil signed with a TSA offered: its CAdES names AD-RT; China's browser kept no Brazilian timestamp.
  expect(checks.find((c) => c.name === 'party 1 signature policy')?.detail).toMatch(/names the AD-RT policy 2\.16\.76\.1\.7\.1\.2\.2\.3 with its document hash; this bundle carries no signature timestamp/);
  expect(checks.find((c) => c.name === 'party 2 signature timestamp')?.ok).toBe(true);
  const [p7sDownload] = await Promise.all([china.waitForEvent('download'), detail.getByRole('button', { name: 'Download the signature of party 2 (.p7s)' }).click()]);
  const contentInfo = new Uint8Array(readFileSync((await p7sDownload.path())!));
  const digest = bundle.files.get(evidenceFiles.content(2))!;
  expect((await verifyCmsSignature({ contentInfo, content: digest })).valid).toBe(true);

  // And OpenSSL accepts the same evidence: the detached CMS over the 32-byte digest.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'evidence-'));
  writeFileSync(path.join(dir, 'party2.p7s'), contentInfo);
  writeFileSync(path.join(dir, 'digest.bin'), digest);
  const openssl = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', path.join(dir, 'party2.p7s'), '-content', path.join(dir, 'digest.bin'), '-noverify', '-out', '/dev/null']);
  expect(openssl.stderr.toString()).toContain('Verification successful');
  expect(openssl.status).toBe(0);

  // Anyone, with no wallet, opens the record and re-verifies both signatures in their browser.
  const anyone = await (await browser.newContext()).newPage();
  await anyone.goto('/#/transactions');
  await anyone.getByLabel('Transaction number').fill(String(id));
  await anyone.getByRole('button', { name: 'Open and verify' }).click();
  const anyoneChecks = anyone.getByTestId('detail').getByTestId('party-verification');
  await expect(anyoneChecks).toHaveCount(2);
  await expect(anyoneChecks.nth(0)).toContainText('Party 1: signature verified in this browser');
  await expect(anyoneChecks.nth(1)).toContainText('Party 2: signature verified in this browser');
  // A browser that signed nothing here has no timestamp to show.
  await expect(anyone.getByTestId('detail').getByTestId('party-timestamp')).toHaveCount(0);
});
