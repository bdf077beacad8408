import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Page, type TestInfo } from '@playwright/test';
import { expect, test } from './support/test';
import { createPublicClient, createWalletClient, http, toHex, type Address } from 'viem';
import { waitForTransactionReceipt } from 'viem/actions';
import { approveProposal, executeProposal, proposeAddAnchor, suspendAnchor } from '@/ledger';
import { parseCertificate } from '@/pki';
import { developmentAccount } from '../scripts/dev/accounts.ts';
import { expectNoSeriousAxeViolations, expectNoSeriousAxeViolationsInEachLanguage } from './support/axe.ts';
import { drillPassword, makeDrillPki } from './support/drill-pki.ts';
import { installTestWallet, testWalletName } from './support/wallet.ts';

// What a signer, an authority and a verifier see and can check (issue 13), on the real node and
// contracts: verdicts in four states, the path drawn, governance a person can check, records that say
// who signed with a "check my copy" drop zone, a draft kept visibly, and outages said once.
test.describe.configure({ mode: 'serial' });

const network = JSON.parse(readFileSync(process.env.PKI_NETWORK_FILE!, 'utf8')) as { rpcUrl: string; contracts: { trustStore: Address } };
const address = network.contracts.trustStore;
const reader = createPublicClient({ transport: http(network.rpcUrl) });
const member = (index: number) => createWalletClient({ transport: http(network.rpcUrl), account: developmentAccount(index) });
const mined = async (hash: `0x${string}`) => expect((await waitForTransactionReceipt(reader, { hash })).status).toBe('success');

/** axe in each language, and a full-page screenshot of each attached to the run's output for review. */
const checkEachLanguage = (page: Page, testInfo: TestInfo, name: string) => expectNoSeriousAxeViolationsInEachLanguage(page, { testInfo, name });

/** Anchors a drill root: BR proposes, CN approves, BR executes. */
async function anchorRoot(rootDer: Uint8Array) {
  const proposed = await proposeAddAnchor(member(1), { address, der: toHex(rootDer), country: 'BR', exceptions: 0 });
  await mined(proposed.hash);
  await mined((await approveProposal(member(2), { address, id: proposed.proposalId })).hash);
  await mined((await executeProposal(member(1), { address, id: proposed.proposalId })).hash);
  return `0x${(await parseCertificate(rootDer)).identity}` as const;
}

const label = Date.now().toString(36);
let pki: Awaited<ReturnType<typeof makeDrillPki>>;
let rootHash: `0x${string}`;
let transactionId: string;
const contract = Buffer.from(`Sale contract ${label}`);
const memo = `Deliver to warehouse ${label}`;

test.beforeAll(async () => {
  pki = await makeDrillPki(label);
  rootHash = await anchorRoot(pki.rootDer);
});

async function openHolder(page: Page) {
  await page.goto('/#/identity');
  await page.getByRole('button', { name: `Connect ${testWalletName}` }).click();
  await expect(page.getByTestId('wallet-address')).toBeVisible();
  const source = page.getByTestId('source-pkcs12');
  await source.getByLabel('File').setInputFiles({ name: 'drill-holder.p12', mimeType: 'application/x-pkcs12', buffer: Buffer.from(pki.pkcs12) });
  await source.getByLabel('Password').fill(drillPassword);
  await source.getByRole('button', { name: 'Open' }).click();
}

/** Opens a section through the navigation, as a person does: the page (and the opened key) stays. */
const go = (page: Page, section: 'Identity' | 'Transactions') => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: section }).click();

const termsPackages = new Map<string, Buffer>();

