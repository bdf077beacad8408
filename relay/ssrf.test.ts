// Server-side request forgery: every URL a certificate names is hostile until checked. Each test tries
// one attack and sees it refused. Only loopback traffic ever happens here: each relay has a tripwire
// (onUpstreamConnect, called before any upstream socket is opened) that throws for a non-loopback
// address, and DNS tests inject a resolver that returns the hostile addresses.
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRelay, type Relay, type RelayConfig } from './server.ts';
import { makeTestCa, startTestServer, type TestCa, type TestServer } from './testing.ts';
import type { Resolver } from './upstream.ts';

let ca: TestCa;
const relays: Relay[] = [];
const servers: TestServer[] = [];

const LOOPBACK = new Set(['127.0.0.1', '127.0.0.2', '::1', 'localhost']);

/** A relay whose tripwire records every upstream connection and refuses any that is not loopback. */
async function startRelay(config: RelayConfig = {}): Promise<{ url: string; connects: { url: string; address: string }[] }> {
  const connects: { url: string; address: string }[] = [];
  const relay = createRelay({
    port: 0,
    resolve: async () => {
      throw new Error('test: no DNS unless injected');
    },
    ...config,
    onUpstreamConnect: (info) => {
      connects.push(info);
      if (!LOOPBACK.has(info.address)) throw new Error(`test tripwire: a connection to ${info.address} was attempted`);
    },
  });
  relays.push(relay);
  return { url: await relay.listen(), connects };
}

async function server(handler: http.RequestListener, host?: string): Promise<TestServer> {
  const s = await startTestServer(handler, host);
  servers.push(s);
  return s;
}

const crl = (relay: string, url: string) => fetch(`${relay}/crl?url=${encodeURIComponent(url)}`);

async function expectRefused(response: Response, status: number, code: string): Promise<{ error: string; message: string }> {
  const body = (await response.json()) as { error: string; message: string };
  expect({ status: response.status, code: body.error }).toEqual({ status, code });
  return body;
}

beforeAll(() => {
  ca = makeTestCa();
});

afterAll(async () => {
  await Promise.all(relays.map((r) => r.close()));
  await Promise.all(servers.map((s) => s.close()));
  ca?.remove();
});

describe('URL schemes', () => {
  it.each(['file:///etc/passwd', 'ftp://ftp.example.org/ca.crl', 'ldap://ldap.example.org/cn=CA?certificateRevocationList', 'data:application/pkix-crl;base64,MAA=', 'gopher://127.0.0.1:25/_HELO'])(
    'refuses %s with a clear error and no connection',
    async (url) => {
      const relay = await startRelay();
      const body = await expectRefused(await crl(relay.url, url), 400, 'scheme-refused');
      expect(body.message).toMatch(/only http: and https:/i);
      if (url.startsWith('ldap')) expect(body.message).toMatch(/LDAP is not supported/);
      expect(relay.connects).toEqual([]);
    },
  );

  it('refuses URLs with credentials in them', async () => {
    const relay = await startRelay();
    await expectRefused(await crl(relay.url, 'http://user:secret@ca.example.org/ca.crl'), 400, 'bad-request');
    expect(relay.connects).toEqual([]);
  });
});

