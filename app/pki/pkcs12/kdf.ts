/**
 * The PKCS#12 key derivation function (RFC 7292 appendix B.2), used by the legacy PBE schemes
 * (pbeWithSHAAnd3-KeyTripleDES-CBC, pbeWithSHAAnd40BitRC2-CBC, ...) and by the PKCS#12 MAC.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { Pkcs12MalformedError, PkiLimitError } from '../errors';
import { PKCS12_MAX_ITERATIONS, PKCS12_MAX_WORK } from '../limits';

export type Pkcs12KdfHash = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** What the derived bytes are for: 1 key material, 2 IV, 3 MAC key. */
export type Pkcs12KdfPurpose = 1 | 2 | 3;

const HASHES: Readonly<Record<Pkcs12KdfHash, { hash: (data: Uint8Array) => Uint8Array; blockSize: number }>> = {
  'SHA-1': { hash: sha1, blockSize: 64 },
  'SHA-256': { hash: sha256, blockSize: 64 },
  'SHA-384': { hash: sha384, blockSize: 128 },
  'SHA-512': { hash: sha512, blockSize: 128 },
};

/** The password as PKCS#12 wants it: BMPString (UTF-16 big-endian) with a two-byte NUL terminator. */
export function bmpPassword(password: string): Uint8Array {
  const out = new Uint8Array(2 * password.length + 2);
  for (let i = 0; i < password.length; i++) {
    const unit = password.charCodeAt(i);
    out[2 * i] = unit >> 8;
    out[2 * i + 1] = unit & 0xff;
  }
  return out;
}

function repeatToBlocks(data: Uint8Array, blockSize: number): Uint8Array {
  if (data.length === 0) return data;
  const out = new Uint8Array(blockSize * Math.ceil(data.length / blockSize));
  for (let i = 0; i < out.length; i++) out[i] = data[i % data.length]!;
  return out;
}

/**
 * An iteration count read from its INTEGER content octets. asn1js's `valueDec` reads a four-octet count
 * (10,000,000, 2^31-1) as 0, so counts are read here; beyond 2^48 gives Infinity (over every cap).
 */
export function iterationCount(content: Uint8Array): number {
  if (content.length === 0 || (content[0]! & 0x80) !== 0) return Number.NaN;
  let start = 0;
  while (start < content.length - 1 && content[start] === 0) start++;
  if (content.length - start > 6) return Number.POSITIVE_INFINITY;
  let value = 0;
  for (let i = start; i < content.length; i++) value = value * 256 + content[i]!;
  return value;
}

/** What one file may still spend on key derivation (limits.ts), charged before each derivation. */
export type KdfBudget = { remaining: number };

export function createKdfBudget(): KdfBudget {
  return { remaining: PKCS12_MAX_WORK };
}

/**
 * Charges one derivation's rounds to the file's budget, or refuses it before it starts: a count over
 * PKCS12_MAX_ITERATIONS, or one the budget no longer covers, is a file made to freeze the page.
 */
export function spendIterations(budget: KdfBudget, iterations: number, what: string): void {
  if (!(iterations >= 1)) throw new Pkcs12MalformedError({ details: `${what} is out of range` });
  if (iterations > PKCS12_MAX_ITERATIONS) throw new PkiLimitError('pkcs12-iterations', PKCS12_MAX_ITERATIONS, { details: `${what}: ${iterations}` });
  if (iterations > budget.remaining) throw new PkiLimitError('pkcs12-work', PKCS12_MAX_WORK, { details: `${what}: ${iterations}` });
  budget.remaining -= iterations;
}

export type Pkcs12KdfParameters = {
  readonly hash: Pkcs12KdfHash;
  readonly purpose: Pkcs12KdfPurpose;
  /** BMPString password bytes (see bmpPassword). */
  readonly password: Uint8Array;
  readonly salt: Uint8Array;
  readonly iterations: number;
  readonly length: number;
};

export function pkcs12Kdf({ hash: hashName, purpose, password, salt, iterations, length }: Pkcs12KdfParameters): Uint8Array {
  const { hash, blockSize: v } = HASHES[hashName];
  const diversifier = new Uint8Array(v).fill(purpose);
  const input = new Uint8Array([...repeatToBlocks(salt, v), ...repeatToBlocks(password, v)]);
  const out = new Uint8Array(length);
  for (let produced = 0; produced < length; ) {
    let block = hash(new Uint8Array([...diversifier, ...input]));
    for (let round = 1; round < iterations; round++) block = hash(block);
    out.set(block.subarray(0, Math.min(block.length, length - produced)), produced);
    produced += block.length;
    if (produced >= length) break;
    // I_j = (I_j + B + 1) mod 2^(8v) for every v-byte block of I, B = the block repeated to v bytes.
    const b = repeatToBlocks(block, v).subarray(0, v);
    for (let offset = 0; offset < input.length; offset += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = input[offset + k]! + b[k]! + carry;
        input[offset + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return out;
}
