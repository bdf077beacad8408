/**
 * Revocation against real OpenSSL: CRLs made by `openssl ca -gencrl` served by a node:http server, and
 * an `openssl ocsp` responder serving the CA's index file, both started here on free loopback ports.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrlCache, parseCertificate, type Certificate, type RevocationOptions, validatePath } from '../index';
import { createOcspRequest, parseOcspResponse, statusFromOcspResponse } from './ocsp';
import { defaultAlgorithmPolicy } from '../crypto/algorithm-policy';
import { createOpensslCa, END_ENTITY, KEY_IDENTIFIERS, type OpensslCa } from '../__fixtures__/opensslCa';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** `openssl ocsp` as a responder; resolves once it accepts connections. */
function startResponder(dir: string, port: number, signer: string, key: string): Promise<ChildProcess> {
  const child = spawn('openssl', ['ocsp', '-index', 'index.txt', '-port', String(port), '-rsigner', signer, '-rkey', key, '-CA', 'ca.pem', '-nmin', '10'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ACCEPT')) resolve(child);
    };
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`openssl ocsp exited (${code}): ${output}`)));
    setTimeout(() => reject(new Error(`openssl ocsp did not start: ${output}`)), 10_000);
  });
}

/** A responder's certificate: OCSPSigning, and id-pkix-ocsp-nocheck or not. */
const responder = (...lines: string[]) => [...END_ENTITY, 'extendedKeyUsage = OCSPSigning', ...lines, ...KEY_IDENTIFIERS];
const sections = {
  leaf: [...END_ENTITY, ...KEY_IDENTIFIERS, 'crlDistributionPoints = URI:http://127.0.0.1:${ENV::CRL_PORT}/ca.crl', 'authorityInfoAccess = OCSP;URI:http://127.0.0.1:${ENV::OCSP_PORT}/'],
  responder: responder('noCheck = ignored'),
  responder_without_nocheck: [...responder(), 'crlDistributionPoints = URI:http://127.0.0.1:${ENV::CRL_PORT}/responder.crl'],
};

