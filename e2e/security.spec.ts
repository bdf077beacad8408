import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

const network = () => JSON.parse(readFileSync(process.env.PKI_NETWORK_FILE!, 'utf8')) as { rpcUrl: string; relayUrl?: string };

test('the app is served with a strict Content-Security-Policy, breaks none of it, and asks no third party', async ({ page, baseURL }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`Content Security Policy: ${event.violatedDirective} ${event.blockedURI}`));
  });
  const allowed = new Set([new URL(baseURL!).origin, new URL(network().rpcUrl).origin]);
  const elsewhere: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && !allowed.has(url.origin)) elsewhere.push(request.url());
  });

  const response = await page.goto('/');
  const policy = response!.headers()['content-security-policy'] ?? '';
  // Only the bundle's scripts (eval for Fortify's protobuf codecs), never inline script or another origin.
  expect(policy.split('; ').find((d) => d.startsWith('script-src '))).toBe("script-src 'self' 'unsafe-eval'");
  expect(policy).toContain(`connect-src 'self' ${new URL(network().rpcUrl).origin}`);
  await expect(page.getByTestId('anchors-BR').getByTestId('anchor').first()).toBeVisible();

  // The heaviest page: PKCS#12 key derivation, path building and the Trust Store reads, under the policy.
  await page.goto('/#/identity');
  await page.getByRole('button', { name: /MARIA DA SILVA DEMO.*\(Brazil\)/ }).click();
  await expect(page.getByTestId('verdict')).toContainText('Trusted');
  await page.goto('/#/transactions');
  await page.goto('/#/governance');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  expect(violations).toEqual([]);
  expect(elsewhere).toEqual([]);
});
