import { readFileSync } from 'node:fs';
import { expect, test } from './support/test';
import { createPublicClient, createWalletClient, http, toHex, type Address } from 'viem';
import { waitForTransactionReceipt } from 'viem/actions';
import { approveProposal, executeProposal, proposeAddAnchor, revokeCertificate } from '@/ledger';
import { parseCertificate } from '@/pki';
import { drillPassword as password, makeDrillPki as makePki } from './support/drill-pki.ts';
import { developmentAccount } from '../scripts/dev/accounts.ts';
import { installTestWallet, testWalletName } from './support/wallet.ts';

// China's authority cannot revoke a Brazilian CA (one sentence, page and contract); the BR
// authority revokes it: the holder's verdict says its path has a revoked
// certificate, and the ledger refuses its signature in one clear sentence. The test makes its own
// small Brazilian PKI (root -> CA -> holder, P-256) and anchors its root, so revoking that CA leaves
// the shared demo PKIs, which the other specs use, untouched.
const network = JSON.parse(readFileSync(process.env.PKI_NETWORK_FILE!, 'utf8')) as { rpcUrl: string; contracts: { trustStore: Address } };

test('a revoked intermediate: the verdict names the revoked certificate and the ledger refuses the signature in one sentence', async ({ browser }) => {
  test.setTimeout(120_000);
  const label = Date.now().toString(36);
  const pki = await makePki(label);

  // Both member authorities anchor the drill root (BR proposes, CN approves, BR executes).
  const address = network.contracts.trustStore;
  const reader = createPublicClient({ transport: http(network.rpcUrl) });
  const member = (index: number) => createWalletClient({ transport: http(network.rpcUrl), account: developmentAccount(index) });
  const mined = async (hash: `0x${string}`) => expect((await waitForTransactionReceipt(reader, { hash })).status).toBe('success');
  const proposed = await proposeAddAnchor(member(1), { address, der: toHex(pki.rootDer), country: 'BR', exceptions: 0 });
  await mined(proposed.hash);
  await mined((await approveProposal(member(2), { address, id: proposed.proposalId })).hash);
  await mined((await executeProposal(member(1), { address, id: proposed.proposalId })).hash);

  // The holder (an account no other spec uses, through the test wallet) opens the PKCS#12 file and registers.
  const holder = await (await browser.newContext()).newPage();
  await installTestWallet(holder, { rpcUrl: network.rpcUrl, address: developmentAccount(7).address });
  await holder.goto('/#/identity');
  await holder.getByRole('button', { name: `Connect ${testWalletName}` }).click();
  await expect(holder.getByTestId('wallet-address')).toBeVisible();
  const source = holder.getByTestId('source-pkcs12');
  await source.getByLabel('File').setInputFiles({ name: 'drill.p12', mimeType: 'application/x-pkcs12', buffer: Buffer.from(pki.pkcs12) });
  await source.getByLabel('Password').fill(password);
  await source.getByRole('button', { name: 'Open' }).click();
  await expect(holder.getByTestId('verdict')).toContainText('Trusted: the path ends at the trust anchor of Brazil');
  await holder.getByRole('button', { name: 'Register this identity on the ledger' }).click();
  await expect(holder.getByTestId('binding')).toContainText('is bound to this certificate', { timeout: 30_000 });

  await holder.goto('/#/transactions');
  const compose = holder.getByTestId('compose');
  await compose.getByLabel('Counterparty country').selectOption('CN');
  await compose.getByLabel('Amount').fill('10');
  await compose.getByLabel('Currency (ISO 4217)').selectOption('USD');
  await compose.getByLabel('Payment reference').fill(`DRILL-${label}`);
  await compose.getByLabel('Document').setInputFiles({ name: 'drill.txt', mimeType: 'text/plain', buffer: Buffer.from('revocation drill') });
  await compose.getByLabel('Deadline').fill(new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10));
  await compose.getByRole('button', { name: 'Review' }).click();
  await holder.getByRole('button', { name: 'Propose it on the ledger' }).click();
  const panel = holder.getByTestId('sign-panel');
  await expect(panel.getByTestId('typed-amount')).toContainText('10.00 USD', { timeout: 30_000 });

  // China's authority cannot revoke a certificate under Brazil's anchor: the page says so before anything is sent.
  const chinese = await (await browser.newContext()).newPage();
  await chinese.goto('/#/governance');
  await chinese.getByRole('button', { name: 'Connect CN authority' }).click();
  await expect(chinese.getByTestId('membership')).toContainText('member authority for China');
  const wrongCountry = chinese.locator('form', { has: chinese.getByRole('heading', { name: 'Revoke a certificate' }) });
  await wrongCountry.getByLabel('Certificate (PEM, DER or PKCS#7)').setInputFiles({ name: 'drill-ca.pem', mimeType: 'application/x-pem-file', buffer: Buffer.from(pki.caPem) });
  await expect(wrongCountry.getByTestId('revoke-target')).toContainText(`Drill Root ${label}`);
  await expect(wrongCountry.getByTestId('revoke-other-country')).toHaveText('This certificate belongs to a trust anchor of Brazil: only Brazil’s member authority can revoke it.');
  await expect(wrongCountry.getByRole('button', { name: 'Revoke' })).toBeDisabled();
  // Sent past the page anyway, the contract refuses it with the same rule, in one sentence.
  const cnAttempt = revokeCertificate(member(2), { address, anchorHash: `0x${(await parseCertificate(pki.rootDer)).identity}`, certificateHash: `0x${(await parseCertificate(pki.caDer)).identity}`, reason: 1 });
  const refusal = await cnAttempt.then(() => undefined, (error: unknown) => error);
  expect(refusal).toMatchObject({ messageKey: 'ledger.refused.NotMemberOfCountry' });

  // Brazil's authority revokes the drill CA on #/governance: the page finds its anchor by building the path.
  const authority = await (await browser.newContext()).newPage();
  await authority.goto('/#/governance');
  await authority.getByRole('button', { name: 'Connect BR authority' }).click();
  await expect(authority.getByTestId('membership')).toContainText('member authority for Brazil');
  const revoke = authority.locator('form', { has: authority.getByRole('heading', { name: 'Revoke a certificate' }) });
  await revoke.getByLabel('Certificate (PEM, DER or PKCS#7)').setInputFiles({ name: 'drill-ca.pem', mimeType: 'application/x-pem-file', buffer: Buffer.from(pki.caPem) });
  await expect(revoke.getByTestId('revoke-target')).toContainText(`Drill Root ${label}`);
  await revoke.getByLabel('Reason').selectOption({ label: 'Key compromise' });
  await revoke.getByRole('button', { name: 'Revoke' }).click();
  await expect(revoke.getByText('Done: recorded on the ledger.')).toBeVisible();

  // The browser already knows: signing is off, with the reason, and the key is never asked.
  await expect(panel.getByTestId('sign-blocked')).toContainText(`Drill CA ${label}, on its certification path, is revoked in the Trust Store.`, { timeout: 30_000 });
  await expect(panel.getByRole('button', { name: /^Sign as/ })).toBeDisabled();
  await expect(panel.getByTestId('signed')).toHaveCount(0);

  // The verdict names the revoked certificate (the CA), and its box in the drawn path says so.
  await holder.goto('/#/identity');
  await expect(holder.getByTestId('verdict')).toHaveAttribute('data-state', 'untrusted');
  await expect(holder.getByTestId('verdict')).toContainText(`Not trusted Drill CA ${label}, on its certification path, is revoked in the Trust Store.`);
  await expect(holder.getByTestId('path-node').filter({ hasText: `Drill CA ${label}` })).toContainText('revoked in the Trust Store');
});
