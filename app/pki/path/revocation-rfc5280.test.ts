/**
 * RFC 5280 section 6.3 (CRL processing) against the outcomes the engine got wrong (issue #12):
 * scoped and partitioned CRLs, delta CRLs, indirect CRLs, and CRLs signed by another key of the CA.
 */
import { describe, expect, it } from 'vitest';
import { der, encodeName, type Ext, generateCertificate, generateCrl, generateKeys, type TestIssuer } from '../__fixtures__/generate';
import { type Certificate, describeRevocation, parseCrl, type RevocationStatus, validatePath } from '../index';

const NOW = new Date('2030-01-01T00:00:00Z');
const kind = 'P-256';
const text = (s: string) => new TextEncoder().encode(s);
const uri = (u: string) => der.ctx(6, text(u));
const dirName = (nameDer: Uint8Array) => der.explicit(4, nameDer);

/** ReasonFlags with the given bits set (1 keyCompromise ... 8 aACompromise). */
function reasonFlags(bits: readonly number[], tag: number): Uint8Array {
  const bytes = [0, 0];
  for (const b of bits) bytes[b >> 3]! |= 0x80 >> (b & 7);
  const used = bytes[1] ? 2 : 1;
  const last = bytes[used - 1] as number;
  let unused = 0;
  while (unused < 7 && !(last & (1 << unused))) unused++;
  return der.ctx(tag, new Uint8Array([unused, ...bytes.slice(0, used)]));
}

type IdpSpec = { uris?: string[]; userCerts?: boolean; caCerts?: boolean; attributeCerts?: boolean; reasons?: number[]; indirect?: boolean };
function idp(s: IdpSpec): Ext {
  const t = (n: number) => der.ctx(n, new Uint8Array([0xff]));
  return {
    oid: '2.5.29.28',
    critical: true,
    value: der.seq(
      ...(s.uris ? [der.explicit(0, der.explicit(0, der.tlv(0, ...s.uris.map(uri)).subarray(2)))] : []),
      ...(s.userCerts ? [t(1)] : []),
      ...(s.caCerts ? [t(2)] : []),
      ...(s.reasons ? [reasonFlags(s.reasons, 3)] : []),
      ...(s.indirect ? [t(4)] : []),
      ...(s.attributeCerts ? [t(5)] : []),
    ),
  };
}

type DpSpec = { uris?: string[]; reasons?: number[]; crlIssuer?: Uint8Array };
const distributionPoint = (p: DpSpec) =>
  der.seq(
    ...(p.uris ? [der.explicit(0, der.tlv(0xa0, ...p.uris.map(uri)))] : []),
    ...(p.reasons ? [reasonFlags(p.reasons, 1)] : []),
    ...(p.crlIssuer ? [der.tlv(0xa2, dirName(p.crlIssuer))] : []),
  );
const crlDps = (...points: DpSpec[]): Ext => ({ oid: '2.5.29.31', value: der.seq(...points.map(distributionPoint)) });
const freshest = (u: string): Ext => ({ oid: '2.5.29.46', value: der.seq(distributionPoint({ uris: [u] })) });
const deltaIndicator = (base: number): Ext => ({ oid: '2.5.29.27', critical: true, value: der.int(base) });

const codes = (r: { failures: readonly { code: string }[] }) => r.failures.map((f) => f.code);

