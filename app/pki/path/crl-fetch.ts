/**
 * Downloading the CRLs a certificate names in its cRLDistributionPoints (RFC 5280 4.2.1.13), where
 * the runtime may: http(s) URIs only (never ldap: or file:), with a timeout, a size limit and a
 * per-URL cache that keeps a CRL until its nextUpdate. A download is only bytes: the caller checks
 * the CRL (issuer, signature, validity time) exactly as it checks a CRL it was given.
 *
 * In a browser most CA servers send no CORS headers and http: URLs are mixed content on an https:
 * page, so many downloads fail there; a failure is "no status", never "good".
 */
import { expectSequence, parseDer } from '../der/asn1';
import type { Certificate } from '../x509/certificate';
import { RevocationSourceError } from '../errors';
import { parseGeneralName } from '../x509/general-name';
import { Oid } from '../oids';
import { type Crl, parseCrl } from './revocation';

/** How one bounded download is made, CRLs and OCSP alike (their defaults: defaultCrlFetchOptions, defaultOcspOptions). */
export type FetchLimits = {
  /** The fetch to use (default globalThis.fetch); tests and proxies inject their own. */
  readonly fetch?: typeof globalThis.fetch;
  /** Whole download, headers and body (default 5,000 ms). */
  readonly timeoutMs?: number;
  /** Largest answer accepted (default 10 MiB for a CRL, 1 MiB for an OCSP response): a bigger body is abandoned mid-stream. */
  readonly maxBytes?: number;
};

export type CrlFetchOptions = FetchLimits & {
  /** Where downloaded CRLs are kept (default: one cache shared by the engine, see clearPkiCaches). */
  readonly cache?: CrlCache;
};

export const defaultCrlFetchOptions = { timeoutMs: 5_000, maxBytes: 10 * 1024 * 1024 } as const;

/** Distribution points fetched per certificate: the URLs come from the certificate, so a hostile one could name thousands. */
export const MAX_CRL_URLS_PER_CERTIFICATE = 4;

export class CrlFetchError extends RevocationSourceError {
  override readonly name = 'CrlFetchError';
  constructor(url: string, details: string, cause?: unknown) {
    super('The revocation list could not be downloaded.', { url, messageKey: 'pki.crl.fetchFailed', details, cause });
  }
}

/** A cache of downloads by URL; entries hold the in-flight promise so concurrent paths share one download. */
export type CrlCache = {
  get(url: string): Promise<Crl> | undefined;
  set(url: string, crl: Promise<Crl>): void;
  delete(url: string): void;
  clear(): void;
};

/**
 * A cache that serves a CRL until its nextUpdate (or for `maxAgeMs` when it has none),
 * bounded to `maxEntries` URLs (oldest dropped first). `now` is injectable for tests.
 */
export function createCrlCache(options: { maxEntries?: number; maxAgeMs?: number; now?: () => number } = {}): CrlCache {
  const maxEntries = options.maxEntries ?? 256;
  const maxAgeMs = options.maxAgeMs ?? 60 * 60 * 1000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { crl: Promise<Crl>; expiresAt: number }>();
  return {
    get(url) {
      const entry = entries.get(url);
      if (!entry) return undefined;
      if (now() >= entry.expiresAt) {
        entries.delete(url);
        return undefined;
      }
      return entry.crl;
    },
    set(url, crl) {
      entries.delete(url);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      // Until the download settles the entry lives for one max age; then nextUpdate decides.
      const entry = { crl, expiresAt: now() + maxAgeMs };
      entries.set(url, entry);
      crl.then(
        (value) => {
          if (value.nextUpdate) entry.expiresAt = value.nextUpdate.getTime();
        },
        () => {
          // A failed download is not remembered: the next validation tries again.
          if (entries.get(url) === entry) entries.delete(url);
        },
      );
    },
    delete: (url) => entries.delete(url),
    clear: () => entries.clear(),
  };
}

const sharedCache = createCrlCache();

export function clearCrlCache(): void {
  sharedCache.clear();
}

/**
 * The http(s) URIs of the certificate's CRL distribution points (RFC 5280 4.2.1.13), scoped, partitioned
 * and indirect ones included (revocation-check.ts matches each CRL to its point), the first
 * MAX_CRL_URLS_PER_CERTIFICATE of them.
 */
export function crlDistributionPointUrls(certificate: Certificate): readonly string[] {
  return pointUrls(certificate, Oid.crlDistributionPoints, MAX_CRL_URLS_PER_CERTIFICATE);
}