describe('revocation against OpenSSL (CRL over HTTP, OCSP responder)', () => {
  let crlServer: Server;
  const crlRequests: string[] = [];
  let crlBytes: Buffer;
  const responders: ChildProcess[] = [];
  const ports = { crl: 0, delegated: 0, ca: 0, noCheck: 0, revokedResponder: 0 };
  const certs: Record<string, Certificate> = {};
  let authority: OpensslCa;

  beforeAll(async () => {
    crlServer = createServer((request, response) => {
      crlRequests.push(request.url ?? '');
      // The responders' certificates name their own distribution point: the same CRL of the CA.
      if (request.url === '/ca.crl' || request.url === '/responder.crl') response.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(crlBytes);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => crlServer.listen(0, '127.0.0.1', resolve));
    ports.crl = (crlServer.address() as AddressInfo).port;
    [ports.delegated, ports.ca, ports.noCheck, ports.revokedResponder] = [await freePort(), await freePort(), await freePort(), await freePort()];
    process.env.CRL_PORT = String(ports.crl);
    process.env.OCSP_PORT = String(ports.delegated);
    authority = createOpensslCa({ prefix: 'pki-revocation-', subject: '/CN=OpenSSL Test CA', sections });
    for (const name of ['good', 'revoked', 'held']) authority.issue(name, 'leaf');
    authority.issue('responder', 'responder');
    authority.issue('responderNoCheck', 'responder_without_nocheck');
    // A delegated responder without nocheck whose certificate the CA then revoked (it keeps answering).
    authority.issue('responderRevoked', 'responder_without_nocheck');
    authority.ca('-revoke', 'responderRevoked.pem', '-crl_reason', 'keyCompromise');
    authority.ca('-revoke', 'revoked.pem', '-crl_reason', 'keyCompromise');
    authority.ca('-revoke', 'held.pem', '-crl_reason', 'certificateHold');
    authority.ca('-gencrl', '-out', 'ca.crl.pem');
    crlBytes = authority.openssl('crl', '-in', 'ca.crl.pem', '-outform', 'DER');
    // A certificate of this CA the index does not know (its serial was never recorded).
    authority.key('stranger');
    authority.openssl('req', '-config', 'openssl.cnf', '-new', '-key', 'stranger.key', '-subj', '/CN=stranger', '-out', 'stranger.csr');
    authority.openssl('x509', '-req', '-in', 'stranger.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', '777', '-days', '10', '-extfile', 'openssl.cnf', '-extensions', 'leaf', '-out', 'stranger.pem');
    for (const name of ['ca', 'good', 'revoked', 'held', 'stranger']) certs[name] = await parseCertificate(authority.certificateDer(name));
    responders.push(await startResponder(authority.dir, ports.delegated, 'responder.pem', 'responder.key'));
    responders.push(await startResponder(authority.dir, ports.ca, 'ca.pem', 'ca.key'));
    responders.push(await startResponder(authority.dir, ports.noCheck, 'responderNoCheck.pem', 'responderNoCheck.key'));
    responders.push(await startResponder(authority.dir, ports.revokedResponder, 'responderRevoked.pem', 'responderRevoked.key'));
  }, 60_000);

  afterAll(async () => {
    for (const child of responders) child.kill();
    await new Promise<void>((resolve) => crlServer.close(() => resolve()));
    authority.remove();
  });

  const validate = (name: string, revocation: Omit<RevocationOptions, 'mode'>) => validatePath({ path: [certs[name] as Certificate, certs.ca as Certificate], revocation: { mode: 'require', ...revocation } });
  const fetchCrls = () => ({ cache: createCrlCache() });

  it('reads a CRL made by openssl ca -gencrl from its HTTP distribution point', async () => {
    const good = await validate('good', { fetchCrls: fetchCrls() });
    expect(good.failures).toEqual([]);
    expect(good.certificates[0]?.revocation).toMatchObject({ status: 'good', source: `crl:http://127.0.0.1:${ports.crl}/ca.crl` });
    const revoked = await validate('revoked', { fetchCrls: fetchCrls() });
    expect(revoked.failures.map((f) => f.code)).toEqual(['revoked']);
    expect(revoked.certificates[0]?.revocation).toMatchObject({ status: 'revoked', reasonCode: 1 });
    const date = (revoked.certificates[0]?.revocation as { revocationDate: Date }).revocationDate;
    expect(Math.abs(date.getTime() - Date.now())).toBeLessThan(10 * 60_000);
    expect(revoked.failures[0]?.message).toContain('"CN=revoked"');
    expect(revoked.failures[0]?.message).toContain('key compromise');
    expect(revoked.failures[0]?.message).toContain(date.toISOString());
    expect(crlRequests).toContain('/ca.crl');
  });

  it('asks a delegated OCSP responder (OCSPSigning, nocheck) named in authorityInfoAccess', async () => {
    const good = await validate('good', { ocsp: true });
    expect(good.failures).toEqual([]);
    expect(good.certificates[0]?.revocation).toMatchObject({ status: 'good', source: `ocsp:http://127.0.0.1:${ports.delegated}/` });
    const revoked = await validate('revoked', { ocsp: true });
    expect(revoked.failures.map((f) => f.code)).toEqual(['revoked']);
    expect(revoked.certificates[0]?.revocation).toMatchObject({ status: 'revoked', reasonCode: 1 });
    const held = await validate('held', { ocsp: true });
    expect(held.certificates[0]?.revocation).toMatchObject({ status: 'revoked', reasonCode: 6 });
    const stranger = await validate('stranger', { ocsp: true });
    expect(stranger.failures.map((f) => f.code)).toEqual(['revocationUnknown']);
    expect(stranger.failures[0]?.message).toContain('does not know the certificate');
  });

  it('accepts a response the CA signs itself', async () => {
    const good = await validate('good', { ocsp: { url: `http://127.0.0.1:${ports.ca}/` } });
    expect(good.failures).toEqual([]);
    expect((await validate('revoked', { ocsp: { url: `http://127.0.0.1:${ports.ca}/` } })).failures.map((f) => f.code)).toEqual(['revoked']);
  });

  it('trusts a delegated responder without id-pkix-ocsp-nocheck only once its own certificate is shown unrevoked by the CA’s CRL', async () => {
    // No CRL at hand: the responder's status is unknown, so is the answer.
    const blind = await validate('revoked', { ocsp: { url: `http://127.0.0.1:${ports.noCheck}/` } });
    expect(blind.failures.map((f) => f.code)).toEqual(['revocationUnknown']);
    expect(blind.failures[0]?.message).toContain('no id-pkix-ocsp-nocheck and its own revocation status is unknown');
    // Only the responder's distribution point may be downloaded, so the answers below come from OCSP.
    const responderCrlOnly = { cache: createCrlCache(), fetch: (async (url: string | URL | Request, init?: RequestInit) => (String(url).endsWith('/responder.crl') ? fetch(url, init) : new Response('', { status: 404 }))) as typeof fetch };
    const order = 'ocsp-first' as const;
    const revoked = await validate('revoked', { ocsp: { url: `http://127.0.0.1:${ports.noCheck}/` }, fetchCrls: responderCrlOnly, order });
    expect(revoked.failures.map((f) => f.code)).toEqual(['revoked']);
    expect(revoked.certificates[0]?.revocation).toMatchObject({ status: 'revoked', reasonCode: 1, source: `ocsp:http://127.0.0.1:${ports.noCheck}/` });
    const good = await validate('good', { ocsp: { url: `http://127.0.0.1:${ports.noCheck}/` }, fetchCrls: responderCrlOnly, order });
    expect(good.failures).toEqual([]);
    expect(good.certificates[0]?.revocation).toMatchObject({ status: 'good', source: `ocsp:http://127.0.0.1:${ports.noCheck}/` });
    expect(crlRequests).toContain('/responder.crl');
    // The revoked responder still answers "good"; its certificate is in the CA's CRL, so the answer is refused.
    const fromRevoked = await validate('good', { ocsp: { url: `http://127.0.0.1:${ports.revokedResponder}/` }, fetchCrls: responderCrlOnly, order });
    expect(fromRevoked.failures.map((f) => f.code)).toEqual(['revocationUnknown']);
    expect(fromRevoked.failures[0]?.message).toContain('the responder certificate (no id-pkix-ocsp-nocheck) is revoked');
  });

  it('refuses a response to another request (nonce), an out-of-date one, and one of a responder for another CA', async () => {
    const [good, ca] = [certs.good as Certificate, certs.ca as Certificate];
    const nonce = new Uint8Array(16).fill(7);
    const answer = await fetch(`http://127.0.0.1:${ports.delegated}/`, { method: 'POST', headers: { 'content-type': 'application/ocsp-request' }, body: new Uint8Array(createOcspRequest({ certificate: good, issuer: ca, nonce })) });
    const response = await parseOcspResponse(new Uint8Array(await answer.arrayBuffer()));
    const parameters = { certificate: good, issuer: ca, policy: defaultAlgorithmPolicy, time: new Date() };
    expect(await statusFromOcspResponse(response, { ...parameters, nonce })).toMatchObject({ status: 'good' });
    expect(await statusFromOcspResponse(response, { ...parameters, nonce: new Uint8Array(16).fill(8) })).toMatchObject({ status: 'unknown', reason: expect.stringContaining('nonce') });
    // -nmin 10: nextUpdate is ten minutes on; an hour later (past the 5-minute skew) the response is stale.
    expect(await statusFromOcspResponse(response, { ...parameters, nonce, time: new Date(Date.now() + 60 * 60_000) })).toMatchObject({ status: 'unknown', reason: expect.stringContaining('out of date') });
    expect(await statusFromOcspResponse(response, { ...parameters, nonce, time: new Date(Date.now() + 12 * 60_000) }, { clockSkewMs: 5 * 60_000 })).toMatchObject({ status: 'good' });
    // The same response checked as if for a certificate of another CA (the stranger's issuer is the CA too, so use the responder's own certificate as "issuer").
    const otherIssuer = await parseCertificate(authority.certificateDer('responder'));
    expect(await statusFromOcspResponse(response, { ...parameters, issuer: otherIssuer, nonce })).toMatchObject({ status: 'unknown' });
  });

  it('asks OCSP or CRLs first as configured, the other only when the first has no status', async () => {
    const before = crlRequests.length;
    const ocspFirst = await validate('revoked', { ocsp: true, fetchCrls: fetchCrls(), order: 'ocsp-first' });
    expect(ocspFirst.certificates[0]?.revocation?.source).toMatch(/^ocsp:/);
    expect(crlRequests.length).toBe(before);
    const crlFirst = await validate('revoked', { ocsp: true, fetchCrls: fetchCrls(), order: 'crl-first' });
    expect(crlFirst.certificates[0]?.revocation?.source).toMatch(/^crl:/);
    // The responder does not know the stranger; its CRL (which does not list it) answers.
    const fallback = await validate('stranger', { ocsp: true, fetchCrls: fetchCrls(), order: 'ocsp-first' });
    expect(fallback.failures).toEqual([]);
    expect(fallback.certificates[0]?.revocation?.source).toMatch(/^crl:/);
  });
});
