import { readFileSync } from 'node:fs';
import { evidenceFiles, readEvidenceBundle } from '@/pki';
import { expect, test } from './support/test';
import { connect, openDemoIdentity, register } from './support/identity.ts';
import * as asn1js from 'asn1js';
import { Certificate, ContentInfo, SignedData } from 'pkijs';
import { sm2 as independentSm2, sm3 as independentSm3 } from 'sm-crypto-v2';

// China's real algorithm end to end on the embedded ledger: Brazil opens its RSA demo PKCS#12 file,
// China its SM2 demo PKCS#12 file (SM2-with-SM3 up to the SM2 demo root the Trust Store holds beside
// the P-256 one). Both register with proof of possession (the ledger verifies the SM2 path and the SM2
// CMS), Brazil proposes and signs, China co-signs with SM2, and the record re-verifies both parties in
// the browser. China's .p7s is then checked here by another SM2 implementation (sm-crypto-v2) and parsed
// by pkijs, so neither the app's CMS nor its SM2 code vouches for itself.
test.describe.configure({ mode: 'serial' });

const hex = (bytes: ArrayBuffer | Uint8Array) => Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString('hex');




test('Brazil (RSA PKCS#12) and China (SM2 PKCS#12) register, sign one transaction, and the record re-verifies both; the SM2 .p7s verifies with sm-crypto-v2', async ({ browser }) => {
  // Two on-chain path verifications (RSA and all-SM2) and two signatures on 2 shared cores.
  test.setTimeout(240_000);
  const brazil = await (await browser.newContext()).newPage();
  const china = await (await browser.newContext()).newPage();

  await connect(brazil, 'BR signer');
  await openDemoIdentity(brazil, /MARIA DA SILVA DEMO.*\(Brazil\)/, 'Brazil');
  await register(brazil);

  await connect(china, 'CN signer');
  await openDemoIdentity(china, /Wang Fang \(demo SM2\).*\(China\)/, 'China');
  await expect(china.getByTestId('certificate')).toContainText('SM2 (ShangMi)');
  await expect(china.getByTestId('software-key')).toContainText('Software key');
  await register(china);

  await brazil.goto('/#/transactions');
  const compose = brazil.getByTestId('compose');
  await compose.getByLabel('Counterparty country').selectOption('CN');
  await compose.getByLabel('Amount').fill('880.00');
  await compose.getByLabel('Currency (ISO 4217)').selectOption('CNY');
  await compose.getByLabel('Payment reference').fill('SM2-2026-0001');
  await compose.getByLabel('Document').setInputFiles({ name: 'invoice.txt', mimeType: 'text/plain', buffer: Buffer.from('Invoice SM2-2026-0001') });
  await expect(compose.getByTestId('document-hash')).toContainText('invoice.txt');
  const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await compose.getByLabel('Deadline').fill(deadline);
  await compose.getByRole('button', { name: 'Review' }).click();
  await brazil.getByRole('button', { name: 'Propose it on the ledger' }).click();
  const panel = brazil.getByTestId('sign-panel');
  await panel.getByRole('button', { name: /^Sign as/ }).click();
  await expect(panel.getByTestId('signed')).toContainText('Partially signed', { timeout: 60_000 });

  await china.goto('/#/transactions');
  const item = china.getByTestId('inbox').getByTestId('transaction').filter({ hasText: 'Partially signed' }).first();
  const id = await item.getAttribute('data-id');
  await item.getByRole('button', { name: /Review and sign transaction/ }).click();
  const chinaPanel = china.getByTestId('sign-panel');
  await chinaPanel.getByRole('button', { name: /^Sign as/ }).click();
  await expect(chinaPanel.getByTestId('signed')).toContainText('Completed', { timeout: 60_000 });

  await china.goto('/#/transactions');
  const completed = china.locator(`[data-testid="transaction"][data-id="${id}"]`);
  await expect(completed.getByTestId('transaction-status')).toHaveText('Completed');
  await completed.getByRole('button', { name: `Details of transaction ${id}` }).click();
  const checks = china.getByTestId('detail').getByTestId('party-verification');
  await expect(checks).toHaveCount(2);
  await expect(checks.nth(0)).toContainText('Party 1: signature verified in this browser');
  await expect(checks.nth(0)).toContainText('Brazil');
  await expect(checks.nth(1)).toContainText('Party 2: signature verified in this browser');
  await expect(checks.nth(1)).toContainText('China');

  // The evidence of party 2 (China), as the record page rebuilds it from the ledger's events.
  const detail = china.getByTestId('detail');
  const [evidenceDownload] = await Promise.all([china.waitForEvent('download'), detail.getByRole('button', { name: /^Download the evidence/ }).click()]);
  // The bundle is one tar; party 2's signed content is the 32-byte EIP-712 digest.
  const bundle = readEvidenceBundle(new Uint8Array(readFileSync((await evidenceDownload.path())!)));
  const digest = Buffer.from(bundle.files.get(evidenceFiles.content(2))!).toString('hex');
  const [p7sDownload] = await Promise.all([china.waitForEvent('download'), detail.getByRole('button', { name: 'Download the signature of party 2 (.p7s)' }).click()]);
  const der = new Uint8Array(readFileSync((await p7sDownload.path())!));

  const contentInfo = new ContentInfo({ schema: asn1js.fromBER(der.slice().buffer).result });
  const signedData = new SignedData({ schema: contentInfo.content });
  const signerInfo = signedData.signerInfos[0]!;
  expect(signerInfo.digestAlgorithm.algorithmId).toBe('1.2.156.10197.1.401'); // SM3
  expect(['1.2.156.10197.1.501', '1.2.156.10197.1.301.1']).toContain(signerInfo.signatureAlgorithm.algorithmId); // SM2-with-SM3
  const holder = signedData.certificates!.find((c): c is Certificate => c instanceof Certificate && /Wang Fang/.test(JSON.stringify(c.subject.toJSON())))!;
  const point = hex(holder.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);
  // The signed attributes as signed: the [0] IMPLICIT tag becomes SET OF (RFC 5652 section 5.4).
  const signedAttributes = new Uint8Array(signerInfo.signedAttrs!.encodedValue);
  signedAttributes[0] = 0x31;
  const messageDigest = signerInfo.signedAttrs!.attributes.find((a) => a.type === '1.2.840.113549.1.9.4')!.values[0] as asn1js.OctetString;
  expect(hex(messageDigest.valueBlock.valueHexView)).toBe(independentSm3(Uint8Array.from(Buffer.from(digest, 'hex'))));
  const signature = hex(signerInfo.signature.valueBlock.valueHexView);
  expect(independentSm2.doVerifySignature(signedAttributes, signature, point, { der: true, hash: true })).toBe(true);
  // And sm-crypto-v2 refuses the same signature over other attributes.
  const tampered = signedAttributes.slice();
  tampered[tampered.length - 1]! ^= 0x01;
  expect(independentSm2.doVerifySignature(tampered, signature, point, { der: true, hash: true })).toBe(false);
});
