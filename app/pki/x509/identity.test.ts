import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { der, generateCertificate, generateKeys, type TestIssuer } from '../__fixtures__/generate';
import { parseDer } from '../der/asn1';
import { sha256 } from '@noble/hashes/sha2.js';
import { fromHex, toHex } from '../bytes';
import { type Certificate, buildPath, clearPkiCaches, createCertificatePool, parseCertificate } from '../index';
import { checkCertificateSignature } from '../crypto/signatures';

const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const NOW = new Date('2030-01-01T00:00:00Z');

const big = (bytes: Uint8Array) => BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
const unsigned = (v: bigint) => fromHex(v.toString(16).padStart(2 * Math.ceil(v.toString(16).length / 2), '0'));
/** An INTEGER's content: minimal, or with `pad` superfluous leading zero octets. */
const integer = (v: bigint, pad = 0) => {
  let body = unsigned(v);
  if ((body[0] as number) & 0x80) body = new Uint8Array([0, ...body]);
  return der.tlv(0x02, new Uint8Array([...new Uint8Array(pad), ...body]));
};
const withSignature = (c: Certificate, signature: Uint8Array) => der.seq(c.tbsDer, c.signatureAlgorithm.der, der.bits(signature));

/** Encodings of one signed certificate that anyone can make without the issuer's key. */
function reencodings(c: Certificate): Record<string, Uint8Array> {
  const [r, s] = parseDer(c.signatureValue).children.map((n) => big(n.content)) as [bigint, bigint];
  const longOuter = new Uint8Array([0x30, 0x83, 0x00, ...c.der.subarray(2)]);
  const rawRs = fromHex(r.toString(16).padStart(64, '0') + s.toString(16).padStart(64, '0'));
  return {
    original: c.der,
    'ECDSA twin (r, n - s)': withSignature(c, der.seq(integer(r), integer(N - s))),
    'non-minimal r': withSignature(c, der.seq(integer(r, 1), integer(s))),
    'raw r||s': withSignature(c, rawRs),
    'long-form outer length': c.der[1] === 0x82 ? longOuter : new Uint8Array([0x30, 0x82, 0x00, c.der[1] as number, ...c.der.subarray(2)]),
    'trailing octet': new Uint8Array([...c.der, 0]),
  };
}

async function encodingsThatValidate(issuer: TestIssuer, target: Certificate): Promise<Map<string, Certificate>> {
  const out = new Map<string, Certificate>();
  for (const [name, bytes] of Object.entries(reencodings(target))) {
    let certificate: Certificate;
    try {
      certificate = await parseCertificate(bytes);
    } catch {
      continue; // refused: strict DER
    }
    const result = await buildPath({ target: certificate, trustAnchors: [issuer.certificate], time: NOW });
    if (result.valid) out.set(name, certificate);
  }
  return out;
}

