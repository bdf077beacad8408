// PKCS#12 files made to freeze the page with key-derivation rounds: each is refused with PkiLimitError
// before the derivation it asks for starts. Work is counted (derivations started and their rounds),
// never timed: a spy stands in for any derivation over the cap so the old code's fault shows quickly.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type DerNode, parseDer } from '../der/asn1';
import { der } from '../der/writer';
import { Pkcs12MalformedError, PkiLimitError } from '../errors';
import { PKCS12_FILE_MAX_BYTES, PKCS12_MAX_ITERATIONS, PKCS12_MAX_WORK } from '../limits';
import { openPkcs12 } from './import';
import type * as Kdf from './kdf';

const started = vi.hoisted(() => ({ rounds: [] as number[] }));

vi.mock('./kdf', async (importOriginal) => {
  const original = await importOriginal<typeof Kdf>();
  return {
    ...original,
    pkcs12Kdf: (parameters: Parameters<typeof original.pkcs12Kdf>[0]) => {
      started.rounds.push(parameters.iterations);
      if (parameters.iterations > PKCS12_MAX_ITERATIONS) throw new Error(`started a PKCS#12 KDF of ${parameters.iterations} rounds`);
      return original.pkcs12Kdf(parameters);
    },
  };
});

const fixtures = join(import.meta.dirname, '..', '__fixtures__', 'keys');
const PASSWORD = 'correct horse battery staple';
const read = (name: string) => new Uint8Array(readFileSync(join(fixtures, name)));
/** The fixtures' every iteration count (openssl pkcs12's default). */
const FIXTURE_ROUNDS = 2048;

/**
 * The file re-encoded with every INTEGER 2048 (the MAC's and each derivation's count) set to `rounds`,
 * looking inside OCTET STRINGs that hold DER (authSafe, SafeContents). `edit` may rewrite a SEQUENCE's
 * children (drop the MAC, repeat a safe).
 */
function rewrite(node: DerNode, rounds: number | bigint, edit?: (node: DerNode, children: Uint8Array[]) => Uint8Array[]): Uint8Array {
  const tag = node.der[0]!;
  if (!node.constructed) {
    if (tag === 0x02 && node.content.length === 2 && node.content[0] === 0x08 && node.content[1] === 0x00) return der.int(rounds);
    if (tag === 0x04 && node.content[0] === 0x30) {
      try {
        return der.octet(rewrite(parseDer(node.content), rounds, edit));
      } catch {
        // ciphertext or salt that merely starts like a SEQUENCE
      }
    }
    return node.der;
  }
  const children = node.children.map((child) => rewrite(child, rounds, edit));
  return der.tlv(tag, ...(edit ? edit(node, children) : children));
}

const hostile = (file: string, rounds: number | bigint, edit?: Parameters<typeof rewrite>[2]) => rewrite(parseDer(read(file)), rounds, edit);
/** Drops the PFX's macData (only the top SEQUENCE has three children of which the last is a SEQUENCE of three). */
const withoutMac = (node: DerNode, children: Uint8Array[]) => (node.children.length === 3 && node.children[0]?.content[0] === 3 ? children.slice(0, 2) : children);

let pbkdf2Rounds: number[];
/** When set, PBKDF2 records the rounds a file asks for but derives with the fixtures' real count, standing in for a file really encrypted with that many. */
let deriveAsFixture = false;
beforeEach(() => {
  started.rounds = [];
  pbkdf2Rounds = [];
  deriveAsFixture = false;
  const deriveBits = globalThis.crypto.subtle.deriveBits.bind(globalThis.crypto.subtle);
  vi.spyOn(globalThis.crypto.subtle, 'deriveBits').mockImplementation(async (algorithm, key, length) => {
    const rounds = (algorithm as Pbkdf2Params).iterations;
    pbkdf2Rounds.push(rounds);
    if (rounds > PKCS12_MAX_ITERATIONS) throw new Error(`started a PBKDF2 of ${rounds} rounds`);
    return deriveBits(deriveAsFixture ? { ...(algorithm as Pbkdf2Params), iterations: FIXTURE_ROUNDS } : algorithm, key, length);
  });
});
afterEach(() => vi.restoreAllMocks());

