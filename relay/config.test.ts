import { describe, expect, it } from 'vitest';
import { loadRelayConfig } from './config.ts';
import { readCrlTimes } from './crl-times.ts';

describe('relay configuration', () => {
  it('reads the documented keys, and the environment wins', () => {
    const config = loadRelayConfig(
      { host: '0.0.0.0', port: 9000, allowedOrigins: ['https://app.example.org'], timeoutMs: 3000, cache: { maxEntries: 10 }, trustProxy: '10.0.0.0/8' },
      { RELAY_PORT: '9100', RELAY_ALLOWED_ORIGINS: 'https://a.example.org, https://b.example.org:8443' },
    );
    expect(config).toEqual({
      host: '0.0.0.0',
      port: 9100,
      allowedOrigins: ['https://a.example.org', 'https://b.example.org:8443'],
      timeoutMs: 3000,
      cache: { maxEntries: 10 },
      trustProxy: '10.0.0.0/8',
    });
  });

  it('refuses the test-only loopback switch, unknown keys, and origins that are not origins', () => {
    expect(() => loadRelayConfig({ allowLoopbackForTests: true })).toThrow(/tests only/);
    expect(() => loadRelayConfig({ allowLoopback: true })).toThrow(/unknown key/);
    expect(() => loadRelayConfig({ allowedOrigins: ['https://app.example.org/'] })).toThrow(/not an origin/);
    expect(() => loadRelayConfig({ allowedOrigins: ['*'] })).toThrow(/not an origin/);
    expect(() => loadRelayConfig({ timeoutMs: -1 })).toThrow(/whole number/);
  });

  it('reads the time-stamping authority from the configuration or RELAY_TSA_URL, http(s) only', () => {
    expect(loadRelayConfig({ tsaUrl: 'https://tsa.example.org/tsr', maxTsaResponseBytes: 32768 })).toEqual({ tsaUrl: 'https://tsa.example.org/tsr', maxTsaResponseBytes: 32768 });
    expect(loadRelayConfig({}, { RELAY_TSA_URL: 'http://tsa.example.org/' }).tsaUrl).toBe('http://tsa.example.org/');
    expect(() => loadRelayConfig({ tsaUrl: 'file:///etc/passwd' })).toThrow(/tsaUrl: Only http/);
    expect(() => loadRelayConfig({ tsaUrl: 'http://user:pw@tsa.example.org/' })).toThrow(/credentials/);
    expect(() => loadRelayConfig({ tsaUrl: 42 })).toThrow(/tsaUrl must be/);
  });
});

describe('readCrlTimes', () => {
  it('gives undefined for bytes that are not a DER CRL', () => {
    expect(readCrlTimes(new Uint8Array([]))).toBeUndefined();
    expect(readCrlTimes(new TextEncoder().encode('not a CRL'))).toBeUndefined();
    expect(readCrlTimes(new Uint8Array([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]))).toBeUndefined();
  });
});
