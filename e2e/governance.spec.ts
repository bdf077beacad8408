import path from 'node:path';
import { type Page } from '@playwright/test';
import { expect, test } from './support/test';

const v12Root = path.resolve(import.meta.dirname, '..', 'fixtures', 'national-pki', 'icp-brasil_raiz_v12_rsa4096-sha512.pem');
const intermediate = path.resolve(import.meta.dirname, '..', 'fixtures', 'national-pki', 'v5__ac-secretaria-receita-federal-v4.pem');

async function connect(page: Page, label: string) {
  await page.goto('/#/governance');
  await page.getByRole('button', { name: `Connect ${label}` }).click();
  await expect(page.getByTestId('wallet-address')).toBeVisible();
}

test('a non-member sees governance read-only', async ({ page }) => {
  await page.goto('/#/governance');
  await expect(page.getByTestId('membership')).toContainText('not a member authority');
  await expect(page.getByRole('button', { name: 'Propose' })).toHaveCount(0);
  await expect(page.getByTestId('history-event').first()).toBeVisible();
});

test('Brazil proposes a real ICP-Brasil root, China approves, it is executed and trusted', async ({ browser }) => {
  const brazil = await (await browser.newContext()).newPage();
  const china = await (await browser.newContext()).newPage();
  await connect(brazil, 'BR authority');
  await expect(brazil.getByTestId('membership')).toContainText('member authority for Brazil');
  const form = brazil.locator('form', { has: brazil.getByRole('heading', { name: 'Propose a root certificate of Brazil' }) });
  await form.getByLabel('Root certificate (PEM or DER)').setInputFiles(v12Root);
  // Before proposing, the proposer reads the certificate as the Trust Store will judge it.
  const preview = form.getByTestId('propose-review');
  await expect(preview).toContainText('Autoridade Certificadora Raiz Brasileira v12');
  await expect(preview.getByTestId('anchor-warnings')).toHaveText('Nothing unusual: a self-issued CA certificate of this country with a key new to the Trust Store.');
  await form.getByRole('button', { name: 'Propose' }).click();
  await expect(form.getByText('Done: recorded on the ledger.')).toBeVisible();

  // The approver sees the same certificate: subject, issuer, fingerprint to compare out of band.
  await connect(china, 'CN authority');
  const proposal = china.getByTestId('proposal').filter({ hasText: 'Autoridade Certificadora Raiz Brasileira v12' });
  await expect(proposal).toContainText('1 of 2 approvals');
  await expect(proposal).toContainText('itself (self-issued)');
  await expect(proposal.locator('code.fingerprint')).toHaveText(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  await proposal.getByRole('button', { name: 'Approve' }).click();
  await expect(proposal).toContainText('2 of 2 approvals');
  await proposal.getByRole('button', { name: 'Execute' }).click();
  await expect(proposal).toHaveCount(0);

  await brazil.goto('/#/trust-store');
  const anchors = brazil.getByTestId('anchors-BR').getByTestId('anchor');
  await expect(anchors.filter({ hasText: 'Autoridade Certificadora Raiz Brasileira v12' })).toContainText('Active');
});

test('the proposer’s vote counts at once and no second vote is offered', async ({ page }) => {
  await connect(page, 'BR authority');
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Change the approval threshold' }) });
  await form.getByLabel('Approvals (0 = strict majority)').fill('1');
  await form.getByRole('button', { name: 'Propose' }).click();
  await expect(form.getByText('Done: recorded on the ledger.')).toBeVisible();
  const proposal = page.getByTestId('proposal').filter({ hasText: 'approval threshold to 1' });
  await expect(proposal).toContainText('1 of 2 approvals');
  await expect(proposal.getByRole('button', { name: 'You approved' })).toBeDisabled();
});

test('bad input gets one clear sentence before anything is sent: no certificate, a root already trusted, an intermediate as root', async ({ page }) => {
  await connect(page, 'BR authority');
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Propose a root certificate of Brazil' }) });
  const propose = form.getByRole('button', { name: 'Propose' });
  await form.getByLabel('Root certificate (PEM or DER)').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a certificate') });
  await expect(form.getByRole('alert')).toHaveText('The file is not a certificate: choose a PEM (.pem, .crt) or DER (.cer, .der) certificate file.');
  await expect(propose).toBeDisabled();

  const demoRoot = path.join(path.dirname(process.env.PKI_NETWORK_FILE!), 'demo-pki', 'br', 'root.pem');
  await form.getByLabel('Root certificate (PEM or DER)').setInputFiles(demoRoot);
  await expect(form.locator('[data-warning="already-anchor"]')).toHaveText('The Trust Store already holds this certificate as a trust anchor.');
  await expect(form.getByRole('alert')).toHaveText('This certificate cannot be a trust anchor: choose the country’s self-issued root CA certificate.');
  await expect(propose).toBeDisabled();

  // The review found before: an intermediate CA voted in as "root" kept its holders trusted while the real root was suspended.
  await form.getByLabel('Root certificate (PEM or DER)').setInputFiles(intermediate);
  await expect(form.locator('[data-warning="not-self-issued"]')).toBeVisible();
  await expect(propose).toBeDisabled();
});
