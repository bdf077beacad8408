import type { Page } from '@playwright/test';

/** The user's gesture that starts a trust verdict: choosing the first demo identity on #/identity. */
export async function chooseDemoIdentity(page: Page): Promise<void> {
  await page.getByTestId('source-demo').getByRole('button').first().click();
}
