import { describe, expect, it } from 'vitest';
import { der, generateCertificate, generateCrl, generateKeys } from '../__fixtures__/generate';
import { type DerNode, parseDer } from '../der/asn1';
import { CrlParseError, parseCrl, validatePath } from '../index';

const NOW = new Date('2030-01-01T00:00:00Z');
const kind = 'P-256';

describe('CRL revocation', async () => {
  const root = await generateCertificate({ subject: 'Root', keys: await generateKeys(kind), kind, ca: true });
  const leaf = await generateCertificate({ subject: 'leaf', issuer: root, keys: await generateKeys(kind), kind, serial: 4242 });
  const path = [leaf.certificate, root.certificate];
  const codes = async (crl: Uint8Array, mode: 'require' | 'prefer' = 'require') =>
    (await validatePath({ path, time: NOW, revocation: { mode, crls: [await parseCrl(crl)] } })).failures.map((f) => f.code);

  it('fails a certificate whose serial the issuer CRL lists', async () => {
    expect(await codes(await generateCrl({ issuer: root, revokedSerials: [leaf.certificate.serialNumber] }))).toEqual(['revoked']);
  });

  it('passes a certificate a valid CRL does not list, in require mode', async () => {
    expect(await codes(await generateCrl({ issuer: root, revokedSerials: [new Uint8Array([1])] }))).toEqual([]);
  });

  it('refuses a CRL signed by another key, an expired CRL and one without a CRL number', async () => {
    expect(await codes(await generateCrl({ issuer: root, signingKeys: await generateKeys(kind) }), 'prefer')).toEqual(['revocationCrlInvalid']);
    expect(await codes(await generateCrl({ issuer: root, nextUpdate: new Date('2029-12-15T00:00:00Z') }))).toEqual(['revocationCrlInvalid']);
    expect(await codes(await generateCrl({ issuer: root, crlNumber: undefined }))).toEqual(['revocationCrlInvalid']);
  });

  it('needs a status in require mode and not in prefer mode', async () => {
    const other = await generateCertificate({ subject: 'Other CA', keys: await generateKeys(kind), kind, ca: true });
    const unrelated = await parseCrl(await generateCrl({ issuer: other }));
    expect((await validatePath({ path, time: NOW, revocation: { mode: 'require', crls: [unrelated] } })).failures.map((f) => f.code)).toEqual(['revocationUnknown']);
    expect((await validatePath({ path, time: NOW, revocation: { mode: 'prefer', crls: [unrelated] } })).valid).toBe(true);
  });

  it('refuses a CRL re-encoded outside DER: signature with unused bits, or a field after the signature', async () => {
    let crl = await generateCrl({ issuer: root });
    // A signature BIT STRING that claims one unused bit reads the same bytes when their last bit is 0.
    while ((crl[crl.length - 1] as number) & 1) crl = await generateCrl({ issuer: root });
    const list = parseDer(crl);
    const [tbs, algorithm, signature] = list.children as [DerNode, DerNode, DerNode];
    const oneUnused = der.seq(tbs.der, algorithm.der, der.tlv(0x03, new Uint8Array([1, ...signature.content.subarray(1)])));
    await expect(parseCrl(oneUnused)).rejects.toThrow(CrlParseError);
    await expect(parseCrl(der.seq(tbs.der, algorithm.der, signature.der, der.null()))).rejects.toThrow(CrlParseError);
    expect((await parseCrl(crl)).der).toEqual(crl);
  });

  it('refuses a CRL whose nextUpdate is not an RFC 5280 time rather than reading it as absent', async () => {
    const crl = parseDer(await generateCrl({ issuer: root }));
    const [tbs, algorithm, signature] = crl.children as [DerNode, DerNode, DerNode];
    const fields = tbs.children.map((f) => f.der);
    fields[4] = der.tlv(0x18, new TextEncoder().encode('20301201000000Z')); // GeneralizedTime before 2050
    await expect(parseCrl(der.seq(der.seq(...fields), algorithm.der, signature.der))).rejects.toThrow(/nextUpdate/);
  });
});

