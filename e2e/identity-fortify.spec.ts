import { expect, test } from '@playwright/test';
import { startFortifyServer, type FortifyServer, type FortifyTokenOptions } from './support/fortify/index.ts';
import { createTestTokenPki } from './support/fortify/test-pki.ts';

// The Identity page against the Fortify-compatible token server on 127.0.0.1:31337 (the address the
// Fortify client hard-codes): PIN, certificate choice, verdict, and the token pulled out.
test.describe.configure({ mode: 'serial' });

let server: FortifyServer;
let token: FortifyTokenOptions;
const pinsShownByFortify: string[] = [];
/** The simulated user approves in the Fortify window only once the test let them (after the page showed the PIN). */
let approve: (approved: boolean) => void = () => {};
const approval = new Promise<boolean>((resolve) => (approve = resolve));

test.beforeAll(async () => {
  const pki = await createTestTokenPki();
  token = {
    name: 'Test token',
    certificates: [pki.ca.certificate.rawData, pki.ec.certificate.rawData],
    keys: [{ certIndex: 1, privateKey: pki.ecPkcs8 }],
  };
  server = await startFortifyServer({ tokens: [token], approval: ({ pin }) => (pinsShownByFortify.push(pin), approval) });
});

test.afterAll(async () => {
  await server?.close();
});

test('a token certificate through Fortify: the PIN to compare, the verdict, and a removed token', async ({ page }) => {
  await page.goto('/#/identity');
  const source = page.getByTestId('source-fortify');
  await source.getByRole('button', { name: 'Connect to Fortify' }).click();
  // The page shows the same 6-digit PIN as Fortify's approval window, while the user compares them.
  await expect(page.getByTestId('fortify-pin')).toContainText(/If it is \d{6}, approve this site/);
  expect(pinsShownByFortify).toHaveLength(1);
  expect(pinsShownByFortify[0]).toMatch(/^\d{6}$/);
  await expect(page.getByTestId('fortify-pin')).toContainText(pinsShownByFortify[0]!);
  approve(true);
  const choice = source.getByRole('button', { name: /\(Test token\)$/ });
  await expect(choice).toHaveCount(1);

  await choice.click();
  await expect(page.getByText('Signing with Test token (smart card or token via Fortify).')).toBeVisible();
  // The test token's CA is not a Trust Store anchor: no path, and the page says so.
  await expect(page.getByTestId('verdict')).toHaveText(
    'Not trusted: the browser found no valid certification path from this certificate to an anchor of the Trust Store.',
  );

  server.removeToken(server.tokenIds[0]!);
  await expect(page.getByRole('alert').filter({ hasText: 'A card or token was removed' })).toBeVisible();
  await expect(page.getByTestId('verdict')).toHaveCount(0);
});
