import { expect, test } from '@playwright/test';
import { expectNoSeriousAxeViolationsInEachLanguage } from './support/axe.ts';

// axe-core (WCAG 2.1 A/AA rules) on each page as a first-time visitor sees it, in English, Portuguese and Chinese.
for (const [route, heading] of [
  ['trust-store', 'Trust Store'],
  ['governance', 'Governance'],
  ['identity', 'Your identity'],
  ['transactions', 'Transactions'],
] as const) {
  test(`#/${route} has no serious accessibility violation`, async ({ page }) => {
    await page.goto(`/#/${route}`);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await expectNoSeriousAxeViolationsInEachLanguage(page);
  });
}
