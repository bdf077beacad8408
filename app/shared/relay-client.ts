/**
 * The page's side of the revocation relay (relay/): fetches that send CRL downloads and OCSP requests
 * through it, for the PKI engine's `CrlFetchOptions.fetch` and `OcspOptions.fetch`. It lives in app/
 * because the page uses it (relay/client.ts re-exports it). Browser-safe: no Node imports. The engine still
 * parses and verifies every CRL it gets; the relay is not trusted.
 *
 *   fetchCrl(url, { fetch: relayedCrlFetch('https://relay.example.org') })
 */

/** The relay URL of a CRL: `<relay>/crl?url=<encoded url>`. */
export function relayCrlUrl(relayBase: string, url: string): string {
  return `${relayBase.replace(/\/+$/, '')}/crl?url=${encodeURIComponent(url)}`;
}

/** The relay URL for an OCSP POST to `responder`: `<relay>/ocsp?url=<encoded responder>`. */
export function relayOcspUrl(relayBase: string, responder: string): string {
  return `${relayBase.replace(/\/+$/, '')}/ocsp?url=${encodeURIComponent(responder)}`;
}

/** A fetch that downloads every requested URL through the relay's /crl route (GET only). */
export function relayedCrlFetch(relayBase: string, fetchFn: typeof globalThis.fetch = globalThis.fetch): typeof globalThis.fetch {
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    // The relay follows redirects itself and never needs the page's cookies.
    return fetchFn(relayCrlUrl(relayBase, url), { ...init, credentials: 'omit', redirect: 'error' });
  };
}

/** A fetch that sends every OCSP POST through the relay's /ocsp route, for the engine's `OcspOptions.fetch`. */
export function relayedOcspFetch(relayBase: string, fetchFn: typeof globalThis.fetch = globalThis.fetch): typeof globalThis.fetch {
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    return fetchFn(relayOcspUrl(relayBase, url), { ...init, credentials: 'omit', redirect: 'error' });
  };
}

/** The relay URL of its time-stamping route: `<relay>/tsa` (the TSA itself is the relay's configured one). */
export function relayTsaUrl(relayBase: string): string {
  return `${relayBase.replace(/\/+$/, '')}/tsa`;
}

/** Whether the relay has a time-stamping authority configured (its /health says `"tsa": true`). */
export async function relayOffersTimestamps(relayBase: string, fetchFn: typeof globalThis.fetch = globalThis.fetch): Promise<boolean> {
  try {
    const response = await fetchFn(`${relayBase.replace(/\/+$/, '')}/health`, { credentials: 'omit', redirect: 'error' });
    if (!response.ok) return false;
    const health = (await response.json()) as { tsa?: unknown };
    return health.tsa === true;
  } catch {
    return false;
  }
}
