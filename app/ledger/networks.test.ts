import { describe, expect, it } from 'vitest';
import { NetworkConfigError, parseNetworkConfig } from './networks';

const base = { chainId: 31337, rpcUrl: 'http://127.0.0.1:8545', contracts: { trustStore: '0x5FbDB2315678afecb367f032d93F642f64180aa3' } };

describe('parseNetworkConfig', () => {
  it('reads the revocation relay origin and drops a trailing slash', () => {
    expect(parseNetworkConfig({ ...base, relayUrl: 'http://127.0.0.1:8790/' }).relayUrl).toBe('http://127.0.0.1:8790');
    expect(parseNetworkConfig(base).relayUrl).toBeUndefined();
  });

  it.each([
    ['a script URL', 'javascript:alert(1)'],
    ['a path that would be prefixed to every request', 'https://relay.example.org/crl?url='],
    ['a number', 8790],
  ])('refuses %s as relay', (_, relayUrl) => {
    expect(() => parseNetworkConfig({ ...base, relayUrl })).toThrow(NetworkConfigError);
  });

  it('reads the indexer origin, and refuses anything else', () => {
    expect(parseNetworkConfig({ ...base, indexerUrl: 'https://indexer.example.org/' }).indexerUrl).toBe('https://indexer.example.org');
    expect(parseNetworkConfig(base).indexerUrl).toBeUndefined();
    for (const indexerUrl of ['javascript:alert(1)', 'https://indexer.example.org/inbox?x=', 42069]) {
      expect(() => parseNetworkConfig({ ...base, indexerUrl })).toThrow(NetworkConfigError);
    }
  });

  it('reads the log range limit (blocks per eth_getLogs) and refuses one that is not a positive integer', () => {
    expect(parseNetworkConfig({ ...base, logRange: 5000 }).logRange).toBe(5000n);
    expect(parseNetworkConfig(base).logRange).toBeUndefined();
    for (const logRange of [0, -1, 1.5, '1000']) expect(() => parseNetworkConfig({ ...base, logRange })).toThrow(NetworkConfigError);
  });
});
