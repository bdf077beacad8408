// `pki evidence verify` against a bundle made by the app's own code (getEvidenceBundle) from a real
// anvil ledger: two holders (ICP-Brasil-shaped RSA, China-shaped P-256) sign a transaction; OpenSSL
// verifies each .p7s with the README's command; the command passes offline and against the ledger,
// and a tampered bundle fails with the check named. The Brazilian signature carries an RFC 3161 timestamp
// (AD-RT) from a real TSA (`openssl ts -reply`) reached through the relay's POST /tsa, as the sign flow does.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWalletClient, hexToBytes, http, keccak256, sha256, toHex, type Address, type Hex } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransaction, getSignTypedData, signTransaction } from '../../app/ledger/transactions/index';
import { buildBrazilTestPki, buildChinaTestPki, deployTestLedger, registerTestHolder, type TestHolder, type TestLedgerContracts } from '../../app/ledger/test/ledgerPki';
import { localLedger } from '../../app/ledger/test/localLedger';
import { buildP7s, createCmsSignature, createEvidenceBundle, cryptoKeySigner, evidenceFiles, readEvidenceBundle, verifyCmsSignature, verifyEvidenceBundle, parseCertificateSync, readTar, signaturePolicyFor, writeTar } from '../../app/pki/index';
import { getEvidenceBundle } from '../../app/shared/evidence';
import { timestampSignature } from '../../app/shared/timestamp';
import { createRelay, type Relay } from '../../relay/server';
import { startOpensslTsa, type OpensslTsa } from '../../relay/testing';
import { evidenceCommand } from './evidence';

const { chain, rpcUrl, publicClient, fund, mined } = localLedger();
const mnemonic = 'test test test test test test test test test test test junk';
// Accounts no other test file uses, so nonces are not shared.
const wallet = (index: number) => createWalletClient({ chain, transport: http(rpcUrl), account: mnemonicToAccount(mnemonic, { addressIndex: index }) });
const deployer = wallet(60);
const brazilAuthority = wallet(61);
const chinaAuthority = wallet(62);
const brazilian = wallet(63);
const chinese = wallet(64);


let dir: string;
let bundleFile: string;
let contracts: TestLedgerContracts;
let brazil: { holder: TestHolder; root: Uint8Array; intermediates: Uint8Array[] };

let tsa: OpensslTsa;
let relay: Relay;
const timestamps = new Map<number, Uint8Array>();

async function sign(holder: TestHolder, signer: ReturnType<typeof wallet>, id: bigint, partyIndex: number, relayUrl?: string) {
  const { digest } = await getSignTypedData(publicClient, { address: contracts.transactionRegistry, id, partyIndex, account: signer.account.address as Address });
  // As the app's sign flow (useSignFlow) does: the ICP-Brasil signer's CAdES names AD-RT when a TSA is
  // offered (chosen before signing: the timestamp is over the signature of the attributes naming it), else AD-RB.
  const signaturePolicy = signaturePolicyFor(parseCertificateSync(holder.der), { timestamped: relayUrl !== undefined });
  const signingTime = new Date();
  const cms = await createCmsSignature({ content: hexToBytes(digest), signerCertificate: holder.der, signingTime, sign: cryptoKeySigner(holder.privateKey), ...(signaturePolicy ? { signaturePolicy } : {}) });
  let sent = { signedAttributes: cms.signedAttributes, signature: cms.signature };
  if (relayUrl) {
    // The timestamped .p7s, read back: the ledger gets the signed attributes and signature from it.
    const stamp = await timestampSignature({ relayUrl, signature: cms.signature, signingTime });
    const p7s = await buildP7s({ signedAttributes: cms.signedAttributes, signature: cms.signature, certificate: holder.der, signatureTimestamp: stamp.token });
    const read = await verifyCmsSignature({ contentInfo: p7s, content: hexToBytes(digest) });
    if (!read.valid) throw new Error(`timestamped .p7s: ${read.reason}`);
    expect(read.signatureTimestamps).toHaveLength(1);
    sent = { signedAttributes: read.signedAttributes, signature: read.signature };
    timestamps.set(partyIndex, stamp.token);
  }
  await mined(signTransaction(signer, { address: contracts.transactionRegistry, id, partyIndex, signedAttributes: toHex(sent.signedAttributes), signature: toHex(sent.signature) }));
}

