// RFC 3161 signature timestamps (app/pki/cms/timestamp.ts) against a real TSA: `openssl ts -reply` behind a node:http server
// (relay/testing.ts). Each refusal is a token a careless verifier would accept.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildP7s, createCmsSignature, createTimestampRequest, parseCertificate, readTimestampResponse, TimestampError, toPem, verifyCmsSignature, verifyTimestampToken, type TimestampFailure } from '@/pki';
import { pkcs12Signer } from '../app/pki/__fixtures__/pkcs12Signer.ts';
import { createRelay } from './server.ts';
import { startOpensslTsa, startTestServer, type OpensslTsa } from './testing.ts';
import { timestampSignature } from '../app/shared/timestamp.ts';
import { partyP7s } from '../app/features/transactions/partyP7s.ts';

const fixtures = path.resolve(import.meta.dirname, '../app/pki/__fixtures__/keys');
let tsa: OpensslTsa;
let work: string;

beforeAll(async () => {
  tsa = await startOpensslTsa();
  work = mkdtempSync(path.join(tmpdir(), 'tsa-test-'));
});
afterAll(async () => {
  await tsa?.stop();
  rmSync(work, { recursive: true, force: true });
});

async function ask(request: Uint8Array): Promise<Uint8Array> {
  const response = await fetch(tsa.url, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: request.slice() });
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

async function timestamp(data: Uint8Array) {
  const request = await createTimestampRequest({ data });
  return { request, token: readTimestampResponse(await ask(request.der)) };
}

async function failure(promise: Promise<unknown>): Promise<TimestampFailure | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    if (error instanceof TimestampError) return error.code;
    throw error;
  }
}

