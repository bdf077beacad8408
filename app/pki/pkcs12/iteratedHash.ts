/**
 * H^n(x) for the PKCS#12 key derivation (RFC 7292 B.2 step 6: "set A_i = H^r(D||I)"), where every round
 * after the first hashes one digest. A 20-byte (SHA-1) or 32-byte (SHA-256) message is one padded
 * block, so those rounds run as a single compression each on preallocated words. Why: a file is opened
 * once, in a fresh worker, and 2,048 calls of a general-purpose hash (an object, buffers and a digest
 * per call, code the engine has not yet optimised) cost tens of milliseconds there, on the path from
 * choosing a certificate to its verdict. Checked against @noble/hashes in iteratedHash.test.ts.
 */

// FIPS 180-4 4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
const K256 = Uint32Array.of(
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
  0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
  0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
  0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
);
// FIPS 180-4 5.3.3: the first 32 bits of the fractional parts of the square roots of the first 8 primes.
const IV256 = Uint32Array.of(0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19);
// FIPS 180-4 5.3.1 and 4.2.1.
const IV1 = Uint32Array.of(0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0);

function readWords(bytes: Uint8Array, count: number): Uint32Array {
  const words = new Uint32Array(count);
  for (let i = 0; i < count; i++) words[i] = ((bytes[4 * i]! << 24) | (bytes[4 * i + 1]! << 16) | (bytes[4 * i + 2]! << 8) | bytes[4 * i + 3]!) >>> 0;
  return words;
}

function writeWords(words: Uint32Array): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  for (let i = 0; i < words.length; i++) {
    out[4 * i] = words[i]! >>> 24;
    out[4 * i + 1] = words[i]! >>> 16;
    out[4 * i + 2] = words[i]! >>> 8;
    out[4 * i + 3] = words[i]!;
  }
  return out;
}

/** SHA-256 applied `rounds` times to a 32-byte digest. */
export function iterateSha256(digest: Uint8Array, rounds: number): Uint8Array {
  if (digest.length !== 32) throw new RangeError('iterateSha256 takes a 32-byte digest');
  const h = readWords(digest, 8);
  const w = new Uint32Array(64);
  for (let round = 0; round < rounds; round++) {
    // The message is the previous digest, then padding: 0x80, zeros, and its length in bits (256).
    w.set(h);
    w[8] = 0x80000000;
    w.fill(0, 9, 15);
    w[15] = 256;
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!;
      const b = w[i - 2]!;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = w[i - 16]! + s0 + w[i - 7]! + s1;
    }
    let a = IV256[0]!, b = IV256[1]!, c = IV256[2]!, d = IV256[3]!, e = IV256[4]!, f = IV256[5]!, g = IV256[6]!, hh = IV256[7]!;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (hh + S1 + ((e & f) ^ (~e & g)) + K256[i]! + w[i]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] = IV256[0]! + a;
    h[1] = IV256[1]! + b;
    h[2] = IV256[2]! + c;
    h[3] = IV256[3]! + d;
    h[4] = IV256[4]! + e;
    h[5] = IV256[5]! + f;
    h[6] = IV256[6]! + g;
    h[7] = IV256[7]! + hh;
  }
  return writeWords(h);
}

/** SHA-1 applied `rounds` times to a 20-byte digest (legacy PKCS#12 files derive keys and MACs with it). */
export function iterateSha1(digest: Uint8Array, rounds: number): Uint8Array {
  if (digest.length !== 20) throw new RangeError('iterateSha1 takes a 20-byte digest');
  const h = readWords(digest, 5);
  const w = new Uint32Array(80);
  for (let round = 0; round < rounds; round++) {
    w.set(h);
    w[5] = 0x80000000;
    w.fill(0, 6, 15);
    w[15] = 160;
    for (let i = 16; i < 80; i++) {
      const x = w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!;
      w[i] = (x << 1) | (x >>> 31);
    }
    let a = IV1[0]!, b = IV1[1]!, c = IV1[2]!, d = IV1[3]!, e = IV1[4]!;
    for (let i = 0; i < 80; i++) {
      const f = i < 20 ? (b & c) | (~b & d) : i < 40 ? b ^ c ^ d : i < 60 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d;
      const k = i < 20 ? 0x5a827999 : i < 40 ? 0x6ed9eba1 : i < 60 ? 0x8f1bbcdc : 0xca62c1d6;
      const t = (((a << 5) | (a >>> 27)) + f + e + k + w[i]!) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = t;
    }
    h[0] = IV1[0]! + a;
    h[1] = IV1[1]! + b;
    h[2] = IV1[2]! + c;
    h[3] = IV1[3]! + d;
    h[4] = IV1[4]! + e;
  }
  return writeWords(h);
}