async function compose(page: Page, reference: string) {
  await go(page, 'Transactions');
  const form = page.getByTestId('compose');
  await form.getByLabel('Counterparty country').selectOption('CN');
  await form.getByLabel('Amount').fill('10');
  await form.getByLabel('Currency (ISO 4217)').selectOption('USD');
  await form.getByLabel('Payment reference').fill(reference);
  await form.getByLabel(/^Memo/).fill(memo);
  await form.getByLabel('Document').setInputFiles({ name: 'contract.txt', mimeType: 'text/plain', buffer: contract });
  await form.getByLabel('Deadline').fill(new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10));
  await form.getByRole('button', { name: 'Review' }).click();
  // The terms package for the counterparty, downloaded before proposing (the record page checks it later).
  const downloaded = page.waitForEvent('download');
  await page.getByTestId('terms-package').click();
  termsPackages.set(reference, readFileSync((await (await downloaded).path())!));
  await page.getByRole('button', { name: 'Propose it on the ledger' }).click();
  const panel = page.getByTestId('sign-panel');
  await expect(panel.getByTestId('typed-amount')).toContainText('10.00 USD', { timeout: 30_000 });
  return panel;
}

test('a signer: the verdict first, the path drawn, Sign names the holder; the record says who signed and checks my copy; after a suspension Sign is off with the reason', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const page = await (await browser.newContext()).newPage();
  await installTestWallet(page, { rpcUrl: network.rpcUrl, address: developmentAccount(8).address });
  await openHolder(page);

  // Trusted, in words and colour, above the certificate; the holder without a number suffix.
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-state', 'trusted');
  await expect(verdict).toContainText('Trusted: the path ends at the trust anchor of Brazil');
  await expect(page.getByTestId('certificate-name')).toHaveText(`Drill Holder ${label}`);
  const nodes = page.getByTestId('path-node');
  await expect(nodes).toHaveCount(3);
  await expect(nodes.nth(0)).toHaveAttribute('data-role', 'anchor');
  await expect(nodes.nth(0)).toContainText(`Drill Root ${label}`);
  await expect(nodes.nth(0)).toContainText('trusted by the member authorities');
  await expect(nodes.nth(1)).toContainText(`Drill CA ${label}`);
  await expect(nodes.nth(2)).toHaveAttribute('data-role', 'target');
  const verdictBox = await verdict.boundingBox();
  const certificateBox = await page.getByTestId('certificate').boundingBox();
  expect(verdictBox!.y).toBeLessThan(certificateBox!.y);

  await page.getByRole('button', { name: 'Register this identity on the ledger' }).click();
  await expect(page.getByTestId('binding')).toContainText('is bound to this certificate', { timeout: 30_000 });

  // Sign names the holder, not the file; the signature is recorded.
  const panel = await compose(page, `UX-${label}`);
  await panel.getByRole('button', { name: `Sign as Drill Holder ${label}` }).click();
  await expect(panel.getByTestId('signed')).toContainText('Partially signed', { timeout: 30_000 });

  // The inbox row: amount, reference, counterparty, deadline.
  const row = page.getByTestId('transaction').filter({ hasText: `UX-${label}` });
  await expect(row.getByTestId('transaction-summary')).toContainText(`10.00 USD, reference UX-${label}, with China, to sign by`);
  transactionId = (await row.getAttribute('data-id'))!;

  // The record says who signed, and the counterparty checks their copy of the document and the memo.
  await row.getByRole('button', { name: `Details of transaction ${transactionId}` }).click();
  const detail = page.getByTestId('detail');
  const party = detail.getByTestId('party-verification');
  await expect(party).toHaveCount(1);
  await expect(party.getByTestId('party-verdict')).toHaveAttribute('data-state', 'trusted');
  await expect(party.getByTestId('party-holder')).toHaveText(`Drill Holder ${label}`);
  await expect(party.getByTestId('party-organisation')).toHaveText(`Revocation drill ${label}`);
  await expect(party.getByTestId('party-wallet')).toHaveText(developmentAccount(8).address);
  await expect(party.getByTestId('path-node')).toHaveCount(3);
  await expect(detail.getByTestId('party-unsigned')).toContainText('Party 2 (China) has not signed yet.');
  await expect(detail.getByTestId('record-payload-hash')).toHaveText(/^0x[0-9a-f]{64}$/);
  await expect(detail.getByTestId('record-memo-hash')).toHaveText(/^0x[0-9a-f]{64}$/);
  const check = detail.getByTestId('check-copy');
  // Dropped on the zone, as a person does it.
  const drop = await page.evaluateHandle(
    ([text, name]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], name, { type: 'text/plain' }));
      return transfer;
    },
    [contract.toString(), 'my-copy.txt'] as const,
  );
  await check.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer: drop });
  await expect(check.getByTestId('check-document')).toHaveText('✓ It matches: my-copy.txt is the document the parties signed for.');
  await check.getByLabel('Your copy of the document').setInputFiles({ name: 'altered.txt', mimeType: 'text/plain', buffer: Buffer.from(`${contract.toString()}.`) });
  await expect(check.getByTestId('check-document')).toHaveText('✕ It does NOT match: altered.txt is not the document the parties signed for.');
  await check.getByLabel('The memo as you received it').fill(`  ${memo} `);
  await expect(check.getByTestId('check-memo')).toHaveText('✓ The memo matches the hash the parties signed.');
  await check.getByLabel('The memo as you received it').fill('Deliver elsewhere');
  // The terms package the proposer handed over off the ledger: terms, memo and document match the record.
  await check.getByLabel('Or choose the terms package you were sent (.tar)').setInputFiles({ name: 'terms.tar', mimeType: 'application/x-tar', buffer: termsPackages.get(`UX-${label}`)! });
  await expect(check.getByTestId('check-package')).toContainText('✓ The package matches the record: its terms, memo and document contract.txt are exactly what the parties sign for.');
  await expect(check.getByTestId('package-memo')).toHaveText(memo.trim());
  // A verifier drops party 1's .p7s on the record: it is that party's signature over the recorded digest.
  const p7sDownload = page.waitForEvent('download');
  await party.getByRole('button', { name: 'Download the signature of party 1 (.p7s)' }).click();
  const p7s = readFileSync((await (await p7sDownload).path())!);
  const verifyFile = detail.getByTestId('verify-file');
  await verifyFile.getByLabel('Choose a .p7s or evidence file').setInputFiles({ name: 'party-1.p7s', mimeType: 'application/pkcs7-signature', buffer: p7s });
  await expect(verifyFile.getByTestId('verify-file-result')).toHaveText(`✓ party-1.p7s verifies: it is party 1's signature (Drill Holder ${label}) over the digest this record holds.`);
  await expect(check.getByTestId('check-memo')).toHaveText('✕ The memo does NOT match the hash the parties signed.');
  await checkEachLanguage(page, testInfo, 'record');

  // A second transaction waits for the holder's signature when BR's authority suspends the drill root.
  const second = await compose(page, `UX2-${label}`);
  await expect(second.getByRole('button', { name: `Sign as Drill Holder ${label}` })).toBeEnabled();
  await mined((await suspendAnchor(member(1), { address, anchorHash: rootHash, reason: 'e2e: app-ux suspension drill' })).hash);
  // The browser knows: Sign is off with the reason, so no key (or PIN) is asked.
  await expect(second.getByTestId('sign-blocked')).toContainText(`Its trust anchor, Drill Root ${label}, is suspended by a member authority`, { timeout: 30_000 });
  await expect(second.getByRole('button', { name: `Sign as Drill Holder ${label}` })).toBeDisabled();

  await go(page, 'Identity');
  await expect(verdict).toHaveAttribute('data-state', 'untrusted');
  await expect(verdict).toContainText(`Not trusted Its trust anchor, Drill Root ${label}, is suspended by a member authority`);
  await expect(verdict).not.toContainText('certificate 3');
  await expect(nodes.nth(0)).toHaveAttribute('data-state', 'untrusted');
  await expect(nodes.nth(0)).toContainText('suspended by a member authority');
  await expect(nodes.nth(0)).not.toContainText('valid');
  await checkEachLanguage(page, testInfo, 'identity');
});

