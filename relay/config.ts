/**
 * The relay's configuration for a deployment: a JSON file (`--config FILE`) and environment variables
 * (which win). Only the keys documented in relay/README.md are accepted; a test-only switch such as
 * allowLoopbackForTests is refused here, so a deployed relay always runs the production address policy.
 */
import type { RelayConfig } from './server.ts';
import { parseTargetUrl } from './upstream.ts';

const NUMBER_KEYS = ['port', 'timeoutMs', 'maxRedirects', 'maxCrlBytes', 'maxOcspResponseBytes', 'maxOcspRequestBytes', 'maxConcurrentPerClient', 'maxConcurrentTotal', 'maxTsaRequestBytes', 'maxTsaResponseBytes'] as const;
const CACHE_KEYS = ['maxEntries', 'maxBytes', 'maxTtlMs', 'fallbackTtlMs'] as const;
const KNOWN = new Set<string>(['host', 'tsaUrl', 'allowedOrigins', 'cache', 'trustProxy', 'logger', ...NUMBER_KEYS]);

export class RelayConfigError extends Error {
  override readonly name = 'RelayConfigError';
}

function nonNegativeInteger(value: unknown, key: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new RelayConfigError(`${key} must be a whole number >= 0`);
  return value;
}

/** A RelayConfig from parsed JSON and the environment (RELAY_HOST, RELAY_TSA_URL, RELAY_PORT, RELAY_ALLOWED_ORIGINS, RELAY_TRUST_PROXY, RELAY_LOG). */
export function loadRelayConfig(json: unknown, env: Record<string, string | undefined> = {}): RelayConfig {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new RelayConfigError('the configuration must be a JSON object');
  const input = json as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (key === 'allowLoopbackForTests') throw new RelayConfigError('allowLoopbackForTests is for tests only and cannot be configured');
    if (!KNOWN.has(key)) throw new RelayConfigError(`unknown key ${JSON.stringify(key)}`);
  }
  const config: { -readonly [K in keyof RelayConfig]: RelayConfig[K] } = {};
  if (input.host !== undefined) {
    if (typeof input.host !== 'string') throw new RelayConfigError('host must be a string');
    config.host = input.host;
  }
  if (input.tsaUrl !== undefined) config.tsaUrl = checkTsaUrl(input.tsaUrl, 'tsaUrl');
  for (const key of NUMBER_KEYS) if (input[key] !== undefined) config[key] = nonNegativeInteger(input[key], key);
  if (input.allowedOrigins !== undefined) {
    if (!Array.isArray(input.allowedOrigins) || !input.allowedOrigins.every((o) => typeof o === 'string'))
      throw new RelayConfigError('allowedOrigins must be a list of origins such as "https://app.example.org"');
    config.allowedOrigins = input.allowedOrigins.map(checkOrigin);
  }
  if (input.cache !== undefined) {
    if (input.cache === null || typeof input.cache !== 'object') throw new RelayConfigError('cache must be an object');
    const cache: Record<string, number> = {};
    for (const [key, value] of Object.entries(input.cache)) {
      if (!(CACHE_KEYS as readonly string[]).includes(key)) throw new RelayConfigError(`unknown key cache.${key}`);
      cache[key] = nonNegativeInteger(value, `cache.${key}`);
    }
    config.cache = cache;
  }
  if (input.trustProxy !== undefined) {
    const t = input.trustProxy;
    if (typeof t !== 'boolean' && typeof t !== 'string' && !(Array.isArray(t) && t.every((x) => typeof x === 'string')))
      throw new RelayConfigError('trustProxy must be true/false, an address or CIDR string, or a list of them');
    config.trustProxy = t as boolean | string | string[];
  }
  if (input.logger !== undefined) {
    if (typeof input.logger !== 'boolean') throw new RelayConfigError('logger must be true or false');
    config.logger = input.logger;
  }

  if (env.RELAY_HOST) config.host = env.RELAY_HOST;
  if (env.RELAY_TSA_URL) config.tsaUrl = checkTsaUrl(env.RELAY_TSA_URL, 'RELAY_TSA_URL');
  if (env.RELAY_PORT) config.port = nonNegativeInteger(Number(env.RELAY_PORT), 'RELAY_PORT');
  if (env.RELAY_ALLOWED_ORIGINS)
    config.allowedOrigins = env.RELAY_ALLOWED_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean)
      .map(checkOrigin);
  if (env.RELAY_TRUST_PROXY) config.trustProxy = env.RELAY_TRUST_PROXY === 'true' ? true : env.RELAY_TRUST_PROXY === 'false' ? false : env.RELAY_TRUST_PROXY;
  if (env.RELAY_LOG) config.logger = env.RELAY_LOG === '1' || env.RELAY_LOG === 'true';
  return config;
}

/** The time-stamping authority's URL: http(s), no credentials (its addresses are checked on every request). */
function checkTsaUrl(value: unknown, key: string): string {
  if (typeof value !== 'string') throw new RelayConfigError(`${key} must be the http(s) URL of an RFC 3161 time-stamping authority`);
  try {
    return parseTargetUrl(value).href;
  } catch (error) {
    throw new RelayConfigError(`${key}: ${(error as Error).message}`);
  }
}

/** An origin exactly as a browser sends it: scheme://host[:port], no path, no wildcard. */
function checkOrigin(origin: string): string {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new RelayConfigError(`${JSON.stringify(origin)} is not an origin`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin)
    throw new RelayConfigError(`${JSON.stringify(origin)} is not an origin (write it as ${url.origin})`);
  return origin;
}
