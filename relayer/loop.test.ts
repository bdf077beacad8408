import { describe, expect, it } from 'vitest';
import { backoffDelay, createPeeringRelay } from './loop.ts';
import { fakeSealer, fakeSource, fakeTarget } from './testing.ts';

const ledgerId = `0x${'cc'.repeat(32)}` as const;

function setup(keepaliveSeconds = 30) {
  const a = fakeSource();
  const b = fakeTarget();
  const lines: string[] = [];
  let clock = 10_000;
  // Sealing takes 700 ms of the fake clock: the latency the relay reports includes it.
  const sealer = { seal: async (block: Parameters<typeof fakeSealer.seal>[0]) => ((clock += 700), fakeSealer.seal(block)) };
  const relay = createPeeringRelay({
    name: 'CN -> BR',
    ledgerId,
    source: a.source,
    sealer,
    target: b.target,
    keepaliveSeconds,
    pollMs: 1,
    backoffMs: { base: 1, max: 4 },
    log: (l) => lines.push(l),
    now: () => clock,
  });
  return { a, b, relay, lines };
}

describe('the relay loop of one peering', () => {
  it('carries a new export entry with the sealed header and the proof of the same block, and logs its latency', async () => {
    const { a, b, relay, lines } = setup();
    await expect(relay.tick()).resolves.toEqual({ kind: 'idle', reason: 'no-new-block' });
    a.mine(2, 1);
    const n = a.mine(2, 0);
    await expect(relay.tick()).resolves.toMatchObject({ kind: 'relayed', number: n, entries: 1, keepalive: false, latencyMs: 700 });
    expect(b.calls).toEqual([`header 0xc002`, `sync 2 [1]`]);
    expect(a.proofsAsked).toEqual([2n]);
    expect(b.state().seq).toBe(1n);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^relayer CN -> BR: block 2 of chain 2337 proven on chain 1337 in block 101, 1 export entry \(seq 1\.\.1\), 700 ms$/);
  });

  it('sends only what B has not replayed yet, in order, after a withdrawal and an announcement', async () => {
    const { a, b, relay } = setup();
    a.mine(2, 2);
    await relay.tick();
    a.mine(2, 1);
    a.mine(2, 1);
    await relay.tick();
    expect(b.calls.filter((c) => c.startsWith('sync'))).toEqual(['sync 1 [1,2]', 'sync 3 [3,4]']);
  });

  it('stays idle without news until the keepalive is due by A block time, then proves the newest header with no entries', async () => {
    const { a, b, relay } = setup(10);
    a.mine(4);
    await expect(relay.tick()).resolves.toEqual({ kind: 'idle', reason: 'up-to-date' });
    a.mine(4);
    a.mine(4);
    await expect(relay.tick()).resolves.toMatchObject({ kind: 'relayed', number: 3n, entries: 0, keepalive: true });
    expect(b.calls).toEqual(['header 0xc003', 'sync 3 []']);
  });

  it('waits for a block of A dated after the last one B proved (anvil dates two blocks alike; the light client refuses a header not newer in time)', async () => {
    const { a, b, relay } = setup();
    a.mine(2, 1);
    await relay.tick();
    a.mine(0, 1);
    await expect(relay.tick()).resolves.toEqual({ kind: 'idle', reason: 'not-newer' });
    expect(b.calls.filter((c) => c.startsWith('sync'))).toEqual(['sync 1 [1]']);
    a.mine(2, 0);
    await expect(relay.tick()).resolves.toMatchObject({ kind: 'relayed', number: 3n, entries: 1 });
  });

  it('before the first sync, waits for a block of A dated after the trusted header B\'s light client was given with the agreement', async () => {
    const a = fakeSource();
    a.mine(0, 1);
    const b = fakeTarget(1337, { number: 0n, timestamp: 0n, seq: 0n }, 1_000n);
    const relay = createPeeringRelay({ name: 'CN -> BR', ledgerId, source: a.source, sealer: fakeSealer, target: b.target, keepaliveSeconds: 30, pollMs: 1, log: () => {} });
    await expect(relay.tick()).resolves.toEqual({ kind: 'idle', reason: 'not-newer' });
    a.mine(2, 0);
    await expect(relay.tick()).resolves.toMatchObject({ kind: 'relayed', number: 2n, entries: 1 });
  });

  it('does not resubmit a header B already accepted (another relayer sent it)', async () => {
    const { a, b, relay } = setup();
    const n = a.mine(2, 1);
    await b.target.submitHeader(ledgerId, '0xc001');
    b.calls.length = 0;
    await relay.tick();
    expect(n).toBe(1n);
    expect(b.calls).toEqual(['sync 1 [1]']);
  });

  it('retries after failures with backoff, one log line each, and relays once the target answers', async () => {
    const { a, b, relay, lines } = setup();
    a.mine(2, 1);
    b.failNextReads(2);
    relay.start();
    await expect.poll(() => relay.stats().relays, { timeout: 5_000 }).toBe(1);
    await relay.stop();
    expect(relay.stats().failures).toBe(2);
    expect(lines.slice(0, 2)).toEqual([
      'relayer CN -> BR: relay failed (attempt 1), retrying in 1 ms: connection refused',
      'relayer CN -> BR: relay failed (attempt 2), retrying in 2 ms: connection refused',
    ]);
  });

  it('backs off exponentially up to the cap', () => {
    const backoff = { base: 500, max: 30_000 };
    expect([1, 2, 3, 4, 7, 8, 20].map((n) => backoffDelay(n, backoff))).toEqual([500, 1_000, 2_000, 4_000, 30_000, 30_000, 30_000]);
  });
});