describe('RFC 5280 6.3 CRL processing', async () => {
  const root = await generateCertificate({ subject: 'Root', keys: await generateKeys(kind), kind, ca: true });
  const ca = await generateCertificate({ subject: 'Issuing CA', issuer: root, keys: await generateKeys(kind), kind, ca: true });
  const issue = (serial: number, extensions: Ext[] = [], issuer: TestIssuer = ca) =>
    generateCertificate({ subject: `leaf ${serial}`, issuer, keys: ca.keys, kind, serial, extensions });
  const leaf = await issue(4242);
  const serial = leaf.certificate.serialNumber;
  const run = async (target: Certificate, crls: Uint8Array[], extra: Partial<{ certificates: Certificate[]; path: Certificate[] }> = {}) =>
    validatePath({
      path: extra.path ?? [target, ca.certificate, root.certificate],
      time: NOW,
      revocation: { mode: 'require', crls: await Promise.all(crls.map((c) => parseCrl(c))), certificates: extra.certificates },
    });
  const rootCrl = generateCrl({ issuer: root });

  it('uses a CRL scoped to user certificates by a critical issuingDistributionPoint', async () => {
    const crl = await generateCrl({ issuer: ca, extensions: [idp({ userCerts: true })] });
    expect(codes(await run(leaf.certificate, [crl, await rootCrl]))).toEqual([]);
    const revoked = await generateCrl({ issuer: ca, revokedSerials: [serial], extensions: [idp({ userCerts: true })] });
    expect(codes(await run(leaf.certificate, [revoked, await rootCrl]))).toEqual(['revoked']);
  });

  it('does not use a CRL scoped to CA certificates, or to attribute certificates, for an end-entity certificate', async () => {
    for (const scope of [{ caCerts: true }, { attributeCerts: true }]) {
      const crl = await generateCrl({ issuer: ca, extensions: [idp(scope)] });
      expect(codes(await run(leaf.certificate, [crl, await rootCrl]))).toEqual(['revocationUnknown']);
    }
    // A user-only CRL of the root says nothing about the CA certificate under it.
    const userOnly = await generateCrl({ issuer: root, extensions: [idp({ userCerts: true })] });
    expect(codes(await run(leaf.certificate, [await generateCrl({ issuer: ca }), userOnly]))).toEqual(['revocationUnknown']);
  });

  it('matches the distribution point name of the CRL against the certificate', async () => {
    const pointed = await issue(11, [crlDps({ uris: ['http://crl.example/a.crl'] })]);
    const matching = await generateCrl({ issuer: ca, extensions: [idp({ uris: ['http://crl.example/a.crl'] })] });
    const other = await generateCrl({ issuer: ca, extensions: [idp({ uris: ['http://crl.example/b.crl'] })] });
    expect(codes(await run(pointed.certificate, [matching, await rootCrl]))).toEqual([]);
    expect(codes(await run(pointed.certificate, [other, await rootCrl]))).toEqual(['revocationUnknown']);
  });

  it('needs reason partitions that cover every reason before a certificate is good', async () => {
    const low = [1, 2, 3, 4];
    const high = [5, 6, 7, 8];
    const target = await issue(12, [crlDps({ uris: ['http://crl.example/low.crl'], reasons: low }, { uris: ['http://crl.example/high.crl'], reasons: high })]);
    const lowCrl = await generateCrl({ issuer: ca, extensions: [idp({ uris: ['http://crl.example/low.crl'], reasons: low })] });
    const highCrl = await generateCrl({ issuer: ca, crlNumber: 2, extensions: [idp({ uris: ['http://crl.example/high.crl'], reasons: high })] });
    expect(codes(await run(target.certificate, [lowCrl, await rootCrl]))).toEqual(['revocationUnknown']);
    expect(codes(await run(target.certificate, [lowCrl, highCrl, await rootCrl]))).toEqual([]);
    const highRevoked = await generateCrl({ issuer: ca, crlNumber: 3, entries: [{ serial: target.certificate.serialNumber, reason: 5 }], extensions: [idp({ uris: ['http://crl.example/high.crl'], reasons: high })] });
    expect(codes(await run(target.certificate, [lowCrl, highRevoked, await rootCrl]))).toEqual(['revoked']);
  });

  it('fails a certificate revoked only in the delta CRL', async () => {
    const base = await generateCrl({ issuer: ca, crlNumber: 10, extensions: [freshest('http://crl.example/delta.crl')] });
    const delta = await generateCrl({ issuer: ca, crlNumber: 11, entries: [{ serial, reason: 1 }], extensions: [deltaIndicator(10)] });
    const result = await run(leaf.certificate, [base, delta, await rootCrl]);
    expect(codes(result)).toEqual(['revoked']);
    expect(result.certificates[0]?.revocation).toMatchObject({ status: 'revoked', reasonCode: 1 });
  });

  it('never says good for a CRL that announces a delta until the delta is processed', async () => {
    const base = await generateCrl({ issuer: ca, crlNumber: 10, extensions: [freshest('http://crl.example/delta.crl')] });
    const result = await run(leaf.certificate, [base, await rootCrl]);
    expect(codes(result)).toEqual(['revocationUnknown']);
    expect(result.certificates[0]?.revocation?.status).toBe('unknown');
    // A delta of another base (number 12 > 10) does not apply.
    const stale = await generateCrl({ issuer: ca, crlNumber: 13, extensions: [deltaIndicator(12)] });
    expect(codes(await run(leaf.certificate, [base, stale, await rootCrl]))).toEqual(['revocationUnknown']);
    const empty = await generateCrl({ issuer: ca, crlNumber: 11, extensions: [deltaIndicator(10)] });
    expect(codes(await run(leaf.certificate, [base, empty, await rootCrl]))).toEqual([]);
    // A delta CRL alone is no complete CRL.
    expect(codes(await run(leaf.certificate, [empty, await rootCrl]))).toEqual(['revocationUnknown']);
  });

  it('honours removeFromCRL in a delta: a certificate on hold in the base and released in the delta is good', async () => {
    const base = await generateCrl({ issuer: ca, crlNumber: 20, entries: [{ serial, reason: 6 }], extensions: [freshest('http://crl.example/delta.crl')] });
    const delta = await generateCrl({ issuer: ca, crlNumber: 21, entries: [{ serial, reason: 8 }], extensions: [deltaIndicator(20)] });
    expect(codes(await run(leaf.certificate, [base, await rootCrl]))).toEqual(['revoked']);
    expect(codes(await run(leaf.certificate, [base, delta, await rootCrl]))).toEqual([]);
  });

  it('uses an indirect CRL named by cRLIssuer, with the certificateIssuer entry extension', async () => {
    const authority = await generateCertificate({ subject: 'CRL Authority', issuer: root, keys: await generateKeys(kind), kind, keyUsage: ['cRLSign'] });
    const target = await issue(13, [crlDps({ uris: ['http://crl.example/indirect.crl'], crlIssuer: encodeName('CRL Authority') })]);
    const indirect = (entries: Parameters<typeof generateCrl>[0]['entries']) =>
      generateCrl({ issuer: authority, entries, extensions: [idp({ uris: ['http://crl.example/indirect.crl'], indirect: true })] });
    const certificates = [authority.certificate];
    const revokedAt = new Date('2029-06-01T00:00:00Z');
    const invalidSince = new Date('2029-05-20T00:00:00Z');
    const listed = await run(target.certificate, [await indirect([{ serial: target.certificate.serialNumber, certificateIssuer: ca.certificate.subject.der, reason: 1, date: revokedAt, invalidityDate: invalidSince }]), await rootCrl], { certificates });
    expect(codes(listed)).toEqual(['revoked']);
    expect(listed.certificates[0]?.revocation).toMatchObject({ status: 'revoked', reasonCode: 1, revocationDate: revokedAt, invalidityDate: invalidSince });
    expect(listed.failures[0]?.message).toMatch(/leaf 13.*key compromise.*2029-06-01/i);
    expect(describeRevocation(target.certificate, listed.certificates[0]?.revocation as RevocationStatus)).toEqual({
      messageKey: 'pki.path.revoked',
      values: { certificate: 'CN=leaf 13', serial: target.certificate.serialNumberHex, date: revokedAt.toISOString(), reason: 'key compromise', reasonKey: 'crlReason.1' },
    });
    // The same serial listed for another issuer is another certificate.
    const otherIssuer = await run(target.certificate, [await indirect([{ serial: target.certificate.serialNumber, certificateIssuer: encodeName('Someone Else'), reason: 1 }]), await rootCrl], { certificates });
    expect(codes(otherIssuer)).toEqual([]);
    // Without the CRL issuer's certificate its signature cannot be trusted.
    expect(codes(await run(target.certificate, [await indirect([]), await rootCrl]))).not.toEqual([]);
  });

  it('verifies a CRL signed by a separate CRL-signing key of the CA through that key’s own path', async () => {
    const crlKeys = await generateKeys(kind);
    const crlSigner = await generateCertificate({ subject: 'Issuing CA', issuer: root, keys: crlKeys, kind, keyUsage: ['cRLSign'] });
    const crl = await generateCrl({ issuer: ca, signingKeys: crlKeys, revokedSerials: [serial] });
    expect(codes(await run(leaf.certificate, [crl, await rootCrl], { certificates: [crlSigner.certificate] }))).toEqual(['revoked']);
    // A signer certificate without cRLSign does not make the CRL usable.
    const noSign = await generateCertificate({ subject: 'Issuing CA', issuer: root, keys: crlKeys, kind, keyUsage: ['digitalSignature'] });
    expect(codes(await run(leaf.certificate, [crl, await rootCrl], { certificates: [noSign.certificate] }))).toEqual(['revocationCrlInvalid']);
  });

  it('follows a key rollover: a CRL still signed by the old key verifies through the old-with-new certificate', async () => {
    const oldKeys = await generateKeys(kind);
    const newRoot = await generateCertificate({ subject: 'Rolled Root', keys: await generateKeys(kind), kind, ca: true });
    const oldSelf: TestIssuer = { certificate: (await generateCertificate({ subject: 'Rolled Root', keys: oldKeys, kind, ca: true })).certificate, keys: oldKeys, kind };
    const oldWithNew = await generateCertificate({ subject: 'Rolled Root', issuer: newRoot, keys: oldKeys, kind, ca: true });
    const target = await issue(14, [], newRoot);
    const crl = await generateCrl({ issuer: oldSelf, revokedSerials: [target.certificate.serialNumber] });
    const path = [target.certificate, newRoot.certificate];
    expect(codes(await run(target.certificate, [crl], { path, certificates: [oldWithNew.certificate] }))).toEqual(['revoked']);
    expect(codes(await run(target.certificate, [crl], { path }))).toEqual(['revocationCrlInvalid']);
  });
});
