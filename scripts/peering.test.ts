import { describe, expect, it } from 'vitest';
import { DeployError } from './deploy.ts';
import { parsePeeringConfig } from './peering.ts';

const v = ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8', '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'];
const peering = {
  peer: { name: 'Chinese ledger', chainId: 31338, rpcUrl: 'http://127.0.0.1:8546', trustStore: '0x5FbDB2315678afecb367f032d93F642f64180aa3', validators: v, trustingPeriodSeconds: 1_209_600 },
  countries: ['CN'],
  holdSeconds: 300,
};

describe('the peering configuration of npm run deploy', () => {
  it('reads a list or {peerings}', () => {
    expect(parsePeeringConfig([peering])).toEqual(parsePeeringConfig({ peerings: [peering] }));
    expect(parsePeeringConfig([peering])[0]).toMatchObject({ countries: ['CN'], holdSeconds: 300, peer: { chainId: 31338, validators: v } });
  });

  it.each([
    [{ ...peering, countries: ['cn'] }, /countries must list ISO country codes/],
    [{ ...peering, holdSeconds: 2_000_000 }, /holdSeconds must be shorter than peer.trustingPeriodSeconds/],
    [{ ...peering, peer: { ...peering.peer, validators: [v[0], v[0]] } }, /lists a validator twice/],
    [{ ...peering, peer: { ...peering.peer, validators: [] } }, /must list the peer's validator addresses/],
    [{ ...peering, ledgerId: '0x01' }, /ledgerId must be 32 bytes of hex/],
  ])('refuses a wrong peering with one sentence (%#)', (value, message) => {
    expect(() => parsePeeringConfig([value])).toThrow(DeployError);
    expect(() => parsePeeringConfig([value])).toThrow(message);
  });
});