/** The distribution points' URIs, then the delta CRLs' (freshestCRL, RFC 5280 4.2.1.15), within one bound. */
export function crlFetchUrls(certificate: Certificate): readonly string[] {
  const urls = [...crlDistributionPointUrls(certificate)];
  for (const url of pointUrls(certificate, Oid.freshestCrl, MAX_CRL_URLS_PER_CERTIFICATE)) if (!urls.includes(url) && urls.length < MAX_CRL_URLS_PER_CERTIFICATE * 2) urls.push(url);
  return urls;
}

function pointUrls(certificate: Certificate, oid: string, max: number): readonly string[] {
  const extension = certificate.extensions.find((e) => e.oid === oid);
  if (!extension) return [];
  const urls: string[] = [];
  try {
    for (const point of expectSequence(parseDer(extension.value), 'CRLDistributionPoints')) {
      const fields = expectSequence(point, 'DistributionPoint');
      const name = fields.find((f) => f.tagClass === 'context' && f.tag === 0)?.children[0];
      // fullName [0] GeneralNames; nameRelativeToCRLIssuer [1] names no URI.
      if (!name || name.tagClass !== 'context' || name.tag !== 0 || !name.constructed) continue;
      for (const node of name.children) {
        const general = parseGeneralName(node);
        if (general.type === 'uri' && isFetchableUrl(general.value) && !urls.includes(general.value)) urls.push(general.value);
        if (urls.length === max) return urls;
      }
    }
  } catch {
    // A malformed extension names nothing we can fetch; the missing status says the rest.
    return urls;
  }
  return urls;
}

function isFetchableUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Download and parse the CRL at `url`, or serve it from the cache. Rejects with a CrlFetchError. */
export function fetchCrl(url: string, options: CrlFetchOptions = {}): Promise<Crl> {
  const cache = options.cache ?? sharedCache;
  const cached = cache.get(url);
  if (cached) return cached;
  const download = downloadCrl(url, options);
  cache.set(url, download);
  return download;
}

async function downloadCrl(url: string, options: CrlFetchOptions): Promise<Crl> {
  if (!isFetchableUrl(url)) throw new CrlFetchError(url, 'only http: and https: URLs are fetched');
  const bytes = await fetchLimited(url, {}, options, (details, cause) => new CrlFetchError(url, details, cause));
  try {
    return await parseCrl(bytes);
  } catch (error) {
    throw new CrlFetchError(url, 'the body is not a CRL', error);
  }
}

/**
 * One bounded download (CRLs, OCSP): the whole answer within `timeoutMs`, at most `maxBytes`, no
 * credentials. Failures are the errors `fail` makes.
 */
export async function fetchLimited(
  url: string,
  init: RequestInit,
  options: FetchLimits,
  fail: (details: string, cause?: unknown) => Error,
): Promise<Uint8Array> {
  const fetchFn = options.fetch ?? globalThis.fetch;
  if (!fetchFn) throw fail('this runtime has no fetch');
  const timeoutMs = options.timeoutMs ?? defaultCrlFetchOptions.timeoutMs;
  const maxBytes = options.maxBytes ?? defaultCrlFetchOptions.maxBytes;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The race also ends a fetch that ignores its abort signal.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(fail(`no complete answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([readBody(url, init, fetchFn, maxBytes, controller, fail), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function readBody(url: string, init: RequestInit, fetchFn: typeof globalThis.fetch, maxBytes: number, controller: AbortController, fail: (details: string, cause?: unknown) => Error): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetchFn(url, { ...init, signal: controller.signal, credentials: 'omit', redirect: 'follow' });
  } catch (error) {
    // Node's fetch says only "fetch failed"; the reason (DNS, refused, TLS) is in the cause.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message;
    throw fail(`the request failed: ${(error as Error).message}${why ? ` (${why})` : ''}`, error);
  }
  if (!response.ok) throw fail(`HTTP status ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    controller.abort();
    throw fail(`the answer is larger than ${maxBytes} bytes (${declared} declared)`);
  }
  if (!response.body) {
    const whole = new Uint8Array(await response.arrayBuffer());
    if (whole.length > maxBytes) throw fail(`the answer is larger than ${maxBytes} bytes`);
    return whole;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      controller.abort();
      void reader.cancel().catch(() => undefined);
      throw fail(`the answer is larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}
