import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/axe.ts';

// The demo PKIs `npm start` generates beside network.json (the e2e data folder here).
const demoFile = (relative: string) => readFileSync(path.join(path.dirname(process.env.PKI_NETWORK_FILE!), 'demo-pki', relative));

test('a demo identity: the certificate as a person reads it, its path, and the Trust Store verdict', async ({ page }) => {
  await page.goto('/#/identity');
  await expect(page.getByRole('heading', { level: 1, name: 'Your identity' })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await page.getByRole('button', { name: /MARIA DA SILVA DEMO.*\(Brazil\)/ }).click();
  await expect(page.getByTestId('certificate-name')).toHaveText('MARIA DA SILVA DEMO');
  await expect(page.getByTestId('certificate-cpf')).toHaveText('123.456.789-09');
  await expect(page.getByTestId('certificate-policy')).toContainText('A3');
  // holder -> demo CA -> demo root (the anchor the members approved when the ledger was seeded)
  // drawn anchor first: demo root -> demo CA -> holder, each with its status
  await expect(page.getByTestId('path-node')).toHaveCount(3);
  await expect(page.getByTestId('path-node').first()).toHaveAttribute('data-role', 'anchor');
  await expect(page.getByTestId('path-node').first()).toContainText('trusted by the member authorities');
  // One verdict, trusted, naming the anchor's country and the approving proposal. Its speed is measured by bench:app.
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveCount(1);
  await expect(verdict).toContainText(/Trusted: the path ends at the trust anchor of Brazil, approved by the member authorities in proposal \d+/);
  await expectNoSeriousAxeViolations(page);
});

test('a PKCS#12 file with a wrong password gives one clear sentence; the right one opens it', async ({ page }) => {
  await page.goto('/#/identity');
  const source = page.getByTestId('source-pkcs12');
  const file = { name: 'li-wei.p12', mimeType: 'application/x-pkcs12', buffer: demoFile('cn/holder-person.p12') };
  await source.getByLabel('File').setInputFiles(file);
  await source.getByLabel('Password').fill('not the password');
  await source.getByRole('button', { name: 'Open' }).click();
  await expect(source.getByRole('alert')).toHaveText('The password does not open this PKCS#12 file.');
  await expect(source.getByLabel('Password')).toHaveValue('');
  await source.getByLabel('File').setInputFiles(file);
  await source.getByLabel('Password').fill('demo-pki-2026');
  await source.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('certificate-name')).toHaveText('Li Wei (demo)');
  await expect(page.getByTestId('verdict')).toContainText('trust anchor of China');
});

test('without Fortify running, the page says how to install and start it', async ({ page }) => {
  await page.goto('/#/identity');
  await page.getByRole('button', { name: 'Connect to Fortify' }).click();
  await expect(page.getByTestId('fortify-not-running')).toContainText('Fortify does not answer on this computer.');
  await expect(page.getByRole('link', { name: 'fortifyapp.com' })).toBeVisible();
});
