/** Fetching a CRL or an OCSP response from its server. (First version: no defences yet.) */
import http from 'node:http';
import https from 'node:https';
import type { AddressPolicy } from './address-policy.ts';
import { RelayError } from './errors.ts';

export type ResolvedAddress = { readonly address: string; readonly family: 4 | 6 };
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export type UpstreamRequest = {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly body?: Buffer;
  readonly contentType?: string;
  readonly accept: string;
  readonly maxBytes: number;
};

export type UpstreamOptions = {
  readonly timeoutMs: number;
  readonly maxRedirects: number;
  readonly policy: AddressPolicy;
  readonly resolve: Resolver;
  readonly onConnect?: (info: { url: string; address: string }) => void;
};

export type UpstreamResponse = { readonly status: number; readonly bytes: Buffer; readonly contentType?: string; readonly url: string };

export function parseTargetUrl(raw: string | undefined): URL {
  if (!raw) throw new RelayError('bad-request', 400, 'The url parameter is missing.');
  try {
    return new URL(raw);
  } catch {
    throw new RelayError('bad-request', 400, 'The url parameter is not a URL.');
  }
}

export async function fetchUpstream(request: UpstreamRequest, options: UpstreamOptions): Promise<UpstreamResponse> {
  let url = parseTargetUrl(request.url);
  for (;;) {
    options.onConnect?.({ url: url.href, address: url.hostname });
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const mod = url.protocol === 'https:' ? https : http;
      const req = mod.request(url, { method: request.method, headers: { accept: request.accept, ...(request.contentType ? { 'content-type': request.contentType } : {}) } }, resolve);
      req.on('error', (e) => reject(new RelayError('upstream-failed', 502, e.message)));
      if (request.body) req.setHeader('content-length', request.body.length);
      req.end(request.body);
    });
    const location = response.headers.location;
    if (response.statusCode && response.statusCode >= 300 && response.statusCode < 400 && location) {
      response.resume();
      url = new URL(location, url);
      continue;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    if (response.statusCode !== 200) throw new RelayError('upstream-status', 502, `The server answered HTTP ${response.statusCode}.`);
    return { status: 200, bytes, contentType: response.headers['content-type'], url: url.href };
  }
}
