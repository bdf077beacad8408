import type { Page } from '@playwright/test';

/** The user's gesture that starts a trust verdict: choosing the first demo identity. */
export async function chooseDemoIdentity(page: Page): Promise<void> {
  await page.getByTestId('demo-identity').first().click();
}
