import { describe, expect, it } from 'vitest';
import { parsePrivateKey, parseRelayerConfig, RelayerConfigError } from './config.ts';

const a = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const valid = {
  ledgers: {
    BR: { chainId: 31337, rpcUrl: 'http://127.0.0.1:8545', trustStore: a, lightClient: a, peerTrust: a },
    CN: { chainId: 31338, rpcUrl: 'http://127.0.0.1:8546', trustStore: a },
  },
  peerings: [{ from: 'CN', to: 'BR', ledgerId: `0x${'ab'.repeat(32)}`, sealerUrl: 'http://127.0.0.1:8792/seal', keepaliveSeconds: 20 }],
};

describe('the relayer configuration', () => {
  it('reads ledgers and peerings, with a default poll interval', () => {
    const config = parseRelayerConfig(valid);
    expect(config.pollMs).toBe(250);
    expect(config.peerings[0]).toMatchObject({ from: 'CN', to: 'BR', keepaliveSeconds: 20 });
    expect(config.ledgers.BR!.peerTrust).toBe(a);
  });

  it.each([
    [{ ...valid, privateKey: '0x01' }, 'unknown key privateKey'],
    [{ ...valid, peerings: [] }, 'peerings must list at least one peering'],
    [{ ...valid, peerings: [{ ...valid.peerings[0], to: 'CN' }] }, 'peerings[0] relays CN to itself'],
    [{ ...valid, peerings: [{ ...valid.peerings[0], from: 'BR', to: 'CN' }] }, 'ledgers.CN needs lightClient and peerTrust: it is the target of peerings[0]'],
    [{ ...valid, peerings: [{ ...valid.peerings[0], from: 'AR' }] }, 'peerings[0].from must name a ledger of "ledgers"'],
    [{ ...valid, peerings: [{ ...valid.peerings[0], ledgerId: '0x12' }] }, 'peerings[0].ledgerId must be 32 bytes of hex'],
    [{ ...valid, peerings: [{ ...valid.peerings[0], keepaliveSeconds: 0 }] }, 'peerings[0].keepaliveSeconds must be a whole number > 0'],
    [{ ...valid, ledgers: { ...valid.ledgers, CN: { ...valid.ledgers.CN, rpcUrl: 'ws://x' } } }, 'ledgers.CN.rpcUrl must be an http(s) URL'],
  ])('refuses a wrong configuration with one sentence (%#)', (json, message) => {
    expect(() => parseRelayerConfig(json)).toThrow(new RelayerConfigError(message));
  });

  it('takes the key from the environment or a file, never malformed', () => {
    expect(parsePrivateKey(` ${'11'.repeat(32)}\n`)).toBe(`0x${'11'.repeat(32)}`);
    expect(() => parsePrivateKey(undefined)).toThrow(/RELAYER_PRIVATE_KEY/);
    expect(() => parsePrivateKey('0x1234')).toThrow(/not a 32-byte hex private key/);
  });
});
