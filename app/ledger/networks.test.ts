import { describe, expect, it } from 'vitest';
import { NetworkConfigError, parseNetworkConfig, parseNetworkFile } from './networks';

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

  it('reads the time-stamping roots as PEM certificates, for every ledger of the file, and refuses anything else', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    expect(parseNetworkConfig({ ...base, tsaRoots: [pem] }).tsaRoots).toEqual([pem]);
    expect(parseNetworkConfig(base).tsaRoots).toBeUndefined();
    for (const tsaRoots of [pem, ['MIIB'], [42], 'https://tsa.example.org']) expect(() => parseNetworkConfig({ ...base, tsaRoots })).toThrow(NetworkConfigError);
    const cn = { chainId: 31338, rpcUrl: 'http://127.0.0.1:8546', contracts: base.contracts };
    expect(parseNetworkFile({ ...base, tsaRoots: [pem], ledgers: [base, cn] }).ledgers.map((l) => l.tsaRoots)).toEqual([[pem], [pem]]);
  });

  it('reads the log range limit (blocks per eth_getLogs) and refuses one that is not a positive integer', () => {
    expect(parseNetworkConfig({ ...base, logRange: 5000 }).logRange).toBe(5000n);
    expect(parseNetworkConfig(base).logRange).toBeUndefined();
    for (const logRange of [0, -1, 1.5, '1000']) expect(() => parseNetworkConfig({ ...base, logRange })).toThrow(NetworkConfigError);
  });
});

describe('parseNetworkFile', () => {
  const cn = { chainId: 31338, rpcUrl: 'http://127.0.0.1:8546', contracts: { trustStore: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512' }, country: 'CN', name: 'Chinese ledger' };
  const two = { ...base, embedded: true, relayUrl: 'http://127.0.0.1:8790', ledgers: [cn, { ...base, country: 'BR' }], peerings: [{ from: 31338, to: 31337 }] };

  it('still reads a one-ledger file as one ledger without peerings', () => {
    expect(parseNetworkFile(base)).toEqual({ ledgers: [parseNetworkConfig(base)], peerings: [] });
  });

  it('reads several ledgers, the top-level one first, each with the shared relay and development accounts', () => {
    const file = parseNetworkFile(two);
    expect(file.ledgers.map((l) => [l.chainId, l.country, l.embedded, l.relayUrl])).toEqual([
      [31337, 'BR', true, 'http://127.0.0.1:8790'],
      [31338, 'CN', true, 'http://127.0.0.1:8790'],
    ]);
    expect(file.peerings).toEqual([{ from: 31338, to: 31337 }]);
  });

  it.each([
    ['no ledger', { ...two, ledgers: [] }],
    ['a default that is not among the ledgers', { ...two, chainId: 5 }],
    ['two ledgers with one chain id', { ...two, ledgers: [base, base] }],
    ['a peering with an unknown ledger', { ...two, peerings: [{ from: 1, to: 31337 }] }],
    ['a peering of a ledger with itself', { ...two, peerings: [{ from: 31337, to: 31337 }] }],
  ])('refuses %s', (_, value) => {
    expect(() => parseNetworkFile(value)).toThrow(NetworkConfigError);
  });
});