/** Runs the command, returning its exit code and lines. */
async function verify(file: string, ...options: string[]) {
  const lines: string[] = [];
  const code = await evidenceCommand(['verify', file, ...options], (line) => lines.push(line));
  return { code, lines };
}

/** A copy of the bundle with one file's bytes changed. */
function tampered(name: string, change: (data: Uint8Array) => Uint8Array): string {
  const entries = readTar(readFileSync(bundleFile)).map((e) => (e.name === name ? { name, data: change(e.data.slice()) } : e));
  const file = path.join(dir, `tampered-${name}.tar`);
  writeFileSync(file, writeTar(entries));
  return file;
}

describe('evidence bundle and `pki evidence verify`', () => {
  beforeAll(async () => {
    await fund(deployer, brazilAuthority, chinaAuthority, brazilian, chinese);
    const [br, cn] = await Promise.all([buildBrazilTestPki({ caKey: 'rsa-2048' }), buildChinaTestPki()]);
    const [brazilHolder, chineseHolder] = await Promise.all([br.issueHolder('MARIA DA SILVA TESTE:12345678909'), cn.issueHolder('Li Wei (test)')]);
    brazil = { holder: brazilHolder, root: br.root.der, intermediates: [br.ca2.der, br.ca1.der] };
    contracts = await deployTestLedger({
      publicClient,
      deployer,
      members: [
        { wallet: brazilAuthority, country: 'BR' },
        { wallet: chinaAuthority, country: 'CN' },
      ],
      roots: [
        { der: br.root.hex, country: 'BR' },
        { der: cn.root.hex, country: 'CN' },
      ],
    });
    await mined(registerTestHolder(brazilian, { publicClient, address: contracts.identityRegistry, holder: brazilHolder, anchorHash: br.root.identity }));
    await mined(registerTestHolder(chinese, { publicClient, address: contracts.identityRegistry, holder: chineseHolder, anchorHash: cn.root.identity }));
    const created = await createTransaction(brazilian, {
      address: contracts.transactionRegistry,
      parties: [{ country: 'BR' }, { country: 'CN', account: chinese.account.address }],
      payloadHash: sha256(toHex('contract of sale, version 3')),
      terms: { amount: 123_456n, decimals: 2, currency: 'BRL', paymentReference: 'INV-2026-0042', memoHash: keccak256(toHex('soybeans')) },
      deadline: (await publicClient.getBlock()).timestamp + 3600n,
    });
    await mined(Promise.resolve(created));
    tsa = await startOpensslTsa();
    relay = createRelay({ port: 0, allowLoopbackForTests: true, tsaUrl: tsa.url });
    await sign(brazilHolder, brazilian, created.id, 0, await relay.listen());
    await sign(chineseHolder, chinese, created.id, 1);
    // The Chinese party is offered the Brazilian token too: it is over another signature, so it is left out.
    const bundle = await getEvidenceBundle(publicClient, { chainId: chain.id, ...contracts, id: created.id, signatureTimestampOf: () => timestamps.get(0) });
    dir = mkdtempSync(path.join(os.tmpdir(), 'evidence-'));
    bundleFile = path.join(dir, 'bundle.tar');
    writeFileSync(bundleFile, bundle);
  }, 180_000);
  afterAll(async () => {
    await relay?.close();
    await tsa?.stop();
  });

  it('is one tar that `tar` opens, and OpenSSL verifies every .p7s with the command the README gives', () => {
    const out = path.join(dir, 'x');
    execFileSync('mkdir', ['-p', out]);
    execFileSync('tar', ['-xf', bundleFile, '-C', out]);
    const readme = readFileSync(path.join(out, evidenceFiles.readme), 'utf8');
    const commands = readme.split('\n').filter((l) => l.trim().startsWith('openssl cms -verify'));
    expect(commands).toHaveLength(2);
    for (const command of commands) {
      const [, ...args] = command.trim().split(/\s+/);
      const run = spawnSync('openssl', args, { cwd: out });
      expect(run.stderr.toString()).toContain('Verification successful');
      expect(run.status).toBe(0);
    }
    expect(readFileSync(path.join(out, evidenceFiles.content(1)))).toHaveLength(32);
  });

  it('passes every check offline and against the ledger at the recorded block', async () => {
    const offline = await verify(bundleFile);
    expect(offline.lines.filter((l) => l.startsWith('ok '))).toHaveLength(10);
    // The Brazilian party signed with a TSA offered: AD-RT, and this bundle carries its timestamp.
    expect(offline.lines).toContainEqual(expect.stringMatching(/^ok {3}party 1 signature policy: the ICP-Brasil signature names the AD-RT policy 2\.16\.76\.1\.7\.1\.2\.2\.3 with its document hash$/));
    expect(offline.lines).toContainEqual(expect.stringMatching(/^ok {3}party 1 signature timestamp: timestamped at .* by .*Test Time-Stamping Authority.*not checked against an anchor/));
    expect(offline.lines.some((l) => l.includes('party 2 signature timestamp'))).toBe(false);
    expect(offline.code).toBe(0);
    const online = await verify(bundleFile, '--rpc', rpcUrl);
    expect(online.lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(online.lines.some((l) => l.startsWith('ok   party 2 ledger anchor status'))).toBe(true);
    expect(online.code).toBe(0);
  });

  it('checks the signature timestamp against the TSA roots given with --tsa-anchor', async () => {
    const anchored = await verify(bundleFile, '--tsa-anchor', tsa.caCert);
    expect(anchored.code).toBe(0);
    expect(anchored.lines).toContainEqual(expect.stringMatching(/^ok {3}party 1 signature timestamp: .*valid path to a given TSA anchor/));
    // Another root (the Chinese party's anchor) did not issue the TSA certificate.
    const otherRoot = path.join(dir, 'other-root.pem');
    writeFileSync(otherRoot, readTar(readFileSync(bundleFile)).find((e) => e.name === evidenceFiles.anchor(2))!.data);
    const stranger = await verify(bundleFile, '--tsa-anchor', otherRoot);
    expect(stranger.code).toBe(1);
    expect(stranger.lines).toContainEqual(expect.stringMatching(/^FAIL party 1 signature timestamp: .*no valid path/));
  });

  it('fails a bundle whose signature timestamp is over another signature', async () => {
    const { record } = readEvidenceBundle(readFileSync(bundleFile));
    const party = record.parties[0]!;
    // The recorded signature's parts, with the token swapped for one over other bytes from the same TSA.
    const original = readTar(readFileSync(bundleFile)).find((e) => e.name === evidenceFiles.p7s(1))!.data;
    const read = await verifyCmsSignature({ contentInfo: original, content: hexToBytes(party.digest as Hex) });
    if (!read.valid) throw new Error(read.reason);
    const foreign = await timestampSignature({ relayUrl: relay.url!, signature: new Uint8Array(256).fill(1), signingTime: new Date(Date.now() - 1000) });
    const swapped = await buildP7s({ signedAttributes: read.signedAttributes, signature: read.signature, certificate: brazil.holder.der, certificates: brazil.intermediates, signatureTimestamp: foreign.token });
    const { code, lines } = await verify(tampered(evidenceFiles.p7s(1), () => swapped));
    expect(code).toBe(1);
    expect(lines).toContainEqual(expect.stringMatching(/^FAIL party 1 signature timestamp: The timestamp is not over this signature/));
  });

  it('fails a bundle whose signed content was changed, naming the check', async () => {
    const { code, lines } = await verify(tampered(evidenceFiles.content(1), (d) => ((d[0] = d[0]! ^ 1), d)));
    expect(code).toBe(1);
    expect(lines).toContainEqual(expect.stringMatching(/^FAIL party 1 content digest/));
    expect(lines).toContainEqual(expect.stringMatching(/^FAIL party 1 cms signature: .*message-digest-mismatch/));
  });

  it('fails a bundle whose .p7s signature was changed', async () => {
    const { code, lines } = await verify(tampered(evidenceFiles.p7s(2), (d) => ((d[d.length - 1] = d[d.length - 1]! ^ 1), d)));
    expect(code).toBe(1);
    expect(lines).toContainEqual(expect.stringMatching(/^FAIL party 2 cms signature/));
  });

  it('fails a bundle whose anchor is not the one the signer chains to', async () => {
    const other = readTar(readFileSync(bundleFile)).find((e) => e.name === evidenceFiles.anchor(2))!.data;
    const { code, lines } = await verify(tampered(evidenceFiles.anchor(1), () => other));
    expect(code).toBe(1);
    expect(lines).toContainEqual(expect.stringMatching(/^FAIL party 1 certificate path/));
  });

  it('fails against the ledger a record whose facts were changed, though it passes offline', async () => {
    const file = tampered(evidenceFiles.record, (d) => {
      const record = JSON.parse(new TextDecoder().decode(d)) as { payloadHash: string };
      record.payloadHash = sha256(toHex('another contract'));
      return new TextEncoder().encode(JSON.stringify(record));
    });
    expect((await verify(file)).code).toBe(0);
    const { code, lines } = await verify(file, '--rpc', rpcUrl);
    expect(code).toBe(1);
    expect(lines).toContainEqual(expect.stringMatching(/^FAIL ledger payload hash/));
  });

  it('accepts an ICP-Brasil signature naming AD-RB or AD-RT, says which, and fails one naming no policy or another policy document', async () => {
    const { record } = readEvidenceBundle(readFileSync(bundleFile));
    const party = record.parties[0]!;
    const content = hexToBytes(party.digest as Hex);
    const checksOf = async (signaturePolicy?: Parameters<typeof createCmsSignature>[0]['signaturePolicy']) => {
      const cms = await createCmsSignature({ content, signerCertificate: brazil.holder.der, sign: cryptoKeySigner(brazil.holder.privateKey), ...(signaturePolicy ? { signaturePolicy } : {}) });
      const { format: _format, parties: _parties, ...facts } = record;
      const bundle = await createEvidenceBundle({
        ...facts,
        parties: [{ ...party, signedAttributes: cms.signedAttributes, signature: cms.signature, certificate: brazil.holder.der, intermediates: brazil.intermediates, anchor: brazil.root }],
      });
      return verifyEvidenceBundle(readEvidenceBundle(bundle));
    };
    const policyCheck = async (signaturePolicy?: Parameters<typeof createCmsSignature>[0]['signaturePolicy']) => (await checksOf(signaturePolicy)).find((c) => c.name === 'party 1 signature policy');
    expect(await policyCheck()).toMatchObject({ ok: false, detail: expect.stringContaining('names no signature policy') });
    const certificate = parseCertificateSync(brazil.holder.der);
    const adRb = signaturePolicyFor(certificate)!;
    const adRt = signaturePolicyFor(certificate, { timestamped: true })!;
    expect(await policyCheck({ ...adRb, hash: new Uint8Array(32) })).toMatchObject({ ok: false, detail: expect.stringContaining('neither AD-RB') });
    // AD-RT's OID with AD-RB's document hash (and the reverse) is neither policy.
    expect(await policyCheck({ ...adRt, hash: adRb.hash })).toMatchObject({ ok: false, detail: expect.stringContaining('names policy 2.16.76.1.7.1.2.2.3') });
    expect(await policyCheck({ ...adRb, hash: adRt.hash })).toMatchObject({ ok: false });
    // The same signature with the real AD-RB values passes, so the failures are the policy's alone.
    const withAdRb = await checksOf(adRb);
    expect(withAdRb.every((c) => c.ok)).toBe(true);
    expect(withAdRb.find((c) => c.name === 'party 1 signature policy')?.detail).toMatch(/names the AD-RB policy 2\.16\.76\.1\.7\.1\.1\.2\.3 with its document hash$/);
    // AD-RT without a timestamp in the bundle (the ledger keeps none): accepted, and the gap is said.
    const withAdRt = await checksOf(adRt);
    expect(withAdRt.every((c) => c.ok)).toBe(true);
    expect(withAdRt.find((c) => c.name === 'party 1 signature policy')?.detail).toMatch(/names the AD-RT policy .*carries no signature timestamp, which AD-RT requires/);
  });
});