test('an authority: names and the full certificate for every anchor, retire is never the default and asks for confirmation, no stale Done, a labelled and paged history', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const page = await (await browser.newContext()).newPage();
  await page.goto('/#/governance');
  await page.getByRole('button', { name: 'Connect BR authority' }).click();
  await expect(page.getByTestId('membership')).toContainText('member authority for Brazil');

  // Before proposing: the certificate as a person reads it, key and fingerprint included.
  const propose = page.locator('form', { has: page.getByRole('heading', { name: 'Propose a root certificate of Brazil' }) });
  await propose.getByLabel('Root certificate (PEM or DER)').setInputFiles(path.resolve(import.meta.dirname, '..', 'fixtures', 'national-pki', 'icp-brasil_raiz_v12_rsa4096-sha512.pem'));
  const preview = propose.getByTestId('propose-review');
  await expect(preview.getByTestId('review-key')).toHaveText('RSA 4096 bits');
  await expect(preview.getByTestId('review-self-issued')).toHaveText('itself (self-issued)');
  await expect(preview.getByTestId('review-ca')).toContainText('yes');
  await expect(preview.getByTestId('path-node')).toHaveAttribute('data-role', 'anchor');
  await expect(preview.getByTestId('path-node')).toContainText('proposed, not yet trusted');

  // Retire or reinstate: nothing chosen at first; retiring needs a confirmation.
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Retire or reinstate a trust anchor' }) });
  const submit = form.getByRole('button', { name: 'Propose' });
  await form.getByLabel('Trust anchor').selectOption(rootHash);
  await expect(form.getByLabel('Trust anchor')).toContainText(`Drill Root ${label}`);
  await expect(form.getByRole('radio', { name: 'Retire for good' })).not.toBeChecked();
  await expect(form.getByRole('radio', { name: 'Reinstate (after a suspension)' })).not.toBeChecked();
  await expect(submit).toBeDisabled();
  await form.getByRole('radio', { name: 'Retire for good' }).check();
  await expect(submit).toBeDisabled();
  await form.getByRole('radio', { name: 'Reinstate (after a suspension)' }).check();
  await submit.click();
  await expect(form.getByText('Done: recorded on the ledger.')).toHaveCount(1);
  // A second action in the same form: the first one's "Done" goes; only the new outcome shows.
  await form.getByRole('radio', { name: 'Retire for good' }).check();
  await form.getByRole('checkbox', { name: /retiring is final/ }).check();
  await submit.click();
  await expect(form.getByText('Done: recorded on the ledger.')).toHaveCount(1);
  // Reinstate again: refused (already open), and no "Done" is left beside the refusal.
  await form.getByRole('radio', { name: 'Reinstate (after a suspension)' }).check();
  await submit.click();
  await expect(form.getByRole('alert')).toHaveText('An equivalent proposal is already open: approve that one instead.');
  await expect(form.getByText('Done: recorded on the ledger.')).toHaveCount(0);

  // The voters read names and the anchor's certificate, not a hash.
  const reinstate = page.getByTestId('proposal').filter({ hasText: 'Reinstate trust anchor' }).filter({ hasText: `Drill Root ${label}` });
  await expect(reinstate).toHaveCount(1);
  await expect(reinstate.getByTestId('review-subject')).toContainText(`CN=Drill Root ${label}`);
  await expect(reinstate.getByTestId('review-key')).toHaveText('EC P-256');
  await expect(reinstate.getByTestId('path-node')).toContainText('Suspended');
  await expect(reinstate).not.toContainText(rootHash.slice(0, 8));

  // The retire proposal says it is final; approving or executing it asks for the same confirmation.
  const retire = page.getByTestId('proposal').filter({ hasText: 'Retire trust anchor' }).filter({ hasText: `Drill Root ${label}` });
  await expect(retire.getByTestId('retire-final')).toContainText('Retiring is final');
  await expect(retire.getByRole('button', { name: 'Execute' })).toBeDisabled();
  await expect(retire.getByRole('checkbox', { name: /I understand/ })).not.toBeChecked();

  // The history: newest first, labelled, named, ten a page.
  const events = page.getByTestId('history-event');
  await expect(events).toHaveCount(10);
  const created = events.filter({ hasText: 'Proposal created' }).first();
  await expect(created).toContainText('proposed by');
  await expect(created).toContainText('ICP-Brasil authority (demo)');
  await expect(created).toContainText('kind');
  await expect(created).toContainText('retire a trust anchor');
  await expect(events.filter({ hasText: 'Trust anchor suspended' }).first()).toContainText(`Drill Root ${label}`);
  await expect(page.getByTestId('history-page')).toHaveText(/^Events 1–10, newest first$/);
  await page.getByRole('button', { name: 'Older events' }).click();
  await expect(page.getByTestId('history-page')).toHaveText(/^Events 11–\d+, newest first$/);
  await page.getByRole('button', { name: 'Newer events' }).click();
  await checkEachLanguage(page, testInfo, 'governance');
});

