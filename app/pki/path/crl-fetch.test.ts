import { describe, expect, it } from 'vitest';
import { der, generateCertificate, generateCrl, generateKeys, type TestIssuer } from '../__fixtures__/generate';
import { createCrlCache, crlDistributionPointUrls, type CrlFetchOptions, parseCrl, validatePath } from '../index';

const NOW = new Date('2030-01-01T00:00:00Z');
const kind = 'P-256';
const CRL_URL = 'http://crl.example/root.crl';

/** cRLDistributionPoints with one distributionPoint fullName per URI. */
function distributionPoints(...uris: string[]) {
  const uri = (u: string) => der.ctx(6, new TextEncoder().encode(u));
  return { oid: '2.5.29.31', value: der.seq(...uris.map((u) => der.seq(der.explicit(0, der.explicit(0, uri(u)))))) };
}

type Served = Uint8Array | ((signal: AbortSignal | undefined) => Promise<Response> | Response);

/** A fetch serving fixed answers by URL and counting the requests; no network. */
function fakeFetch(routes: Record<string, Served>) {
  const requests: string[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    requests.push(url);
    const served = routes[url];
    if (!served) return new Response(null, { status: 404 });
    return served instanceof Uint8Array ? new Response(served.slice()) : served(init?.signal ?? undefined);
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

describe('CRLs fetched from the distribution points', async () => {
  const root = await generateCertificate({ subject: 'Root', keys: await generateKeys(kind), kind, ca: true });
  const leafKeys = await generateKeys(kind);
  const issueLeaf = (serial: number, ...uris: string[]) =>
    generateCertificate({ subject: `leaf ${serial}`, issuer: root, keys: leafKeys, kind, serial, extensions: uris.length > 0 ? [distributionPoints(...uris)] : [] });
  const leaf: TestIssuer = await issueLeaf(4242, CRL_URL);
  const revokedLeaf: TestIssuer = await issueLeaf(4343, CRL_URL);
  const crl = await generateCrl({ issuer: root, revokedSerials: [revokedLeaf.certificate.serialNumber] });

  const validate = (target: TestIssuer, mode: 'require' | 'prefer', fetchCrls: CrlFetchOptions) =>
    validatePath({ path: [target.certificate, root.certificate], time: NOW, revocation: { mode, fetchCrls } });

  it('reads the http(s) URIs and leaves out ldap: and file:', async () => {
    const mixed = await issueLeaf(11, 'ldap://dir.example/cn=Root?certificateRevocationList', 'file:///etc/root.crl', 'https://crl.example/a.crl', CRL_URL);
    expect(crlDistributionPointUrls(mixed.certificate)).toEqual(['https://crl.example/a.crl', CRL_URL]);
  });

  it('fetches at most four distribution points of one certificate', async () => {
    const many = Array.from({ length: 10 }, (_, i) => `http://crl${i}.example/root.crl`);
    const { fetch, requests } = fakeFetch({});
    await validate(await issueLeaf(13, ...many), 'prefer', { fetch, cache: createCrlCache() });
    expect([...new Set(requests)].sort()).toEqual(many.slice(0, 4).sort());
  });

  it('fails a leaf the downloaded CRL lists and passes one it does not', async () => {
    const { fetch } = fakeFetch({ [CRL_URL]: crl });
    const cache = createCrlCache();
    const revoked = await validate(revokedLeaf, 'require', { fetch, cache });
    expect(revoked.failures.map((f) => f.code)).toEqual(['revoked']);
    expect(revoked.certificates[0]?.revocation).toMatchObject({ status: 'revoked', source: `crl:${CRL_URL}` });
    const good = await validate(leaf, 'require', { fetch, cache });
    expect(good.valid).toBe(true);
    expect(good.certificates[0]?.revocation).toMatchObject({ status: 'good', source: `crl:${CRL_URL}` });
  });

  it('downloads a URL once while its CRL is before nextUpdate, again after', async () => {
    const { fetch, requests } = fakeFetch({ [CRL_URL]: crl });
    let clock = new Date('2030-06-01T00:00:00Z').getTime();
    const cache = createCrlCache({ now: () => clock });
    await validate(leaf, 'require', { fetch, cache });
    await validate(revokedLeaf, 'require', { fetch, cache });
    expect(requests).toEqual([CRL_URL]);
    clock = new Date('2030-12-02T00:00:00Z').getTime(); // the generated CRL's nextUpdate is 2030-12-01
    await validate(leaf, 'require', { fetch, cache });
    expect(requests).toEqual([CRL_URL, CRL_URL]);
  });

  it('treats a download that times out as no status', async () => {
    const hang = (signal: AbortSignal | undefined) => new Promise<Response>((_, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    const { fetch } = fakeFetch({ [CRL_URL]: hang });
    const required = await validate(leaf, 'require', { fetch, cache: createCrlCache(), timeoutMs: 50 });
    expect(required.failures.map((f) => f.code)).toEqual(['revocationUnknown']);
    expect(required.failures[0]?.message).toContain('no complete answer within 50 ms');
    const preferred = await validate(leaf, 'prefer', { fetch, cache: createCrlCache(), timeoutMs: 50 });
    expect(preferred.valid).toBe(true);
    expect(preferred.certificates[0]?.revocation).toMatchObject({ status: 'unknown', reason: expect.stringContaining('50 ms') });
  });

  it('abandons a body larger than maxBytes, declared or streamed', async () => {
    const endless = () =>
      new Response(new ReadableStream<Uint8Array>({ pull: (controller) => controller.enqueue(new Uint8Array(4096)) }));
    // A declared length is refused before any byte is read: this body never delivers one.
    const declared = () => new Response(new ReadableStream<Uint8Array>({ pull: () => new Promise<void>(() => undefined) }), { headers: { 'content-length': '1000000000' } });
    for (const served of [endless, declared]) {
      const { fetch } = fakeFetch({ [CRL_URL]: served });
      const result = await validate(leaf, 'require', { fetch, cache: createCrlCache(), maxBytes: 100 });
      expect(result.failures.map((f) => f.code)).toEqual(['revocationUnknown']);
      expect(result.failures[0]?.message).toContain('larger than 100 bytes');
    }
  });

  it('refuses a downloaded CRL signed by another key and an expired one', async () => {
    const forged = await generateCrl({ issuer: root, signingKeys: await generateKeys(kind) });
    const expired = await generateCrl({ issuer: root, nextUpdate: new Date('2029-12-15T00:00:00Z') });
    for (const [body, reason] of [
      [forged, 'signature does not verify'],
      [expired, 'out of date'],
    ] as const) {
      const { fetch } = fakeFetch({ [CRL_URL]: body });
      const required = await validate(leaf, 'require', { fetch, cache: createCrlCache() });
      expect(required.failures.map((f) => f.code)).toEqual(['revocationUnknown']);
      expect(required.failures[0]?.message).toContain(reason);
      expect((await validate(leaf, 'prefer', { fetch, cache: createCrlCache() })).valid).toBe(true);
    }
  });

  it('downloads nothing for a certificate a given CRL of its issuer answers', async () => {
    const { fetch, requests } = fakeFetch({ [CRL_URL]: crl });
    const result = await validatePath({ path: [revokedLeaf.certificate, root.certificate], time: NOW, revocation: { mode: 'require', crls: [await parseCrl(crl)], fetchCrls: { fetch, cache: createCrlCache() } } });
    expect(result.failures.map((f) => f.code)).toEqual(['revoked']);
    expect(requests).toEqual([]);
  });

  it('says when there is nothing to fetch, and fetches nothing for an ldap-only certificate', async () => {
    const { fetch, requests } = fakeFetch({});
    const ldapOnly = await issueLeaf(12, 'ldap://dir.example/cn=Root?certificateRevocationList');
    const result = await validate(ldapOnly, 'require', { fetch, cache: createCrlCache() });
    expect(result.failures[0]?.message).toContain('names no http(s) CRL distribution point');
    expect(requests).toEqual([]);
    const missing = await validate(leaf, 'require', { fetch, cache: createCrlCache() });
    expect(missing.failures[0]?.message).toContain('HTTP status 404');
  });
});
