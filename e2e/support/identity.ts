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

/**
 * Registration signs with the certificate's key and mines; an SM2 path costs the most gas and time.
 * Specs share one ledger, so a holder another spec bound to the same wallet is already registered:
 * the app then offers no Register button, and the binding it shows is what this step asserts.
 */
export async function register(page: Page): Promise<void> {
  const registration = page.getByTestId('registration');
  const bound = registration.getByTestId('binding').filter({ hasText: 'is bound to this certificate' });
  const button = registration.getByRole('button', { name: 'Register this identity on the ledger' });
  await expect(bound.or(button)).toBeVisible({ timeout: 30_000 });
  if (await bound.isVisible()) return;
  await button.click();
  await expect(bound).toBeVisible({ timeout: 60_000 });
}