describe('openPkcs12 of a file made to exhaust key derivation', () => {
  it('still opens the real file, and re-encoding alone changes nothing', async () => {
    const opened = await openPkcs12({ data: hostile('rsa-modern.p12', FIXTURE_ROUNDS), password: PASSWORD });
    expect(opened.certificates).toHaveLength(2);
    expect(pbkdf2Rounds).toEqual([FIXTURE_ROUNDS, FIXTURE_ROUNDS]);
    expect(started.rounds).toEqual([FIXTURE_ROUNDS]); // the MAC key
  });

  it.each([
    ['8,000,000 (three octets)', 8_000_000],
    ['10^7', 10_000_000],
    ['2^31-1', 2 ** 31 - 1],
    ['2^63-1', 2n ** 63n - 1n],
  ])('refuses MAC and PBKDF2 counts of %s with the limit sentence, before any derivation starts', async (_, rounds) => {
    const attempt = openPkcs12({ data: hostile('rsa-modern.p12', rounds), password: PASSWORD });
    await expect(attempt).rejects.toBeInstanceOf(PkiLimitError);
    await expect(attempt).rejects.toMatchObject({ kind: 'pkcs12-iterations', messageKey: 'pki.limit.pkcs12-iterations', params: { limit: PKCS12_MAX_ITERATIONS } });
    expect(started.rounds).toEqual([]);
    expect(pbkdf2Rounds).toEqual([]);
  });

  it('refuses a PBKDF2 count over the cap in a file without a MAC, before deriving', async () => {
    const attempt = openPkcs12({ data: hostile('rsa-modern.p12', 8_000_000, withoutMac), password: PASSWORD });
    await expect(attempt).rejects.toMatchObject({ kind: 'pkcs12-iterations' });
    expect(pbkdf2Rounds).toEqual([]);
  });

  it('refuses a legacy PKCS#12-KDF count over the cap in a file without a MAC, before deriving', async () => {
    const attempt = openPkcs12({ data: hostile('rsa-legacy.p12', 8_000_000, withoutMac), password: PASSWORD });
    await expect(attempt).rejects.toMatchObject({ kind: 'pkcs12-iterations' });
    expect(started.rounds).toEqual([]);
  });

  it('stops a file whose many derivations, each under the cap, add up past the budget', async () => {
    // The authenticated safe repeated: 20 safes, each derivation asking 500,000 rounds, 10,000,000 in all.
    deriveAsFixture = true;
    const repeatSafes = (node: DerNode, children: Uint8Array[]) =>
      node.children.length === 2 && node.children.every((child) => child.children[0]?.der[0] === 0x06) ? Array.from({ length: 10 }, () => children).flat() : children;
    const attempt = openPkcs12({ data: hostile('rsa-modern.p12', 500_000, (node, children) => withoutMac(node, repeatSafes(node, children))), password: PASSWORD });
    await expect(attempt).rejects.toMatchObject({ kind: 'pkcs12-work', messageKey: 'pki.limit.pkcs12-work', params: { limit: PKCS12_MAX_WORK } });
    const spent = [...pbkdf2Rounds, ...started.rounds].reduce((a, b) => a + b, 0);
    expect(spent).toBeLessThanOrEqual(PKCS12_MAX_WORK);
    expect(pbkdf2Rounds.length).toBeGreaterThan(1);
  });

  it('refuses a count of zero as malformed', async () => {
    await expect(openPkcs12({ data: hostile('rsa-modern.p12', 0), password: PASSWORD })).rejects.toBeInstanceOf(Pkcs12MalformedError);
  });

  it('refuses a file over the size cap before reading its structure', async () => {
    const padded = new Uint8Array(PKCS12_FILE_MAX_BYTES + 1);
    padded.set(read('rsa-modern.p12'));
    await expect(openPkcs12({ data: padded, password: PASSWORD })).rejects.toMatchObject({ kind: 'file-size', params: { limit: PKCS12_FILE_MAX_BYTES / 1024 } });
    expect(started.rounds).toEqual([]);
  });
});