describe('one certificate identity', () => {
  it('makes every encoding of a signed certificate either the same identity or refused', async () => {
    for (let round = 0; round < 4; round++) {
      const root = await generateCertificate({ subject: `Identity Root ${round}`, keys: await generateKeys('P-256'), kind: 'P-256', ca: true });
      const leaf = await generateCertificate({ subject: `Identity Leaf ${round}`, issuer: root, keys: await generateKeys('P-256'), kind: 'P-256' });
      const valid = await encodingsThatValidate(root, leaf.certificate);
      expect([...valid.keys()]).toEqual(['original', 'ECDSA twin (r, n - s)']);
      expect(new Set([...valid.values()].map((c) => c.identity))).toEqual(new Set([leaf.certificate.identity]));
      expect(new Set([...valid.values()].map((c) => c.fingerprintSha256)).size).toBe(2);
      // ...and the engine treats them as one certificate: one pool entry, one anchor.
      const twins = [...valid.values()];
      expect(createCertificatePool(twins).size).toBe(1);
      const [original, twin] = twins as [Certificate, Certificate];
      const rootTwin = await parseCertificate(reencodings(root.certificate)['ECDSA twin (r, n - s)'] as Uint8Array);
      for (const [target, anchor] of [[root.certificate, rootTwin], [rootTwin, root.certificate]] as const) {
        const result = await buildPath({ target, trustAnchors: [anchor], time: NOW });
        expect(result.valid).toBe(true);
        expect(result.valid && result.path).toHaveLength(1);
      }
      const viaTwinPool = await buildPath({ target: original, intermediates: [rootTwin], trustAnchors: [root.certificate], time: NOW });
      expect(viaTwinPool.valid && viaTwinPool.path.map((c) => c.identity)).toEqual([original.identity, root.certificate.identity]);
      expect(twin.identity).toBe(original.identity);
    }
  });

  it('keeps the bytes parsed in the memoised model when two encodings share an identity', async () => {
    clearPkiCaches();
    const root = await generateCertificate({ subject: 'Cache Root', keys: await generateKeys('P-256'), kind: 'P-256', ca: true });
    const encodings = reencodings(root.certificate);
    const twinBytes = encodings['ECDSA twin (r, n - s)'] as Uint8Array;
    const first = await parseCertificate(root.certificate.der);
    const twin = await parseCertificate(twinBytes);
    expect(twin.identity).toBe(first.identity);
    expect(twin.der).toEqual(twinBytes);
    expect(twin.signatureValue).not.toEqual(first.signatureValue);
    expect(twin.fingerprintSha256).not.toBe(first.fingerprintSha256);
    expect((await parseCertificate(root.certificate.der)).der).toEqual(root.certificate.der);
  });

  it('does not let a memoised signature check answer for another signature over the same tbsCertificate', async () => {
    clearPkiCaches();
    const root = await generateCertificate({ subject: 'Memo Root', keys: await generateKeys('P-256'), kind: 'P-256', ca: true });
    const leaf = await generateCertificate({ subject: 'Memo Leaf', issuer: root, keys: await generateKeys('P-256'), kind: 'P-256' });
    const [r, s] = parseDer(leaf.certificate.signatureValue).children.map((n) => big(n.content)) as [bigint, bigint];
    const forged = await parseCertificate(withSignature(leaf.certificate, der.seq(integer(r), integer(s === 1n ? 2n : s - 1n))));
    expect(forged.identity).toBe(leaf.certificate.identity);
    expect(await checkCertificateSignature(leaf.certificate, root.certificate)).toEqual({ status: 'valid' });
    expect((await checkCertificateSignature(forged, root.certificate)).status).toBe('invalid');
    expect(await checkCertificateSignature(leaf.certificate, root.certificate)).toEqual({ status: 'valid' });
    const result = await buildPath({ target: forged, trustAnchors: [root.certificate], time: NOW });
    expect(result.valid).toBe(false);
  });

  it("computes identity, keyHash and fingerprint as Node's crypto SHA-256 of the tbsCertificate, the SPKI and the DER", async () => {
    clearPkiCaches();
    const root = await generateCertificate({ subject: 'Hash Root', keys: await generateKeys('P-256'), kind: 'P-256', ca: true });
    const c = await parseCertificate(root.certificate.der);
    const node = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    expect(c.identity).toBe(node(c.tbsDer));
    expect(c.keyHash).toBe(node(c.subjectPublicKeyInfo.der));
    expect(c.fingerprintSha256).toBe(node(c.der));
    // and at the lengths around SHA-256's block boundaries, where a hand-written padding goes wrong
    for (const length of [0, 55, 56, 63, 64, 65, 119, 120]) {
      const data = new Uint8Array(length).map((_, i) => (i * 31 + length) & 0xff);
      const tbs = der.seq(der.tlv(0x04, data));
      expect(toHex(sha256(tbs))).toBe(node(tbs));
    }
  });
});
