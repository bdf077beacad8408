import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { developmentAccount } from '../scripts/dev/accounts.ts';
import { installTestWallet, setWalletRejects, testWalletName } from './support/wallet.ts';

// The person says no in their wallet: the page says so in one sentence, nothing is lost, and trying
// again goes through. The test wallet (e2e/support/wallet.ts) is an injected EIP-6963 wallet for the
// BR signer's development account. The file sorts after transactions.spec.ts, which binds that account
// to the BR demo identity first when the whole suite runs; run alone, this test binds it itself.
const network = JSON.parse(readFileSync(process.env.PKI_NETWORK_FILE!, 'utf8')) as { rpcUrl: string };

async function registerIfNeeded(page: Page) {
  const registration = page.getByTestId('registration');
  const binding = registration.getByTestId('binding');
  const register = registration.getByRole('button', { name: 'Register this identity on the ledger' });
  await expect(binding.or(register)).toBeVisible();
  if (await register.isVisible()) await register.click();
  await expect(binding).toContainText('is bound to this certificate', { timeout: 30_000 });
}

test('the wallet rejects proposing and signing: one sentence, the draft and the certificate stay, retrying goes through', async ({ page }) => {
  test.setTimeout(120_000);
  await installTestWallet(page, { rpcUrl: network.rpcUrl, address: developmentAccount(3).address });
  await page.goto('/#/identity');
  await page.getByRole('button', { name: `Connect ${testWalletName}` }).click();
  await expect(page.getByTestId('wallet-address')).toHaveText(new RegExp(developmentAccount(3).address, 'i'));
  await page.getByRole('button', { name: /MARIA DA SILVA DEMO.*\(Brazil\)/ }).click();
  await expect(page.getByTestId('verdict')).toContainText('Trusted: the path ends at the trust anchor of Brazil');
  await registerIfNeeded(page);

  await page.goto('/#/transactions');
  const compose = page.getByTestId('compose');
  await compose.getByLabel('Counterparty country').selectOption('CN');
  await compose.getByLabel('Amount').fill('99.90');
  await compose.getByLabel('Currency (ISO 4217)').selectOption('BRL');
  await compose.getByLabel('Payment reference').fill('INV-REJECTED-1');
  await compose.getByLabel('Document').setInputFiles({ name: 'order.txt', mimeType: 'text/plain', buffer: Buffer.from('Purchase order 7') });
  await expect(compose.getByTestId('document-hash')).toContainText('order.txt');
  await compose.getByLabel('Deadline').fill(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
  await compose.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByTestId('review-amount')).toHaveText('99.90 BRL');

  // Proposing: the wallet says no.
  await setWalletRejects(page, true);
  await page.getByRole('button', { name: 'Propose it on the ledger' }).click();
  await expect(compose.getByRole('alert')).toHaveText('You rejected the request in your wallet; nothing was sent.');
  await expect(page.getByTestId('sign-panel')).toHaveCount(0);
  // The draft and its review are all still there.
  await expect(page.getByTestId('review-amount')).toHaveText('99.90 BRL');
  await expect(compose.getByLabel('Payment reference')).toHaveValue('INV-REJECTED-1');
  await expect(compose.getByLabel('Counterparty country')).toHaveValue('CN');
  await expect(compose.getByTestId('document-hash')).toContainText('order.txt');

  // Again, and the wallet sends it.
  await setWalletRejects(page, false);
  await page.getByRole('button', { name: 'Propose it on the ledger' }).click();
  const panel = page.getByTestId('sign-panel');
  await expect(panel.getByTestId('typed-amount')).toContainText('99.90 BRL', { timeout: 30_000 });

  // Signing: the certificate signs, then the wallet says no; nothing reaches the ledger.
  await setWalletRejects(page, true);
  await panel.getByRole('button', { name: /^Sign as/ }).click();
  await expect(panel.getByRole('alert')).toHaveText('You rejected the request in your wallet; nothing was sent.');
  await expect(panel.getByTestId('signed')).toHaveCount(0);
  await expect(panel.getByTestId('step-mined')).toHaveAttribute('data-reached', 'false');
  // The chosen certificate is still the signer: the same button signs again.
  await setWalletRejects(page, false);
  await panel.getByRole('button', { name: /^Sign as/ }).click();
  await expect(panel.getByTestId('signed')).toContainText('Partially signed', { timeout: 30_000 });
  await expect(panel.getByRole('alert')).toHaveCount(0);
});
