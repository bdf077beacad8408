// Writes the SM3/SM2 vectors of contracts/test/Sm3.t.sol and Sm2.t.sol into contracts/test/fixtures/sm2/
// (binary records the tests read with vm.readFileBinary; layout in that folder's README.md):
// - sm3.bin: GB/T 32905 examples and messages of 0..300 bytes (and a few long ones), each digest from
//   OpenSSL's SM3 (node:crypto) and checked against the app's app/pki/crypto/sm3.ts;
// - sm2.bin: SM2 signatures with the default ID on the SM2 curve, made by the app's demo signer
//   (app/pki/demo/sm2Signer.ts, over @noble/curves) and by the openssl CLI (`openssl dgst -sm3 -sign
//   -sigopt distid:1234567812345678`), each verified by app/pki/crypto/sm2.ts before it is written.
// Usage: npx tsx scripts/contracts/sm2-fixtures.ts
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sm3 } from '../../app/pki/crypto/sm3.ts';
import { SM2_CURVE, Sm2Point, sm2PublicKey, sm2Za, verifySm2Signature, type Sm2PublicPoint } from '../../app/pki/crypto/sm2.ts';
import { parseDerEcdsaSignature } from '../../app/pki/crypto/ecdsaSignature.ts';
import { generateSm2DemoKeyPair, signSm2 } from '../../app/pki/demo/sm2Signer.ts';

const root = path.resolve(import.meta.dirname, '../..');
const out = path.join(root, 'contracts/test/fixtures/sm2');
mkdirSync(out, { recursive: true });

const u16 = (n: number) => Uint8Array.of(n >> 8, n & 0xff);
const word = (n: bigint) => Uint8Array.from(Buffer.from(n.toString(16).padStart(64, '0'), 'hex'));
const concat = (...parts: Uint8Array[]) => Uint8Array.from(Buffer.concat(parts));

function opensslSm3(message: Uint8Array): Uint8Array {
  const digest = Uint8Array.from(createHash('sm3').update(message).digest());
  if (Buffer.compare(Buffer.from(digest), Buffer.from(sm3(message))) !== 0) throw new Error('SM3: OpenSSL and the app disagree');
  return digest;
}

// ---- SM3: uint16 length || message || digest
const messages: Uint8Array[] = [new TextEncoder().encode('abc'), new TextEncoder().encode('abcd'.repeat(16))];
for (let n = 0; n <= 300; n++) messages.push(Uint8Array.from(randomBytes(n)));
for (const n of [511, 512, 1000, 1500]) messages.push(Uint8Array.from(randomBytes(n)));
writeFileSync(path.join(out, 'sm3.bin'), concat(...messages.flatMap((m) => [u16(m.length), m, opensslSm3(m)])));

// ---- SM2: x || y || ZA || r || s || uint16 length || message
type Vector = { key: Sm2PublicPoint; message: Uint8Array; signature: Uint8Array };
const vectors: Vector[] = [];
for (let i = 0; i < 48; i++) {
  const key = generateSm2DemoKeyPair();
  const message = Uint8Array.from(randomBytes(i % 4 === 0 ? 32 : 1 + (i * 37) % 200));
  vectors.push({ key: key.publicKey, message, signature: signSm2(key, message) });
}
// Keys at the edges of the ladder: PA = G (so G + PA is a doubling), PA = 2G, PA = [n - 2]G.
for (const d of [1n, 2n, SM2_CURVE.n - 2n]) {
  const key = { kind: 'sm2', privateScalar: d, publicKey: Sm2Point.BASE.multiply(d) } as const;
  const message = Uint8Array.from(randomBytes(40));
  vectors.push({ key: key.publicKey, message, signature: signSm2(key, message) });
}
const tmp = mkdtempSync(path.join(tmpdir(), 'sm2-'));
try {
  for (let i = 0; i < 8; i++) {
    const keyFile = path.join(tmp, `k${i}.pem`);
    const messageFile = path.join(tmp, `m${i}.bin`);
    execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', keyFile]);
    const message = Uint8Array.from(randomBytes(1 + i * 29));
    writeFileSync(messageFile, message);
    const signature = Uint8Array.from(
      execFileSync('openssl', ['dgst', '-sm3', '-sign', keyFile, '-sigopt', 'distid:1234567812345678', messageFile]),
    );
    const spki = Uint8Array.from(execFileSync('openssl', ['pkey', '-in', keyFile, '-pubout', '-outform', 'DER']));
    vectors.push({ key: sm2PublicKey(spki), message, signature });
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
const records = vectors.map(({ key, message, signature }) => {
  if (!verifySm2Signature({ publicKey: key, message, signature })) throw new Error('SM2: a vector does not verify');
  const { r, s } = parseDerEcdsaSignature(signature, 'SM2');
  const { x, y } = key.toAffine();
  return concat(word(x), word(y), sm2Za(key), word(r), word(s), u16(message.length), message);
});
writeFileSync(path.join(out, 'sm2.bin'), concat(...records));
process.stdout.write(`sm3.bin: ${messages.length} messages; sm2.bin: ${vectors.length} signatures\n`);