test('a saved draft shows at once, says what is kept where, and is discarded with its memo', async ({ page }) => {
  await page.addInitScript(
    ([value]) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('pki-ledger.drafts', value);
        sessionStorage.setItem('seeded', '1');
      }
    },
    [JSON.stringify({ state: { transaction: { counterpartyCountry: 'CN', amount: '75', currency: 'EUR', reference: 'DRAFT-1', memo: 'private memo', document: undefined, deadline: '' } }, version: 1 })] as const,
  );
  // No wallet, no certificate: the draft is visible all the same.
  await page.goto('/#/transactions');
  const notice = page.getByTestId('draft-notice');
  await expect(notice.getByTestId('draft-summary')).toHaveText('75 EUR · DRAFT-1 · China');
  await expect(notice).toContainText('kept only in this browser’s local storage');
  await expectNoSeriousAxeViolations(page);
  await notice.getByRole('button', { name: 'Discard the draft (and its memo)' }).click();
  await expect(notice).toHaveCount(0);
  const stored = await page.evaluate(() => localStorage.getItem('pki-ledger.drafts'));
  expect(stored).not.toContain('private memo');
  await page.reload();
  await expect(page.getByTestId('draft-notice')).toHaveCount(0);
});

test('the node down: one message per cause, every waiting state ends in a sentence; the home page says what to do first; a CJK font stack', async ({ page }) => {
  const rpcUrl = new URL(network.rpcUrl).href;
  let down = true;
  await page.route(
    (url) => url.href === rpcUrl,
    (route) => (down ? route.abort('connectionrefused') : route.continue()),
  );
  await page.goto('/#/governance');
  await expect(page.getByRole('alert')).toHaveText('The ledger node does not answer. Check that it is running (npm start) and try again.');
  await expect(page.getByText('This part fills in once the ledger node answers again.').first()).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(1);

  // The identity page: the verdict is "unknown", said once, not an endless "checking".
  await page.goto('/#/identity');
  await page.getByRole('button', { name: /MARIA DA SILVA DEMO.*\(Brazil\)/ }).click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-state', 'unknown');
  await expect(page.getByTestId('verdict')).toContainText('the Trust Store cannot be asked while the ledger node does not answer');
  await expect(page.getByRole('alert')).toHaveCount(1);

  down = false;
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-state', 'trusted', { timeout: 30_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);

  await page.goto('/#/trust-store');
  const steps = page.getByTestId('start-here').getByRole('listitem');
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toContainText('Connect your wallet');
  await page.getByLabel('Language').selectOption('zh-CN');
  const fontFamily = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  expect(fontFamily).toMatch(/^"Noto Sans CJK SC"/);
  expect(fontFamily).toContain('Microsoft YaHei');
  await page.getByLabel('语言').selectOption('en');
});