describe('addresses, with the production policy', () => {
  const cases: [string, string[]][] = [
    ['loopback', ['http://127.0.0.1/ca.crl', 'http://127.5.5.5:8080/ca.crl', 'http://[::1]/ca.crl']],
    ['private', ['http://10.0.0.1/ca.crl', 'http://172.16.0.1/ca.crl', 'http://172.31.255.254/ca.crl', 'http://192.168.1.1/ca.crl', 'http://[fc00::1]/ca.crl', 'http://[fd12:3456::1]/ca.crl']],
    ['link-local and the metadata address', ['http://169.254.169.254/latest/meta-data/', 'http://169.254.0.1/ca.crl', 'http://[fe80::1]/ca.crl']],
    ['unspecified', ['http://0.0.0.0/ca.crl', 'http://[::]/ca.crl', 'http://0/ca.crl']],
    ['multicast, broadcast and reserved', ['http://224.0.0.1/ca.crl', 'http://239.255.255.250/ca.crl', 'http://255.255.255.255/ca.crl', 'http://240.0.0.1/ca.crl', 'http://100.64.0.1/ca.crl', 'http://[ff02::1]/ca.crl', 'http://192.0.2.1/ca.crl']],
    ['IPv4-mapped IPv6 of refused addresses', ['http://[::ffff:127.0.0.1]/ca.crl', 'http://[::ffff:169.254.169.254]/ca.crl', 'http://[::ffff:10.0.0.1]/ca.crl', 'http://[::ffff:7f00:1]/ca.crl']],
    ['IPv6 that embeds a refused IPv4 address (NAT64, 6to4)', ['http://[64:ff9b::a9fe:a9fe]/ca.crl', 'http://[2002:7f00:1::]/ca.crl']],
    ['decimal, octal and hex IPv4 spellings', ['http://2130706433/ca.crl', 'http://0x7f.1/ca.crl', 'http://0x7f000001/ca.crl', 'http://017700000001/ca.crl', 'http://0177.0.0.1/ca.crl', 'http://127.1/ca.crl', 'http://2852039166/ca.crl']],
  ];
  it.each(cases)('refuses %s before connecting', async (_name, urls) => {
    const relay = await startRelay();
    for (const url of urls) {
      const response = await crl(relay.url, url);
      const body = await expectRefused(response, 403, 'address-refused');
      expect(body.message, url).toMatch(/refused/);
    }
    expect(relay.connects).toEqual([]);
  });

  it('refuses a name that resolves to a refused address, or to a public and a refused one, before any connection', async () => {
    const answers: Record<string, string[]> = {
      'metadata.test': ['169.254.169.254'],
      'mixed.test': ['93.184.216.34', '10.0.0.1'],
      'mapped.test': ['::ffff:127.0.0.1'],
      'v6private.test': ['2606:4700::1', 'fd00::1'],
    };
    const asked: string[] = [];
    const resolve: Resolver = async (hostname) => {
      asked.push(hostname);
      return (answers[hostname] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    };
    const relay = await startRelay({ resolve });
    for (const host of Object.keys(answers)) await expectRefused(await crl(relay.url, `http://${host}/ca.crl`), 403, 'address-refused');
    expect(asked).toEqual(Object.keys(answers));
    expect(relay.connects).toEqual([]);
  });

  it('refuses the POST and GET OCSP routes to refused addresses too', async () => {
    const relay = await startRelay();
    const post = await fetch(`${relay.url}/ocsp?url=${encodeURIComponent('http://169.254.169.254/')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/ocsp-request' },
      body: new Uint8Array([0x30, 0x00]),
    });
    await expectRefused(post, 403, 'address-refused');
    const get = await fetch(`${relay.url}/ocsp?url=${encodeURIComponent('http://10.1.2.3/ocsp')}&request=MAA%3D`);
    await expectRefused(get, 403, 'address-refused');
    expect(relay.connects).toEqual([]);
  });
});

describe('connection pinning (DNS rebinding)', () => {
  it('connects to the address it checked, never resolving the name again', async () => {
    // The upstream listens on 127.0.0.2 only. The injected resolver answers 127.0.0.2 once, then a
    // rebinding answer. The system resolver would say 127.0.0.1 for "localhost", where nothing listens.
    const upstream = await server((_req, res) => res.writeHead(200).end(ca.crlDer), '127.0.0.2');
    let calls = 0;
    const resolve: Resolver = async () => (calls++ === 0 ? [{ address: '127.0.0.2', family: 4 }] : [{ address: '10.0.0.1', family: 4 }]);
    const relay = await startRelay({ resolve, allowLoopbackForTests: true });
    const response = await crl(relay.url, `http://localhost:${upstream.port}/ca.crl`);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(ca.crlDer)).toBe(true);
    expect(calls).toBe(1);
    expect(relay.connects.map((c) => c.address)).toEqual(['127.0.0.2']);
    // The server saw the URL's host name, not the address.
    expect(upstream.requests[0]?.host).toBe(`localhost:${upstream.port}`);
  });
});

describe('redirects', () => {
  let upstream: TestServer;
  beforeAll(async () => {
    upstream = await server((req, res) => {
      const hops = /^\/hops\/(\d+)$/.exec(req.url ?? '');
      if (hops) {
        const n = Number(hops[1]);
        if (n === 0) res.writeHead(200).end(ca.crlDer);
        else res.writeHead(302, { location: `/hops/${n - 1}` }).end();
      } else if (req.url === '/to-metadata') res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      else if (req.url === '/to-file') res.writeHead(302, { location: 'file:///etc/passwd' }).end();
      else if (req.url === '/to-mapped') res.writeHead(307, { location: 'http://[::ffff:10.0.0.1]/' }).end();
      else res.writeHead(404).end();
    });
  });

  it('follows up to maxRedirects (3 by default), and refuses the fourth', async () => {
    const relay = await startRelay({ allowLoopbackForTests: true });
    const three = await crl(relay.url, `${upstream.url}/hops/3`);
    expect(three.status).toBe(200);
    expect(Buffer.from(await three.arrayBuffer()).equals(ca.crlDer)).toBe(true);
    await expectRefused(await crl(relay.url, `${upstream.url}/hops/4`), 502, 'too-many-redirects');
  });

  it('re-checks every hop: a redirect to the metadata address, to file: or to a mapped private address is refused without connecting', async () => {
    const relay = await startRelay({ allowLoopbackForTests: true });
    await expectRefused(await crl(relay.url, `${upstream.url}/to-metadata`), 403, 'address-refused');
    await expectRefused(await crl(relay.url, `${upstream.url}/to-file`), 400, 'scheme-refused');
    await expectRefused(await crl(relay.url, `${upstream.url}/to-mapped`), 403, 'address-refused');
    expect(relay.connects.every((c) => c.address === '127.0.0.1')).toBe(true);
  });
});

describe('size and time limits', () => {
  let upstream: TestServer;
  beforeAll(async () => {
    upstream = await server((req, res) => {
      if (req.url === '/endless') {
        // A chunked body that never ends: only a cap enforced while streaming stops it.
        res.writeHead(200, { 'content-type': 'application/pkix-crl' });
        const chunk = Buffer.alloc(16 * 1024, 0x41);
        const timer = setInterval(() => res.write(chunk), 1);
        res.on('close', () => clearInterval(timer));
      } else if (req.url === '/declared-huge') {
        res.writeHead(200, { 'content-length': String(1024 * 1024 * 1024) });
        res.write(Buffer.alloc(1024));
      } else if (req.url === '/silent') {
        // Accepts the request and never answers.
      } else if (req.url === '/drip') {
        res.writeHead(200);
        const timer = setInterval(() => res.write('x'), 50);
        res.on('close', () => clearInterval(timer));
      } else if (req.url === '/big-ocsp') {
        res.writeHead(200, { 'content-type': 'application/ocsp-response' }).end(Buffer.alloc(100 * 1024));
      } else res.writeHead(404).end();
    });
  });

  it('abandons a body over the cap while streaming it (no content-length)', async () => {
    const relay = await startRelay({ allowLoopbackForTests: true, maxCrlBytes: 256 * 1024, timeoutMs: 20_000 });
    const started = performance.now();
    await expectRefused(await crl(relay.url, `${upstream.url}/endless`), 502, 'too-large');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('refuses a declared content-length over the cap at once', async () => {
    const relay = await startRelay({ allowLoopbackForTests: true, timeoutMs: 20_000 });
    await expectRefused(await crl(relay.url, `${upstream.url}/declared-huge`), 502, 'too-large');
  });

  it('caps OCSP responses at 64 KiB by default', async () => {
    const relay = await startRelay({ allowLoopbackForTests: true });
    const response = await fetch(`${relay.url}/ocsp?url=${encodeURIComponent(`${upstream.url}/big-ocsp`)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/ocsp-request' },
      body: new Uint8Array([0x30, 0x00]),
    });
    await expectRefused(response, 502, 'too-large');
  });

  it('gives up on a server that never answers, and on one that drips, after the total time limit', async () => {
    const relay = await startRelay({ allowLoopbackForTests: true, timeoutMs: 300 });
    for (const path of ['/silent', '/drip']) {
      const started = performance.now();
      await expectRefused(await crl(relay.url, `${upstream.url}${path}`), 504, 'timeout');
      expect(performance.now() - started).toBeLessThan(2_000);
    }
  }, 10_000);
});

describe('time limit covers DNS', () => {
  it('gives up on a resolver that never answers', async () => {
    const relay = await startRelay({ timeoutMs: 300, resolve: () => new Promise(() => undefined) });
    const started = performance.now();
    await expectRefused(await crl(relay.url, 'http://slow-dns.test/ca.crl'), 504, 'timeout');
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(relay.connects).toEqual([]);
  });
});

describe('concurrency', () => {
  let upstream: TestServer;
  const held: http.ServerResponse[] = [];
  beforeAll(async () => {
    upstream = await server((_req, res) => {
      held.push(res);
    });
  });
  const releaseAll = () => {
    for (const res of held.splice(0)) res.writeHead(200).end(ca.crlDer);
  };
  const waitForHeld = async (n: number) => {
    while (held.length < n) await new Promise((r) => setTimeout(r, 10));
  };

  it('allows at most maxConcurrentPerClient upstream fetches per client address', async () => {
    const relay = await startRelay({ allowLoopbackForTests: true, maxConcurrentPerClient: 2 });
    const first = [crl(relay.url, `${upstream.url}/a`), crl(relay.url, `${upstream.url}/b`)];
    await waitForHeld(2);
    await expectRefused(await crl(relay.url, `${upstream.url}/c`), 429, 'busy');
    releaseAll();
    expect((await Promise.all(first)).map((r) => r.status)).toEqual([200, 200]);
    // Slots are given back: the next one goes through.
    const next = crl(relay.url, `${upstream.url}/d`);
    await waitForHeld(1);
    releaseAll();
    expect((await next).status).toBe(200);
  });

  it('allows at most maxConcurrentTotal upstream fetches in all', async () => {
    const relay = await startRelay({ allowLoopbackForTests: true, maxConcurrentPerClient: 10, maxConcurrentTotal: 2 });
    const first = [crl(relay.url, `${upstream.url}/e`), crl(relay.url, `${upstream.url}/f`)];
    await waitForHeld(2);
    await expectRefused(await crl(relay.url, `${upstream.url}/g`), 429, 'busy');
    releaseAll();
    expect((await Promise.all(first)).map((r) => r.status)).toEqual([200, 200]);
  });
});
