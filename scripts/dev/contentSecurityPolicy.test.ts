import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './contentSecurityPolicy';

const directive = (policy: string, name: string) => policy.split('; ').find((d) => d.startsWith(`${name} `))?.split(' ').slice(1);

describe('contentSecurityPolicy', () => {
  const policy = contentSecurityPolicy({ rpcUrl: 'http://127.0.0.1:8545/rpc', relayUrl: 'http://127.0.0.1:8790', fortify: '127.0.0.1:31337' });

  it('runs only the bundle: no inline script, no other origin, no plugins (eval only for Fortify\'s protobuf codecs)', () => {
    expect(directive(policy, 'script-src')).toEqual(["'self'", "'unsafe-eval'"]);
    expect(directive(policy, 'object-src')).toEqual(["'none'"]);
    expect(directive(policy, 'base-uri')).toEqual(["'none'"]);
  });

  it('connects only to the ledger, the relay and the local Fortify service', () => {
    expect(directive(policy, 'connect-src')).toEqual(["'self'", 'http://127.0.0.1:8545', 'http://127.0.0.1:8790', 'https://127.0.0.1:31337', 'wss://127.0.0.1:31337']);
  });

  it('connects to every ledger of a network file with several', () => {
    const two = contentSecurityPolicy({ rpcUrl: 'http://127.0.0.1:8545', ledgers: [{ rpcUrl: 'http://127.0.0.1:8545' }, { rpcUrl: 'http://127.0.0.1:8546' }] });
    expect(directive(two, 'connect-src')).toEqual(["'self'", 'http://127.0.0.1:8545', 'http://127.0.0.1:8546']);
  });

  it('adds WalletConnect only when it is configured', () => {
    expect(policy).not.toContain('walletconnect');
    expect(directive(contentSecurityPolicy({ walletConnect: true }), 'connect-src')).toContain('wss://*.walletconnect.com');
  });

  it('adds the indexer only when network.json names one', () => {
    const withIndexer = contentSecurityPolicy({ rpcUrl: 'http://127.0.0.1:8545', indexerUrl: 'http://127.0.0.1:42069' });
    expect(directive(withIndexer, 'connect-src')).toEqual(["'self'", 'http://127.0.0.1:8545', 'http://127.0.0.1:42069']);
    expect(directive(policy, 'connect-src')).not.toContain('http://127.0.0.1:42069');
  });
});
