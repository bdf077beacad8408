import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateCertificate, generateKeys } from '../__fixtures__/generate';
import { Asn1Error, parseDer, readBoolean } from './asn1';
import { fromHex as fromHexStrict } from '../bytes';

/** Hex with spaces between the DER fields, for reading. */
const fromHex = (spaced: string) => fromHexStrict(spaced.replace(/\s+/g, ''));
import { buildAndValidatePath, type Certificate, CertificateParseError, parseCertificate, readCertificates, verifySignature } from '../index';
import { sm2SignatureVerifier } from '../crypto/sm2';

const DIR = new URL('../__fixtures__/national-pki/icp-brasil/', import.meta.url).pathname;
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

async function readOne(file: string): Promise<Certificate> {
  return (await readCertificates(readFileSync(DIR + file)))[0] as Certificate;
}

/** The same element with its length written in `extra` more octets than needed (BER, not DER). */
function longFormOuterLength(der: Uint8Array, extra = 1): Uint8Array {
  const count = (der[1] as number) & 0x7f;
  const lengthBytes = der.subarray(2, 2 + count);
  return new Uint8Array([der[0] as number, 0x80 | (count + extra), ...new Uint8Array(extra), ...lengthBytes, ...der.subarray(2 + count)]);
}

describe('strict DER', () => {
  it('refuses AC SERPRO SSLv1 re-encoded with a long-form length, though the original validates under Raiz v10', async () => {
    const serpro = await readOne('intermediates/v10__ac-serpro-sslv1.pem');
    const root = await readOne('roots/icp-brasil_raiz_v10_ssl_rsa4096-sha512.pem');
    const time = new Date('2024-06-01T00:00:00Z');
    const original = await buildAndValidatePath({ target: serpro, trustAnchors: [root], time });
    expect(original.valid).toBe(true);
    const reencoded = longFormOuterLength(serpro.der);
    expect(reencoded.length).toBe(serpro.der.length + 1);
    await expect(parseCertificate(reencoded)).rejects.toThrow(CertificateParseError);
    await expect(readCertificates(reencoded)).rejects.toThrow(/not-der|DER|length/i);
  });

  it('reads only minimal definite lengths', () => {
    expect(() => parseDer(fromHex('04 81 03 010203'))).toThrow(/length/);
    expect(() => parseDer(new Uint8Array([0x04, 0x82, 0x00, 0x80, ...new Uint8Array(0x80)]))).toThrow(/length/);
    expect(() => parseDer(fromHex('30 80 0500 0000'))).toThrow(Asn1Error);
    expect(parseDer(new Uint8Array([0x04, 0x81, 0x80, ...new Uint8Array(0x80)])).content.length).toBe(0x80);
  });

  it('reads only minimal INTEGERs, BOOLEANs as 00/FF and no trailing data', () => {
    expect(() => parseDer(fromHex('02 02 0001'))).toThrow(/INTEGER/);
    expect(() => parseDer(fromHex('02 02 ff80'))).toThrow(/INTEGER/);
    expect(() => parseDer(fromHex('02 00'))).toThrow(/INTEGER/);
    expect(parseDer(fromHex('02 02 0080')).content).toEqual(fromHex('0080'));
    expect(parseDer(fromHex('02 02 ff7f')).content).toEqual(fromHex('ff7f'));
    expect(() => readBoolean(parseDer(fromHex('01 01 01')))).toThrow(/BOOLEAN/);
    expect(readBoolean(parseDer(fromHex('01 01 ff')))).toBe(true);
    expect(readBoolean(parseDer(fromHex('01 01 00')))).toBe(false);
    expect(() => parseDer(fromHex('05 00 00'))).toThrow(/trailing/);
    // BIT STRING: unused bits zero (X.690 11.2.1), none in an empty one.
    expect(() => parseDer(fromHex('03 02 01 01'))).toThrow(/BIT STRING/);
    expect(() => parseDer(fromHex('03 01 01'))).toThrow(/BIT STRING/);
    expect(() => parseDer(fromHex('03 02 08 00'))).toThrow(/BIT STRING/);
    expect(parseDer(fromHex('03 02 01 02')).content).toEqual(fromHex('0102'));
    expect(parseDer(fromHex('03 01 00')).content).toEqual(fromHex('00'));
    // A non-minimal INTEGER inside a certificate (here its serial) is refused as the certificate.
    expect(() => parseDer(fromHex('30 05 02 03 000102'))).toThrow(/INTEGER/);
  });

  it('takes an ECDSA signature only as a DER Ecdsa-Sig-Value with minimal INTEGERs, 0 < r, s < n', async () => {
    const keys = await generateKeys('P-256');
    const { certificate } = await generateCertificate({ subject: 'Strict Root', keys, kind: 'P-256', ca: true });
    const verify = (signature: Uint8Array) =>
      verifySignature({ signatureAlgorithm: certificate.signatureAlgorithm, publicKey: certificate.subjectPublicKeyInfo, data: certificate.tbsDer, signature });
    expect(await verify(certificate.signatureValue)).toEqual({ status: 'valid' });
    const [r, s] = parseDer(certificate.signatureValue).children.map((n) => BigInt(`0x${Buffer.from(n.content).toString('hex')}`)) as [bigint, bigint];
    const int = (v: bigint, pad = 0) => {
      let hex = v.toString(16);
      if (hex.length % 2) hex = `0${hex}`;
      if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
      const body = fromHex('00'.repeat(pad) + hex);
      return [0x02, body.length, ...body];
    };
    const seq = (...parts: number[][]) => new Uint8Array([0x30, parts.flat().length, ...parts.flat()]);
    const raw = fromHex(r.toString(16).padStart(64, '0') + s.toString(16).padStart(64, '0'));
    expect((await verify(raw)).status).toBe('invalid');
    expect((await verify(seq(int(r, 1), int(s)))).status).toBe('invalid');
    expect((await verify(seq(int(r), int(s + P256_N)))).status).toBe('invalid');
    expect((await verify(seq(int(0n), int(s)))).status).toBe('invalid');
    // The (r, n - s) twin is a valid signature: strict DER allows it; identity makes it the same certificate.
    expect(await verify(seq(int(r), int(P256_N - s)))).toEqual({ status: 'valid' });
  });

  it('refuses a raw r||s SM2 signature value', async () => {
    const sm2 = (await readCertificates(readFileSync(new URL('../../../fixtures/national-pki/cn_nrcac_ROOTCA_sm2_national-root.pem', import.meta.url).pathname)))[0] as Certificate;
    const parameters = { signatureAlgorithm: sm2.signatureAlgorithm, publicKey: sm2.subjectPublicKeyInfo, data: sm2.tbsDer };
    expect(await sm2SignatureVerifier.verify({ ...parameters, signature: sm2.signatureValue })).toEqual({ status: 'valid' });
    const [r, s] = parseDer(sm2.signatureValue).children.map((n) => n.content.subarray(n.content.length - 32));
    const raw = new Uint8Array([...(r as Uint8Array), ...(s as Uint8Array)]);
    expect(raw).toHaveLength(64);
    expect((await sm2SignatureVerifier.verify({ ...parameters, signature: raw })).status).toBe('invalid');
  });
});
