/**
 * The revocation relay: fetches CRLs and OCSP responses on the page's behalf, because CA servers send
 * no CORS headers, and serves them with CORS. It adds no trust: it returns the upstream bytes unchanged
 * and the page verifies every CRL and OCSP response itself (issuer, signature, times), exactly as if it
 * had fetched them. The URLs come from untrusted certificates, so the relay defends itself against
 * server-side request forgery (see upstream.ts and address-policy.ts).
 *
 *   GET  /crl?url=<http(s) URL>                       -> the CRL bytes (application/pkix-crl), cached until nextUpdate
 *   POST /ocsp?url=<responder URL>  (OCSP request)     -> the responder's bytes (application/ocsp-response)
 *   GET  /ocsp?url=<responder URL>&request=<base64>    -> the same by RFC 6960 A.1 GET form
 *   POST /tsa  (RFC 3161 TimeStampReq)                 -> the configured TSA's TimeStampResp (application/timestamp-reply)
 *   GET  /health                                       -> {"ok":true,...}
 */
import { lookup } from 'node:dns/promises';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { productionPolicy } from './address-policy.ts';
import { CrlCache, defaultCacheLimits, type CacheLimits } from './cache.ts';
import { RelayError } from './errors.ts';
import { fetchUpstream, parseTargetUrl, type Resolver, type UpstreamRequest } from './upstream.ts';

export type RelayConfig = {
  /** Interface to listen on (default 127.0.0.1). */
  readonly host?: string;
  /** Port to listen on (default 8790; 0 picks a free one). */
  readonly port?: number;
  /** Page origins allowed to read the relay's answers (default the dev server: http://127.0.0.1:5173, http://localhost:5173). */
  readonly allowedOrigins?: readonly string[];
  /** Whole upstream exchange, all redirects included (default 5,000 ms). */
  readonly timeoutMs?: number;
  /** Redirects followed, each re-checked (default 3). */
  readonly maxRedirects?: number;
  /** Largest CRL relayed (default 10 MiB). */
  readonly maxCrlBytes?: number;
  /** Largest OCSP response relayed (default 64 KiB). */
  readonly maxOcspResponseBytes?: number;
  /** Largest OCSP request accepted from the page (default 16 KiB). */
  readonly maxOcspRequestBytes?: number;
  /**
   * The RFC 3161 time-stamping authority POST /tsa forwards to (signature timestamps, AD-RT). From the
   * configuration only: the page cannot name another server. Unset: /tsa answers 404.
   */
  readonly tsaUrl?: string;
  /** Largest timestamp request accepted from the page (default 4 KiB; a real one is about 100 bytes). */
  readonly maxTsaRequestBytes?: number;
  /** Largest timestamp response relayed (default 64 KiB: a token with its TSA certificate chain). */
  readonly maxTsaResponseBytes?: number;
  /** Upstream fetches in flight per client address (default 4). */
  readonly maxConcurrentPerClient?: number;
  /** Upstream fetches in flight in all (default 64). */
  readonly maxConcurrentTotal?: number;
  /** CRL cache bounds (defaults in cache.ts). */
  readonly cache?: Partial<CacheLimits>;
  /** Fastify's trustProxy: set when the relay runs behind a reverse proxy, so limits apply per real client. */
  readonly trustProxy?: boolean | string | string[];
  /** Log requests (pino, JSON lines on stdout). Default false. */
  readonly logger?: boolean;

  // Not read from the JSON configuration: injected by tests, the benchmark and the embedded default.
  /**
   * The configured TSA listens on this machine's loopback (`npm start` runs a local test TSA). Only POST
   * /tsa, whose target the configuration names, gets this exception; CRL and OCSP targets, which come from
   * certificates, keep the production policy.
   */
  readonly tsaOnLoopback?: boolean;
  /** Allow loopback upstreams. Tests only: their upstream servers listen on 127.0.0.1. Never set by main.ts. */
  readonly allowLoopbackForTests?: boolean;
  /** Resolve a host name to all its addresses (default node:dns lookup with all: true). */
  readonly resolve?: Resolver;
  /** Called just before each upstream connection, with the checked address it is pinned to. */
  readonly onUpstreamConnect?: (info: { url: string; address: string }) => void;
  /** The clock of the cache (default Date.now). */
  readonly now?: () => number;
};

export const defaultAllowedOrigins = ['http://127.0.0.1:5173', 'http://localhost:5173'] as const;
export const defaultRelayPort = 8790;

export type Relay = {
  /** Start listening; resolves to the bound URL, e.g. http://127.0.0.1:8790. */
  listen(): Promise<string>;
  close(): Promise<void>;
  /** The bound URL once listening. */
  readonly url: string | undefined;
  /** The Fastify instance (tests and embedding). */
  readonly app: FastifyInstance;
  readonly cache: CrlCache;
};

