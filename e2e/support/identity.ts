// The identity steps several specs share: connect a development wallet, open a demo holder and see it
// trusted, bind it on the ledger with proof of possession.
import { expect, type Page } from '@playwright/test';

export async function connect(page: Page, label: string): Promise<void> {
  await page.goto('/#/identity');
  await page.getByRole('button', { name: `Connect ${label}` }).click();
  await expect(page.getByTestId('wallet-address')).toBeVisible();
}

export async function openDemoIdentity(page: Page, holder: RegExp, country: string): Promise<void> {
  await page.goto('/#/identity');
  await page.getByRole('button', { name: holder }).click();
  await expect(page.getByTestId('verdict')).toContainText(`Trusted: the path ends at the trust anchor of ${country}`);
}

/** Registration signs with the certificate's key and mines; an SM2 path costs the most gas and time. */
export async function register(page: Page): Promise<void> {
  const registration = page.getByTestId('registration');
  await registration.getByRole('button', { name: 'Register this identity on the ledger' }).click();
  await expect(registration.getByTestId('binding')).toContainText('is bound to this certificate', { timeout: 60_000 });
}
