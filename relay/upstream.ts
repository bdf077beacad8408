/**
 * Fetching a CRL or an OCSP response from the server a certificate names, defensively: the URL is
 * untrusted input, so this is where server-side request forgery is stopped.
 *
 *  - only http: and https: URLs, without credentials (file:, ftp:, ldap:, data:, gopher: are refused);
 *  - the host name is resolved here, every address it resolves to is checked by the address policy
 *    (address-policy.ts), and the connection is pinned to the checked address through the socket's
 *    `lookup`, so a DNS answer that changes between check and connect (rebinding) is never used;
 *    IP literals in any spelling are normalised by the WHATWG URL parser (2130706433, 0x7f.1, 0177.0.0.1
 *    all become 127.0.0.1) before they are checked;
 *  - redirects are followed by hand, at most `maxRedirects`, each hop checked again like the first;
 *  - the body is capped while it streams (a declared Content-Length over the cap is refused at once);
 *  - one deadline covers DNS, connection, every redirect and the whole body.
 */
import type { LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { type AddressPolicy, refusalReason } from './address-policy.ts';
import { RelayError } from './errors.ts';

export type ResolvedAddress = { readonly address: string; readonly family: 4 | 6 };
/** All the addresses a host name resolves to. */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export type UpstreamRequest = {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly body?: Buffer;
  readonly contentType?: string;
  readonly accept: string;
  /** Largest body accepted; a bigger one is abandoned mid-stream. */
  readonly maxBytes: number;
};

export type UpstreamOptions = {
  /** DNS, connection, redirects and body together. */
  readonly timeoutMs: number;
  readonly maxRedirects: number;
  readonly policy: AddressPolicy;
  readonly resolve: Resolver;
  /** Called just before each connection with the checked address it is pinned to; throwing stops it. */
  readonly onConnect?: (info: { url: string; address: string }) => void;
};

export type UpstreamResponse = { readonly status: number; readonly bytes: Buffer; readonly contentType?: string; readonly url: string };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const USER_AGENT = 'pki-ledger-revocation-relay/0.1';

/** The URL if the relay may fetch it at all (scheme, credentials), before any address check. */
export function parseTargetUrl(raw: string | undefined): URL {
  if (!raw) throw new RelayError('bad-request', 400, 'The url parameter is missing.');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RelayError('bad-request', 400, 'The url parameter is not an absolute URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const ldap = url.protocol === 'ldap:' || url.protocol === 'ldaps:' ? ' LDAP is not supported: use the CA\'s http: distribution point.' : '';
    throw new RelayError('scheme-refused', 400, `Only http: and https: URLs are relayed, not ${url.protocol}.${ldap}`);
  }
  if (url.username || url.password) throw new RelayError('bad-request', 400, 'URLs with credentials are not relayed.');
  url.hash = '';
  return url;
}

/** The address to connect to for `hostname`: every address it resolves to must pass the policy. */
async function checkedAddress(url: URL, options: UpstreamOptions): Promise<ResolvedAddress> {
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const literal = isIP(hostname);
  let addresses: readonly ResolvedAddress[];
  if (literal) addresses = [{ address: hostname, family: literal === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await options.resolve(hostname);
    } catch (error) {
      throw new RelayError('dns-failed', 502, `The name ${hostname} could not be resolved (${(error as { code?: string }).code ?? (error as Error).message}).`);
    }
    if (addresses.length === 0) throw new RelayError('dns-failed', 502, `The name ${hostname} has no address.`);
  }
  for (const { address } of addresses) {
    const why = refusalReason(address, options.policy);
    if (why) throw new RelayError('address-refused', 403, `The address ${address}${literal ? '' : ` of ${hostname}`} is refused: ${why}.`);
  }
  return addresses[0] as ResolvedAddress;
}

export async function fetchUpstream(request: UpstreamRequest, options: UpstreamOptions): Promise<UpstreamResponse> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new RelayError('timeout', 504, `The server gave no complete answer within ${options.timeoutMs} ms.`));
    }, options.timeoutMs);
  });
  deadline.catch(() => undefined);
  try {
    return await Promise.race([follow(request, options, controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

async function follow(request: UpstreamRequest, options: UpstreamOptions, signal: AbortSignal): Promise<UpstreamResponse> {
  let url = parseTargetUrl(request.url);
  let method = request.method;
  for (let hop = 0; ; hop++) {
    const pinned = await checkedAddress(url, options);
    if (signal.aborted) throw new RelayError('timeout', 504, 'The time limit passed.');
    options.onConnect?.({ url: url.href, address: pinned.address });
    const answer = await exchange(url, pinned, { ...request, method }, signal);
    if (answer.location === undefined) {
      if (answer.status !== 200) throw new RelayError('upstream-status', 502, `The server answered HTTP ${answer.status}.`);
      return { status: answer.status, bytes: answer.bytes, url: url.href, ...(answer.contentType ? { contentType: answer.contentType } : {}) };
    }
    if (hop >= options.maxRedirects) throw new RelayError('too-many-redirects', 502, `More than ${options.maxRedirects} redirects.`);
    if (method === 'POST' && answer.status !== 307 && answer.status !== 308)
      throw new RelayError('redirect-refused', 502, `HTTP ${answer.status} would turn the OCSP POST into a GET; only 307 and 308 are followed for POST.`);
    let next: URL;
    try {
      next = new URL(answer.location, url);
    } catch {
      throw new RelayError('redirect-refused', 502, 'The server redirected to something that is not a URL.');
    }
    url = parseTargetUrl(next.href);
    if (answer.status === 303) method = 'GET';
  }
}

type Exchange = { status: number; bytes: Buffer; contentType?: string; location?: string };

/** One HTTP exchange with the pinned address; a redirect's body is not read. */
function exchange(url: URL, pinned: ResolvedAddress, request: UpstreamRequest, signal: AbortSignal): Promise<Exchange> {
  return new Promise<Exchange>((resolve, reject) => {
    const fail = (error: RelayError) => {
      req.destroy();
      reject(error);
    };
    // The socket asks this for the host's address: it only ever gets the one that was checked.
    const lookup = (_hostname: string, opts: { all?: boolean }, callback: (...args: unknown[]) => void) => {
      if (opts?.all) callback(null, [{ address: pinned.address, family: pinned.family }] satisfies LookupAddress[]);
      else callback(null, pinned.address, pinned.family);
    };
    const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    const headers: http.OutgoingHttpHeaders = { host: url.host, accept: request.accept, 'user-agent': USER_AGENT };
    if (request.method === 'POST' && request.body) {
      headers['content-type'] = request.contentType ?? 'application/octet-stream';
      headers['content-length'] = request.body.length;
    }
    const common = {
      hostname,
      port: url.port || (url.protocol === 'https:' ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method: request.method,
      headers,
      agent: false as const,
      lookup: lookup as unknown as http.RequestOptions['lookup'],
      signal,
    };
    const req =
      url.protocol === 'https:'
        ? https.request({ ...common, ...(isIP(hostname) ? {} : { servername: hostname }) })
        : http.request(common);
    req.on('error', (error: Error & { code?: string }) => {
      if (signal.aborted) reject(new RelayError('timeout', 504, 'The time limit passed.'));
      else reject(new RelayError('upstream-failed', 502, `The request failed (${error.code ?? error.message}).`));
    });
    req.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECTS.has(status) && location) {
        response.resume();
        req.destroy();
        resolve({ status, bytes: Buffer.alloc(0), location });
        return;
      }
      const declared = Number(response.headers['content-length'] ?? Number.NaN);
      if (declared > request.maxBytes) {
        fail(new RelayError('too-large', 502, `The answer is larger than ${request.maxBytes} bytes (${declared} declared).`));
        return;
      }
      const chunks: Buffer[] = [];
      let total = 0;
      response.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > request.maxBytes) {
          fail(new RelayError('too-large', 502, `The answer is larger than ${request.maxBytes} bytes.`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => {
        const contentType = response.headers['content-type'];
        resolve({ status, bytes: Buffer.concat(chunks, total), ...(contentType ? { contentType } : {}) });
      });
      response.on('error', (error: Error & { code?: string }) => {
        if (signal.aborted) reject(new RelayError('timeout', 504, 'The time limit passed.'));
        else reject(new RelayError('upstream-failed', 502, `The answer was cut off (${error.code ?? error.message}).`));
      });
    });
    req.end(request.method === 'POST' ? request.body : undefined);
  });
}
