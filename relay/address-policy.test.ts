import { describe, expect, it } from 'vitest';
import { productionPolicy, refusalReason } from './address-policy.ts';

describe('address policy', () => {
  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '2a00:1450::1', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    'allows the public address %s',
    (address) => expect(refusalReason(address, productionPolicy)).toBeUndefined(),
  );

  it.each([
    ['127.0.0.1', /loopback/],
    ['127.255.255.254', /loopback/],
    ['::1', /loopback/],
    ['10.255.255.255', /private/],
    ['172.16.0.0', /private/],
    ['172.31.255.255', /private/],
    ['192.168.0.1', /private/],
    ['fc00::1', /private/],
    ['fdff:ffff::1', /private/],
    ['169.254.169.254', /link-local/],
    ['fe80::1', /link-local/],
    ['febf::1', /link-local/],
    ['0.0.0.0', /unspecified/],
    ['::', /unspecified/],
    ['224.0.0.251', /multicast/],
    ['ff05::2', /multicast/],
    ['255.255.255.255', /broadcast/],
    ['240.0.0.1', /reserved/],
    ['::ffff:127.0.0.1', /mapped.*loopback/],
    ['::ffff:a9fe:a9fe', /mapped.*169\.254\.169\.254/],
    ['::127.0.0.1', /compatible.*loopback/],
    ['64:ff9b::7f00:1', /NAT64.*loopback/],
    ['2002:c0a8:101::1', /6to4.*private/],
    ['2001:db8::1', /documentation/],
    ['2001:0:4136:e378::1', /Teredo/],
    ['4000::1', /reserved/],
  ])('refuses %s (%s)', (address, why) => {
    expect(refusalReason(address, productionPolicy)).toMatch(why);
  });

  it('the test policy allows loopback only', () => {
    const tests = { allowLoopback: true };
    for (const address of ['127.0.0.1', '127.0.0.2', '::1', '::ffff:127.0.0.1']) expect(refusalReason(address, tests)).toBeUndefined();
    for (const address of ['10.0.0.1', '169.254.169.254', '0.0.0.0', '::', 'fe80::1', '::ffff:10.0.0.1']) expect(refusalReason(address, tests)).toBeDefined();
  });
});
