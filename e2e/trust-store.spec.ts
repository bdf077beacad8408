import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

const network = () => JSON.parse(readFileSync(process.env.PKI_NETWORK_FILE!, 'utf8')) as { chainId: number; contracts: { trustStore: string } };

test('the app opens on the embedded ledger and shows both member authorities and each country’s anchors', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Trust Store' })).toBeVisible();
  const members = page.getByTestId('member');
  await expect(members).toHaveCount(2);
  await expect(members.filter({ hasText: 'Brazil' })).toContainText('ICP-Brasil authority');
  await expect(members.filter({ hasText: 'China' })).toContainText('China national PKI authority');
  // The demo roots seeded by `npm start`: Brazil's RSA root, China's P-256 and SM2 roots (other specs may
  // add more anchors to the same ledger).
  for (const [country, count] of [['BR', 1], ['CN', 2]] as const) {
    const demoAnchors = page.getByTestId(`anchors-${country}`).getByTestId('anchor').filter({ hasText: 'Demo' });
    await expect(demoAnchors).toHaveCount(count);
    for (const demoAnchor of await demoAnchors.all()) {
      await expect(demoAnchor).toContainText('Active');
      await expect(demoAnchor.locator('.fingerprint')).toHaveText(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    }
  }
  await expect(page.getByTestId('anchors-CN').getByTestId('anchor').filter({ hasText: 'Demo China SM2 Root CA' })).toContainText('Active');
  expect(network().chainId).toBe(31337);
});

test('the app follows the chosen language and keeps it after a reload', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Language').selectOption('pt-BR');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trust Store');
  await expect(page.getByRole('heading', { name: 'Autoridades membros' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Autoridades membros' })).toBeVisible();
  await page.getByLabel('Idioma').selectOption('zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('信任库');
});