describe('signature timestamps (RFC 3161) from openssl ts', () => {
  it('gets a token over the signature value that verifies here and with openssl ts -verify', async () => {
    const signature = globalThis.crypto.getRandomValues(new Uint8Array(72));
    const before = Date.now();
    const { request, token } = await timestamp(signature);
    const root = await parseCertificate(new Uint8Array(tsa.caDer));
    const checked = await verifyTimestampToken({ token, data: signature, nonce: request.nonce, trustAnchors: [root] });
    expect(checked.tsaName).toContain('Test Time-Stamping Authority');
    expect(checked.anchored).toBe(true);
    expect(checked.policy).toBe('1.3.6.1.4.1.99999.1');
    expect(checked.genTime.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(checked.genTime.getTime()).toBeLessThanOrEqual(Date.now());
    // OpenSSL's own verifier agrees with the request and token made and read here.
    writeFileSync(path.join(work, 'data.bin'), signature);
    writeFileSync(path.join(work, 'token.der'), token);
    const said = execFileSync('openssl', ['ts', '-verify', '-data', 'data.bin', '-in', 'token.der', '-token_in', '-CAfile', tsa.caCert], { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(said).toContain('Verification: OK');
  });

  it('refuses a token over other bytes, for another nonce, or from an unanchored TSA', async () => {
    const signature = globalThis.crypto.getRandomValues(new Uint8Array(64));
    const { request, token } = await timestamp(signature);
    expect(await failure(verifyTimestampToken({ token, data: new Uint8Array(64) }))).toBe('imprint-mismatch');
    const otherNonce = request.nonce.slice();
    otherNonce[otherNonce.length - 1] = (otherNonce.at(-1) as number) ^ 1;
    expect(await failure(verifyTimestampToken({ token, data: signature, nonce: otherNonce }))).toBe('nonce-mismatch');
    // Anchored elsewhere: a root that did not issue the TSA certificate.
    const other = await pkcs12Signer({ data: new Uint8Array(readFileSync(path.join(fixtures, 'p256-modern.p12'))), password: 'correct horse battery staple' });
    const stranger = await parseCertificate(other.chain.at(-1) ?? other.certificate);
    expect(await failure(verifyTimestampToken({ token, data: signature, trustAnchors: [stranger] }))).toBe('tsa-untrusted');
  });

  it('refuses a genTime outside the signature and ledger times it must fall between', async () => {
    const signature = globalThis.crypto.getRandomValues(new Uint8Array(64));
    const { token } = await timestamp(signature);
    const hourAgo = new Date(Date.now() - 3_600_000);
    expect(await failure(verifyTimestampToken({ token, data: signature, notAfter: hourAgo }))).toBe('time');
    expect(await failure(verifyTimestampToken({ token, data: signature, notBefore: new Date(Date.now() + 3_600_000) }))).toBe('time');
    expect(await failure(verifyTimestampToken({ token, data: signature, notBefore: hourAgo, notAfter: new Date() }))).toBeUndefined();
  });

  it('refuses a TSTInfo whose bytes were changed after the TSA signed them', async () => {
    const signature = globalThis.crypto.getRandomValues(new Uint8Array(64));
    const { token } = await timestamp(signature);
    // The serial number sits inside the TSTInfo; changing the genTime's last second digit keeps the DER valid.
    const text = new TextDecoder('latin1').decode(token);
    const at = text.search(/\d{14}(\.\d+)?Z/);
    expect(at).toBeGreaterThan(0);
    const forged = token.slice();
    forged[at + 13] = forged[at + 13] === 0x30 ? 0x31 : 0x30;
    expect(await failure(verifyTimestampToken({ token: forged, data: signature }))).toBe('signature-invalid');
  });

  it('refuses a token signed by a certificate that is not a TSA (no critical timeStamping key usage)', async () => {
    const signature = globalThis.crypto.getRandomValues(new Uint8Array(64));
    const { token } = await timestamp(signature);
    // The same TSTInfo, signed by `openssl cms` with the TSA's root (a CA certificate, no timeStamping EKU).
    writeFileSync(path.join(work, 'token2.der'), token);
    execFileSync('openssl', ['cms', '-verify', '-noverify', '-inform', 'DER', '-in', 'token2.der', '-out', 'tst.der', '-binary'], { cwd: work, stdio: 'ignore' });
    const caKey = path.join(path.dirname(tsa.caCert), 'ca.key');
    execFileSync('openssl', ['cms', '-sign', '-binary', '-nodetach', '-econtent_type', '1.2.840.113549.1.9.16.1.4', '-md', 'sha256', '-in', 'tst.der', '-signer', tsa.caCert, '-inkey', caKey, '-outform', 'DER', '-out', 'forged.der'], { cwd: work, stdio: 'ignore' });
    const forged = new Uint8Array(readFileSync(path.join(work, 'forged.der')));
    expect(await failure(verifyTimestampToken({ token: forged, data: signature }))).toBe('tsa-certificate');
  });

  it('reads a refusal by the TSA as rejected (a digest it does not accept)', async () => {
    const request = await createTimestampRequest({ data: new Uint8Array(8), hash: 'SHA-1' });
    expect(() => readTimestampResponse(new Uint8Array(0))).toThrow(TimestampError);
    const response = await ask(request.der);
    let code: TimestampFailure | undefined;
    try {
      readTimestampResponse(response);
    } catch (error) {
      code = error instanceof TimestampError ? error.code : undefined;
    }
    expect(code).toBe('rejected');
  });

  it('adds the token as the unsigned signatureTimeStampToken without changing what the ledger checks', async () => {
    const signer = await pkcs12Signer({ data: new Uint8Array(readFileSync(path.join(fixtures, 'p256-modern.p12'))), password: 'correct horse battery staple' });
    const content = new Uint8Array(32).fill(9);
    const cms = await createCmsSignature({ content, signerCertificate: signer.certificate, certificates: signer.chain, sign: signer.sign });
    const { token } = await timestamp(cms.signature);
    const p7s = await buildP7s({ signedAttributes: cms.signedAttributes, signature: cms.signature, certificate: signer.certificate, certificates: signer.chain, signatureTimestamp: token });
    const verified = await verifyCmsSignature({ contentInfo: p7s, content });
    expect(verified.valid).toBe(true);
    if (!verified.valid) return;
    // The contract receives the signed attributes and the signature: both unchanged by the unsigned attribute.
    expect(verified.signedAttributes).toEqual(cms.signedAttributes);
    expect(verified.signature).toEqual(cms.signature);
    expect(verified.signatureTimestamps).toEqual([token]);
    await expect(verifyTimestampToken({ token: verified.signatureTimestamps[0]!, data: verified.signature })).resolves.toMatchObject({ anchored: false });
    // OpenSSL still verifies the timestamped .p7s.
    writeFileSync(path.join(work, 'ts.p7s'), p7s);
    writeFileSync(path.join(work, 'content.bin'), content);
    writeFileSync(path.join(work, 'chain.pem'), [signer.certificate, ...signer.chain].map((c) => toPem(c, 'CERTIFICATE')).join(''));
    execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'ts.p7s', '-content', 'content.bin', '-noverify', '-out', '/dev/null'], { cwd: work, stdio: 'ignore' });
    const printed = execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', 'ts.p7s'], { cwd: work, encoding: 'utf8' });
    expect(printed).toContain('id-smime-aa-timeStampToken');
  });
});

describe('the relay route POST /tsa', () => {
  const query = async () => (await createTimestampRequest({ data: new Uint8Array(64).fill(3) })).der.slice();
  const post = (relay: string, body: Uint8Array, headers: Record<string, string> = { 'content-type': 'application/timestamp-query' }, suffix = '') =>
    fetch(`${relay}/tsa${suffix}`, { method: 'POST', headers, body: body.slice() });

  it('forwards the request to the configured TSA and returns its response unchanged', async () => {
    const relay = createRelay({ port: 0, allowLoopbackForTests: true, tsaUrl: tsa.url });
    const base = await relay.listen();
    try {
      expect(await (await fetch(`${base}/health`)).json()).toMatchObject({ tsa: true });
      const data = globalThis.crypto.getRandomValues(new Uint8Array(64));
      const request = await createTimestampRequest({ data });
      const response = await post(base, request.der);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/timestamp-reply');
      const token = readTimestampResponse(new Uint8Array(await response.arrayBuffer()));
      await expect(verifyTimestampToken({ token, data, nonce: request.nonce, trustAnchors: [await parseCertificate(new Uint8Array(tsa.caDer))] })).resolves.toMatchObject({ anchored: true });
    } finally {
      await relay.close();
    }
  });

  it('takes the TSA from its configuration only, refuses what is not a timestamp request, and caps both sizes', async () => {
    const huge = await startTestServer((_req, res) => res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(Buffer.alloc(70_000, 0x30)));
    const relay = createRelay({ port: 0, allowLoopbackForTests: true, tsaUrl: tsa.url });
    const bigRelay = createRelay({ port: 0, allowLoopbackForTests: true, tsaUrl: huge.url });
    const none = createRelay({ port: 0, allowLoopbackForTests: true });
    const [base, bigBase, noneBase] = await Promise.all([relay.listen(), bigRelay.listen(), none.listen()]);
    const asked = tsa.answered();
    try {
      const code = async (response: Response) => [response.status, response.headers.get('x-relay-error')];
      expect(await code(await post(noneBase, await query()))).toEqual([404, 'tsa-not-configured']);
      expect(await code(await post(base, await query(), undefined, `?url=${encodeURIComponent(huge.url)}`))).toEqual([400, 'bad-request']);
      expect(await code(await post(base, await query(), { 'content-type': 'application/ocsp-request' }))).toEqual([415, 'bad-request']);
      expect(await code(await post(base, new Uint8Array(5000).fill(0x30)))).toEqual([413, 'too-large']);
      expect(await code(await post(base, new TextEncoder().encode('hello')))).toEqual([400, 'bad-request']);
      expect(await code(await post(bigBase, await query()))).toEqual([502, 'too-large']);
      expect(tsa.answered()).toBe(asked);
      expect(huge.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    } finally {
      await Promise.all([relay.close(), bigRelay.close(), none.close(), huge.close()]);
    }
  });

  it('applies the address policy to the TSA like to any upstream: a loopback TSA is refused in production', async () => {
    const connects: string[] = [];
    const relay = createRelay({ port: 0, tsaUrl: tsa.url, onUpstreamConnect: ({ address }) => connects.push(address) });
    const base = await relay.listen();
    const asked = tsa.answered();
    try {
      const response = await post(base, await query());
      expect([response.status, response.headers.get('x-relay-error')]).toEqual([403, 'address-refused']);
      expect(connects).toEqual([]);
      expect(tsa.answered()).toBe(asked);
    } finally {
      await relay.close();
    }
  });

  it('reaches a TSA on this machine only when told so (tsaOnLoopback), and only on /tsa: CRL targets keep the production policy', async () => {
    const crl = await startTestServer((_req, res) => res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(Buffer.from([0x30, 0])));
    const relay = createRelay({ port: 0, tsaUrl: tsa.url, tsaOnLoopback: true });
    const base = await relay.listen();
    try {
      const data = globalThis.crypto.getRandomValues(new Uint8Array(64));
      const request = await createTimestampRequest({ data });
      const response = await post(base, request.der);
      expect(response.status).toBe(200);
      const token = readTimestampResponse(new Uint8Array(await response.arrayBuffer()));
      await expect(verifyTimestampToken({ token, data, nonce: request.nonce, trustAnchors: [await parseCertificate(new Uint8Array(tsa.caDer))] })).resolves.toMatchObject({ anchored: true });
      const refused = await fetch(`${base}/crl?url=${encodeURIComponent(`${crl.url}/ca.crl`)}`);
      expect([refused.status, refused.headers.get('x-relay-error')]).toEqual([403, 'address-refused']);
      expect(crl.requests).toHaveLength(0);
    } finally {
      await Promise.all([relay.close(), crl.close()]);
    }
  });
});

// The test TSA's server answers on any path, so its origin stands for a relay's.
const relayUrl = () => new URL(tsa.url).origin;
const otherRoot = readFileSync(path.join(fixtures, 'ca.pem'), 'utf8');

describe('the page\'s signature timestamp (app/shared timestampSignature): the TSA is trusted only with a path to a root network.json lists', () => {
  const ask = (tsaRoots?: readonly string[]) =>
    timestampSignature({ relayUrl: relayUrl(), signature: globalThis.crypto.getRandomValues(new Uint8Array(64)), signingTime: new Date(Date.now() - 1000), ...(tsaRoots ? { tsaRoots } : {}) });

  it('names the TSA and trusts it when its certificate chains to a root the network lists', async () => {
    const obtained = await ask([otherRoot, toPem(new Uint8Array(tsa.caDer), 'CERTIFICATE')]);
    expect(obtained.tsaName).toContain('Test Time-Stamping Authority');
    expect(obtained.tsaTrusted).toBe(true);
  });

  it('keeps the token but says the TSA is not trusted when no listed root issued it', async () => {
    const obtained = await ask([otherRoot]);
    expect(obtained.token.length).toBeGreaterThan(0);
    expect(obtained.tsaTrusted).toBe(false);
  });

  it('says nothing was checked against a root when the network lists none', async () => {
    expect((await ask()).tsaTrusted).toBeUndefined();
    expect((await ask([])).tsaTrusted).toBeUndefined();
  });
});

async function tokenOver(data: Uint8Array): Promise<Uint8Array> {
  const request = await createTimestampRequest({ data });
  const response = await fetch(tsa.url, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: request.der.slice() });
  return readTimestampResponse(new Uint8Array(await response.arrayBuffer()));
}

describe('the record page\'s single-party .p7s (app/features/transactions partyP7s) carries the kept timestamp', () => {
  it('adds the kept timestamp over the recorded signature, and openssl cms -verify still verifies the file', async () => {
    const signer = await pkcs12Signer({ data: new Uint8Array(readFileSync(path.join(fixtures, 'p256-modern.p12'))), password: 'correct horse battery staple' });
    const digest = new Uint8Array(32).fill(7);
    const cms = await createCmsSignature({ content: digest, signerCertificate: signer.certificate, certificates: signer.chain, sign: signer.sign });
    const token = await tokenOver(cms.signature);
    const recorded = { signedAttributes: cms.signedAttributes, signature: cms.signature, certificate: signer.certificate, certificates: signer.chain };

    const p7s = await partyP7s({ ...recorded, storedTimestamp: token });
    const verified = await verifyCmsSignature({ contentInfo: p7s, content: digest });
    expect(verified.valid && verified.signatureTimestamps).toEqual([token]);
    writeFileSync(path.join(work, 'party.p7s'), p7s);
    writeFileSync(path.join(work, 'digest.bin'), digest);
    writeFileSync(path.join(work, 'chain.pem'), [signer.certificate, ...signer.chain].map((c) => toPem(c, 'CERTIFICATE')).join(''));
    // -binary: the content is the 32-byte EIP-712 digest, not text. Throws (non-zero exit) when OpenSSL refuses the file.
    execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'party.p7s', '-content', 'digest.bin', '-noverify', '-out', '/dev/null'], { cwd: work, stdio: 'ignore' });
    expect(execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', 'party.p7s'], { cwd: work, encoding: 'utf8' })).toContain('id-smime-aa-timeStampToken');

    // A kept token over other bytes (another signature of this party) is not carried.
    const without = await partyP7s({ ...recorded, storedTimestamp: await tokenOver(new Uint8Array(64).fill(1)) });
    const plain = await verifyCmsSignature({ contentInfo: without, content: digest });
    expect(plain.valid && plain.signatureTimestamps).toEqual([]);
    expect(await partyP7s({ ...recorded, storedTimestamp: undefined })).toEqual(without);
  });
});