const systemResolver: Resolver = async (hostname) => {
  const addresses = await lookup(hostname, { all: true, verbatim: true });
  return addresses.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

export function createRelay(config: RelayConfig = {}): Relay {
  const allowedOrigins = new Set(config.allowedOrigins ?? defaultAllowedOrigins);
  const timeoutMs = config.timeoutMs ?? 5_000;
  const maxRedirects = config.maxRedirects ?? 3;
  const maxCrlBytes = config.maxCrlBytes ?? 10 * 1024 * 1024;
  const maxOcspResponseBytes = config.maxOcspResponseBytes ?? 64 * 1024;
  const maxOcspRequestBytes = config.maxOcspRequestBytes ?? 16 * 1024;
  const maxTsaRequestBytes = config.maxTsaRequestBytes ?? 4 * 1024;
  const maxTsaResponseBytes = config.maxTsaResponseBytes ?? 64 * 1024;
  // Checked once at start (scheme, no credentials); its addresses are checked on every request like any upstream.
  const tsaUrl = config.tsaUrl === undefined ? undefined : parseTargetUrl(config.tsaUrl).href;
  const policy = config.allowLoopbackForTests ? { allowLoopback: true } : productionPolicy;
  const tsaPolicy = config.tsaOnLoopback ? { ...policy, allowLoopback: true } : policy;
  const resolve = config.resolve ?? systemResolver;
  const now = config.now ?? Date.now;
  const cache = new CrlCache({ ...defaultCacheLimits, ...config.cache }, now);

  const app = Fastify({
    logger: config.logger ?? false,
    trustProxy: config.trustProxy ?? false,
    // The relay answers within its upstream timeout; a client that sends slowly is cut off.
    requestTimeout: timeoutMs * 2,
    bodyLimit: maxOcspRequestBytes,
  });

  const limiter = new ConcurrencyLimiter(config.maxConcurrentPerClient ?? 4, config.maxConcurrentTotal ?? 64);
  /** One upstream fetch, counted against the client's and the relay's concurrency limits. */
  const upstream = async (client: string, request: UpstreamRequest, addressPolicy = policy) => {
    const release = limiter.acquire(client);
    try {
      return await fetchUpstream(request, { timeoutMs, maxRedirects, policy: addressPolicy, resolve, ...(config.onUpstreamConnect ? { onConnect: config.onUpstreamConnect } : {}) });
    } finally {
      release();
    }
  };

  // CORS: the configured page origins may read the answers; no credentials, ever.
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin === undefined) return;
    reply.header('vary', 'Origin');
    if (!allowedOrigins.has(origin)) throw new RelayError('origin-refused', 403, `The origin ${origin} may not use this relay.`);
    reply.header('access-control-allow-origin', origin);
    reply.header('access-control-expose-headers', 'X-Relay-Cache, X-Relay-Error');
  });
  app.options('/*', async (_request, reply) => {
    reply
      .header('access-control-allow-methods', 'GET, POST, OPTIONS')
      .header('access-control-allow-headers', 'Content-Type')
      .header('access-control-max-age', '600')
      .code(204)
      .send();
  });

  app.setErrorHandler(async (error: Error & { statusCode?: number; code?: string }, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof RelayError) {
      request.log.info({ code: error.code }, error.message);
      return reply.code(error.status).header('x-relay-error', error.code).send({ error: error.code, message: error.message });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const message = request.url.startsWith('/tsa') ? `The timestamp request is larger than ${maxTsaRequestBytes} bytes.` : `The OCSP request is larger than ${maxOcspRequestBytes} bytes.`;
      return reply.code(413).header('x-relay-error', 'too-large').send({ error: 'too-large', message });
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error(error);
    return reply.code(status).send({ error: status === 500 ? 'internal' : 'bad-request', message: status === 500 ? 'The relay failed.' : error.message });
  });

  // OCSP requests are DER; the body is read into a Buffer up to maxOcspRequestBytes.
  app.addContentTypeParser('application/ocsp-request', { parseAs: 'buffer', bodyLimit: maxOcspRequestBytes }, (_request, body, done) => done(null, body));

  app.addContentTypeParser('application/timestamp-query', { parseAs: 'buffer', bodyLimit: maxTsaRequestBytes }, (_request, body, done) => done(null, body));

  app.get('/health', async () => ({ ok: true, cache: cache.size, upstreamInFlight: limiter.total, tsa: tsaUrl !== undefined }));

  app.get('/crl', async (request, reply) => {
    const { url } = request.query as { url?: string };
    const target = requireUrl(url);
    const { entry, hit } = await cache.getOrFetch(target, async () => (await upstream(request.ip, { url: target, method: 'GET', accept: 'application/pkix-crl, */*', maxBytes: maxCrlBytes })).bytes);
    const maxAge = Math.max(0, Math.floor((entry.expiresAt - now()) / 1000));
    return reply
      .header('content-type', 'application/pkix-crl')
      .header('cache-control', `public, max-age=${maxAge}`)
      .header('x-relay-cache', hit ? 'hit' : 'miss')
      .send(entry.bytes);
  });

  app.post('/ocsp', async (request, reply) => {
    const { url } = request.query as { url?: string };
    const target = requireUrl(url);
    if (request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== 'application/ocsp-request' || !Buffer.isBuffer(request.body))
      throw new RelayError('bad-request', 415, 'The body must be an OCSP request (Content-Type: application/ocsp-request).');
    const response = await upstream(request.ip, { url: target, method: 'POST', body: request.body, contentType: 'application/ocsp-request', accept: 'application/ocsp-response', maxBytes: maxOcspResponseBytes });
    return reply.header('content-type', 'application/ocsp-response').header('cache-control', 'no-store').send(response.bytes);
  });

  app.get('/ocsp', async (request, reply) => {
    const { url, request: encoded } = request.query as { url?: string; request?: string };
    const target = requireUrl(url);
    if (!encoded || !/^[A-Za-z0-9+/=_-]+$/.test(encoded) || encoded.length > Math.ceil((maxOcspRequestBytes * 4) / 3) + 4)
      throw new RelayError('bad-request', 400, 'The request parameter must be a base64 OCSP request.');
    // RFC 6960 A.1: GET {url}/{url-encoding of base-64 encoding of the DER OCSPRequest}.
    const standard = Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('base64');
    const getUrl = `${target.replace(/\/$/, '')}/${encodeURIComponent(standard)}`;
    const response = await upstream(request.ip, { url: getUrl, method: 'GET', accept: 'application/ocsp-response', maxBytes: maxOcspResponseBytes });
    return reply.header('content-type', 'application/ocsp-response').header('cache-control', 'no-store').send(response.bytes);
  });

  // RFC 3161 3.4 (HTTP): the request body is the DER TimeStampReq, the answer the DER TimeStampResp. The
  // TSA is the configured one; the page verifies the token (imprint, nonce, TSA certificate) itself.
  app.post('/tsa', async (request, reply) => {
    if (!tsaUrl) throw new RelayError('tsa-not-configured', 404, 'This relay has no time-stamping authority configured (tsaUrl).');
    if ((request.query as { url?: string }).url !== undefined) throw new RelayError('bad-request', 400, 'The relay asks only its configured time-stamping authority; a url parameter is not accepted.');
    const body = request.body;
    if (request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== 'application/timestamp-query' || !Buffer.isBuffer(body))
      throw new RelayError('bad-request', 415, 'The body must be a timestamp request (Content-Type: application/timestamp-query).');
    if (body[0] !== 0x30) throw new RelayError('bad-request', 400, 'The body is not a DER timestamp request.');
    const response = await upstream(request.ip, { url: tsaUrl, method: 'POST', body, contentType: 'application/timestamp-query', accept: 'application/timestamp-reply', maxBytes: maxTsaResponseBytes }, tsaPolicy);
    return reply.header('content-type', 'application/timestamp-reply').header('cache-control', 'no-store').send(response.bytes);
  });

  let boundUrl: string | undefined;
  return {
    app,
    cache,
    get url() {
      return boundUrl;
    },
    async listen() {
      const host = config.host ?? '127.0.0.1';
      await app.listen({ host, port: config.port ?? defaultRelayPort });
      const address = app.server.address();
      if (!address || typeof address === 'string') throw new Error('the relay is not listening on a TCP port');
      boundUrl = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
      return boundUrl;
    },
    async close() {
      await app.close();
      boundUrl = undefined;
    },
  };
}

/** The canonical form of the url parameter (the cache key), refused early if its scheme is. */
function requireUrl(url: string | undefined): string {
  return parseTargetUrl(url).href;
}

/** Upstream fetches in flight, per client address and in all; over either limit the request is refused (429), not queued. */
class ConcurrencyLimiter {
  private readonly perClient = new Map<string, number>();
  total = 0;
  constructor(
    private readonly maxPerClient: number,
    private readonly maxTotal: number,
  ) {}

  acquire(client: string): () => void {
    const mine = this.perClient.get(client) ?? 0;
    if (mine >= this.maxPerClient) throw new RelayError('busy', 429, `At most ${this.maxPerClient} downloads at a time per client; try again shortly.`);
    if (this.total >= this.maxTotal) throw new RelayError('busy', 429, 'The relay is busy; try again shortly.');
    this.perClient.set(client, mine + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.perClient.get(client) ?? 1) - 1;
      if (left === 0) this.perClient.delete(client);
      else this.perClient.set(client, left);
    };
  }
}
