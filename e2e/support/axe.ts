import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';

/** axe-core on the page as it is now: no serious or critical violation (WCAG 2.1 A/AA rules). */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, serious.join('\n')).toEqual([]);
}

/** The app's languages, each with the label its language switcher has in that language. */
export const languages = [
  ['en', 'Language'],
  ['pt-BR', 'Idioma'],
  ['zh-CN', '语言'],
] as const;

/**
 * axe in each language (the page left in English); with `screenshot`, a full-page screenshot per language
 * kept in the test's output folder (test-results/) and attached to the report for review.
 */
export async function expectNoSeriousAxeViolationsInEachLanguage(page: Page, screenshot?: { testInfo: TestInfo; name: string }): Promise<void> {
  let label: string = 'Language';
  for (const [locale, next] of languages) {
    await page.getByLabel(label).selectOption(locale);
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await expectNoSeriousAxeViolations(page);
    if (screenshot) {
      const file = screenshot.testInfo.outputPath(`${screenshot.name}-${locale}.png`);
      await page.screenshot({ path: file, fullPage: true });
      await screenshot.testInfo.attach(`${screenshot.name}-${locale}.png`, { path: file, contentType: 'image/png' });
    }
    label = next;
  }
  await page.getByLabel(label).selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
}
