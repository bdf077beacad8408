import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page } from '@playwright/test';
import { expect, test } from './support/test';
import { createPublicClient, createWalletClient, http, toHex, type Address } from 'viem';
import { waitForTransactionReceipt } from 'viem/actions';
import { approveProposal, executeProposal, proposeAddAnchor } from '@/ledger';
import { freePort, makeTestCa, startOpensslOcsp, startTestServer, type TestCa } from '../relay/testing.ts';
import { developmentAccount } from '../scripts/dev/accounts.ts';

// A holder whose CA revoked the certificate, in a CRL served over HTTP or by an `openssl ocsp` responder,
// reached through the revocation relay (global-setup starts it and writes relayUrl into network.json):
// the page says in one sentence which certificate was revoked, why and when. Each test makes its own
// small PKI with openssl (its leaves name the local CRL server or responder) and the member authorities
// anchor its root, so the shared demo PKIs stay untouched.
const network = JSON.parse(readFileSync(process.env.PKI_NETWORK_FILE!, 'utf8')) as { rpcUrl: string; relayUrl?: string; contracts: { trustStore: Address } };
const password = 'ca-revocation';

const pemToDer = (file: string) => new Uint8Array(Buffer.from(readFileSync(file, 'utf8').replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64'));

/** BR proposes, CN approves, BR executes: the CA's root becomes a Trust Store anchor. */
async function anchorRoot(ca: TestCa) {
  const address = network.contracts.trustStore;
  const reader = createPublicClient({ transport: http(network.rpcUrl) });
  const member = (index: number) => createWalletClient({ transport: http(network.rpcUrl), account: developmentAccount(index) });
  const mined = async (hash: `0x${string}`) => expect((await waitForTransactionReceipt(reader, { hash })).status).toBe('success');
  const proposed = await proposeAddAnchor(member(1), { address, der: toHex(pemToDer(ca.caCert)), country: 'BR', exceptions: 0 });
  await mined(proposed.hash);
  await mined((await approveProposal(member(2), { address, id: proposed.proposalId })).hash);
  await mined((await executeProposal(member(1), { address, id: proposed.proposalId })).hash);
}

/** A leaf with its key and CA certificate, as a PKCS#12 file made by openssl. */
function pkcs12Of(ca: TestCa, leaf: 'revoked' | 'good' = 'revoked'): Buffer {
  const out = join(ca.dir, `${leaf}.p12`);
  const certificate = leaf === 'revoked' ? ca.revokedLeaf : ca.goodLeaf;
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', join(ca.dir, `${leaf}.key`), '-in', certificate, '-certfile', ca.caCert, '-passout', `pass:${password}`, '-out', out], { stdio: 'pipe' });
  return readFileSync(out);
}

/** The holder opens the file on #/identity; the verdict is read without a wallet. */
async function openAsHolder(browser: Browser, p12: Buffer, before?: (page: Page) => Promise<unknown>) {
  const page = await (await browser.newContext()).newPage();
  await before?.(page);
  await page.goto('/#/identity');
  const source = page.getByTestId('source-pkcs12');
  await source.getByLabel('File').setInputFiles({ name: 'revoked.p12', mimeType: 'application/x-pkcs12', buffer: p12 });
  await source.getByLabel('Password').fill(password);
  await source.getByRole('button', { name: 'Open' }).click();
  return page;
}

const revokedSentence = (label: string) =>
  `Certificate CN=Revoked holder ${label} was revoked on ${new Date().toLocaleDateString('en')} (Key compromise): it can no longer be trusted; ask its holder for a valid certificate.`;

test.beforeAll(() => expect(network.relayUrl, 'global-setup writes the relay into network.json').toMatch(/^http:\/\/127\.0\.0\.1:\d+$/));

test('a certificate revoked in its CA’s CRL, downloaded over HTTP through the relay, gets one sentence with the reason and date', async ({ browser }) => {
  test.setTimeout(120_000);
  const label = `crl-${Date.now().toString(36)}`;
  let ca: TestCa | undefined;
  const server = await startTestServer((req, res) => (req.url === '/ca.crl' && ca ? res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(ca.crlDer) : res.writeHead(404).end()));
  try {
    ca = makeTestCa({ crlUrl: `${server.url}/ca.crl`, caSubject: `/C=BR/O=CA revocation e2e/CN=CRL CA ${label}`, leafSubjects: { revoked: `/CN=Revoked holder ${label}` } });
    await anchorRoot(ca);
    const page = await openAsHolder(browser, pkcs12Of(ca));
    await expect(page.getByTestId('path-outcome')).toHaveText('A certification path to a Trust Store anchor was built, but it did not validate:');
    await expect(page.getByTestId('path-failures')).toHaveText(revokedSentence(label));
    await expect(page.getByTestId('verdict')).toContainText('Not trusted: a certification path to an anchor of the Trust Store was built, but it failed for the reasons listed above.');
    // The page asked the relay, and the relay asked the CA's server.
    expect(server.requests.map((r) => r.url)).toContain('/ca.crl');
  } finally {
    await server.close();
    ca?.remove();
  }
});

test('a certificate an openssl ocsp responder says is revoked, asked through the relay, gets one sentence with the reason and date', async ({ browser }) => {
  test.setTimeout(120_000);
  const label = `ocsp-${Date.now().toString(36)}`;
  const port = await freePort();
  const ca = makeTestCa({ ocspUrl: `http://127.0.0.1:${port}`, caSubject: `/C=BR/O=CA revocation e2e/CN=OCSP CA ${label}`, leafSubjects: { revoked: `/CN=Revoked holder ${label}` } });
  const responder = await startOpensslOcsp(ca, port);
  try {
    await anchorRoot(ca);
    const page = await openAsHolder(browser, pkcs12Of(ca));
    await expect(page.getByTestId('path-failures')).toHaveText(revokedSentence(label));
    await expect(page.getByTestId('verdict')).toContainText('Not trusted: a certification path to an anchor of the Trust Store was built, but it failed for the reasons listed above.');
  } finally {
    await responder.stop();
    ca.remove();
  }
});

test('a CA that cannot be asked gives "status unknown", not "trusted"', async ({ browser }) => {
  test.setTimeout(120_000);
  const label = `offline-${Date.now().toString(36)}`;
  const server = await startTestServer((_req, res) => res.writeHead(503).end());
  const ca = makeTestCa({ crlUrl: `${server.url}/ca.crl`, caSubject: `/C=BR/O=CA revocation e2e/CN=Offline CA ${label}`, leafSubjects: { revoked: `/CN=Revoked holder ${label}` } });
  try {
    await anchorRoot(ca);
    const page = await openAsHolder(browser, pkcs12Of(ca));
    await expect(page.getByTestId('verdict')).toContainText(
      `Status unknown: the certification authority of CN=Revoked holder ${label} could not be asked whether it is revoked, so it is not trusted for now; try again later.`,
    );
  } finally {
    await server.close();
    ca.remove();
  }
});

test('a relay that does not answer is named, and the verdict is "status unknown"', async ({ browser }) => {
  test.setTimeout(120_000);
  const label = `relay-${Date.now().toString(36)}`;
  let ca: TestCa | undefined;
  const server = await startTestServer((_req, res) => (ca ? res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(ca.crlDer) : res.writeHead(404).end()));
  try {
    ca = makeTestCa({ crlUrl: `${server.url}/ca.crl`, caSubject: `/C=BR/O=CA revocation e2e/CN=Relay-down CA ${label}`, leafSubjects: { good: `/CN=Good holder ${label}` } });
    await anchorRoot(ca);
    // The page cannot reach the relay (as when it is not running): its connections are refused.
    const page = await openAsHolder(browser, pkcs12Of(ca, 'good'), (p) => p.route(`${network.relayUrl}/**`, (route) => route.abort('connectionrefused')));
    await expect(page.getByTestId('verdict')).toContainText(
      `Status unknown: the certification authority of CN=Good holder ${label} could not be asked whether it is revoked, so it is not trusted for now; try again later.`,
    );
    await expect(page.getByTestId('relay-unreachable')).toHaveText(`The revocation relay at ${network.relayUrl} does not answer: ask the operator of this site to start it, then try again.`);
    expect(server.requests).toHaveLength(0);
  } finally {
    await server.close();
    ca?.remove();
  }
});
