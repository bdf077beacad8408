// The app's verdict (app/shared/verdict.ts) asks the certificate's CA as well as the Trust Store: a CRL served by a real node:http
// server and a real `openssl ocsp` responder, both reached through the real relay (loopback allowed for
// tests). A CA that cannot be asked gives "status unknown", never "trusted"; a relay that does not answer
// is named.
import { readFileSync } from 'node:fs';
import { bytesToHex, stringToHex, zeroAddress, type Hex } from 'viem';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PathStatus, type Anchor, type Revocation } from '@/ledger';
import { clearPkiCaches, parseCertificate } from '@/pki';
import { createRelay, type Relay } from './server.ts';
import { freePort, makeTestCa, startOpensslOcsp, startTestServer, type OcspResponder, type TestCa, type TestServer } from './testing.ts';
import { assessIdentity, type AssessIdentityParameters } from '../app/shared/verdict.ts';

const pemToDer = (file: string) => new Uint8Array(Buffer.from(readFileSync(file, 'utf8').replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64'));
const identity = async (der: Uint8Array): Promise<Hex> => `0x${(await parseCertificate(der)).identity}`;

async function anchorOf(der: Uint8Array): Promise<Anchor> {
  return {
    hash: await identity(der),
    country: stringToHex('BR', { size: 2 }),
    spkiHash: `0x${'00'.repeat(32)}`,
    notBefore: 0n,
    notAfter: 0n,
    status: 1,
    proposalId: 3n,
    exceptions: 0,
    history: [{ status: 1, at: 1_700_000_000n }],
    der: bytesToHex(der),
  };
}

const record = (certificateHash: Hex, anchorHash: Hex, revoked?: { reason: number; effectiveAt: bigint }): Revocation => ({
  certificateHash,
  anchorHash,
  reason: revoked?.reason ?? 0,
  effectiveAt: revoked?.effectiveAt ?? 0n,
  recordedAt: revoked?.effectiveAt ?? 0n,
  annulledAt: 0n,
  version: revoked ? 1 : 0,
  by: revoked ? '0x00000000000000000000000000000000000000aa' : zeroAddress,
  proposalId: 0n,
});

let relay: Relay;
let relayUrl: string;
/** Every URL the verdict fetched (they must all go to the relay). */
const fetched: string[] = [];
const recordingFetch: typeof globalThis.fetch = (input, init) => {
  fetched.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  return globalThis.fetch(input, init);
};

async function assess(ca: TestCa, leaf: string, extra: Partial<AssessIdentityParameters> = {}) {
  const anchor = await anchorOf(pemToDer(ca.caCert));
  return assessIdentity({
    certificate: pemToDer(leaf),
    chain: [],
    anchors: [anchor],
    revocationOf: async (anchorHash, certificateHash) => record(certificateHash, anchorHash),
    checkPath: async () => ({ status: PathStatus.Ok, index: 0, ok: true }),
    relayUrl,
    fetch: recordingFetch,
    ...extra,
  });
}

beforeAll(async () => {
  relay = createRelay({ port: 0, allowLoopbackForTests: true });
  relayUrl = await relay.listen();
});
afterAll(async () => relay?.close());
beforeEach(() => {
  fetched.length = 0;
  clearPkiCaches({ crls: true });
});

describe('the CA as a revocation source: a CRL over HTTP through the relay', () => {
  let ca: TestCa;
  /** A CA whose CRL server is down (the relay caches a CRL until its nextUpdate, so it is another CA). */
  let offlineCa: TestCa;
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer((req, res) =>
      req.url === '/ca.crl' ? res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(ca.crlDer) : res.writeHead(503).end(),
    );
    ca = makeTestCa({ crlUrl: `${server.url}/ca.crl` });
    offlineCa = makeTestCa({ crlUrl: `${server.url}/offline.crl` });
  });
  afterAll(async () => {
    await server?.close();
    ca?.remove();
    offlineCa?.remove();
  });

  it('refuses a certificate the CA revoked in its CRL, with the reason and date, and fetches only through the relay', async () => {
    const result = await assess(ca, ca.revokedLeaf);
    expect(result.verdict).toEqual({ trusted: false, reason: 'path-failed' });
    expect(result.path.valid).toBe(false);
    const report = result.path.valid ? undefined : result.path.attempts[0]?.certificates[0];
    expect(report?.revocation).toMatchObject({ status: 'revoked', reasonCode: 1, source: `crl:${server.url}/ca.crl` });
    expect(report?.revocation?.status === 'revoked' && report.revocation.revocationDate!.getTime()).toBeGreaterThan(Date.now() - 10 * 60_000);
    expect(fetched.length).toBeGreaterThan(0);
    expect(fetched.every((url) => url.startsWith(`${relayUrl}/crl?url=`))).toBe(true);
  });

  it('trusts a certificate the CA lists as good', async () => {
    const result = await assess(ca, ca.goodLeaf);
    expect(result.verdict).toMatchObject({ trusted: true });
    expect(result.path.valid && result.path.validation.certificates[0]?.revocation).toMatchObject({ status: 'good', source: `crl:${server.url}/ca.crl` });
  });

  it('the Trust Store\'s "revoked" wins over the CA\'s "good"', async () => {
    const result = await assess(ca, ca.goodLeaf, {
      revocationOf: async (anchorHash, certificateHash) => record(certificateHash, anchorHash, { reason: 4, effectiveAt: 1_700_000_000n }),
      checkPath: async () => ({ status: PathStatus.CertificateRevoked, index: 0, ok: false }),
    });
    expect(result.verdict).toMatchObject({ trusted: false, reason: 'ledger', ledger: { status: PathStatus.CertificateRevoked } });
    const report = result.path.valid ? undefined : result.path.attempts[0]?.certificates[0];
    expect(report?.revocation).toMatchObject({ status: 'revoked', source: 'trust-store', reasonCode: 4 });
  });

  it('a CA that does not serve its CRL gives "status unknown", not "trusted", and the relay is not blamed', async () => {
    const result = await assess(offlineCa, offlineCa.goodLeaf);
    expect(result.path.valid).toBe(true);
    expect(result.verdict).toMatchObject({ trusted: false, reason: 'revocation-unknown', relayUnreachable: undefined });
    const unknown = result.verdict.trusted === false && result.verdict.reason === 'revocation-unknown' ? result.verdict.unknown : [];
    expect(unknown.map((u) => u.certificate.subject.key)).toEqual([(await parseCertificate(pemToDer(offlineCa.goodLeaf))).subject.key]);
    expect(unknown[0]?.reason).toContain(`${server.url}/offline.crl`);
  });

  it('a relay that does not answer is named', async () => {
    const closedPort = await freePort();
    const deadRelay = `http://127.0.0.1:${closedPort}`;
    const result = await assess(ca, ca.revokedLeaf, { relayUrl: deadRelay });
    expect(result.verdict).toMatchObject({ trusted: false, reason: 'revocation-unknown', relayUnreachable: deadRelay });
  });
});

describe('the CA as a revocation source: a real openssl ocsp responder through the relay', () => {
  let ca: TestCa;
  let responder: OcspResponder;
  beforeAll(async () => {
    const port = await freePort();
    ca = makeTestCa({ ocspUrl: `http://127.0.0.1:${port}` });
    responder = await startOpensslOcsp(ca, port);
  });
  afterAll(async () => {
    await responder?.stop();
    ca?.remove();
  });

  it('refuses a certificate the responder says is revoked, with the reason', async () => {
    const result = await assess(ca, ca.revokedLeaf);
    expect(result.verdict).toEqual({ trusted: false, reason: 'path-failed' });
    const report = result.path.valid ? undefined : result.path.attempts[0]?.certificates[0];
    expect(report?.revocation).toMatchObject({ status: 'revoked', reasonCode: 1, source: `ocsp:${responder.url}` });
    expect(fetched.every((url) => url.startsWith(`${relayUrl}/ocsp?url=`))).toBe(true);
  });

  it('trusts a certificate the responder says is good', async () => {
    const result = await assess(ca, ca.goodLeaf);
    expect(result.verdict).toMatchObject({ trusted: true });
  });
});
