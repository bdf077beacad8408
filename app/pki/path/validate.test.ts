import { describe, expect, it } from 'vitest';
import { der, generateCertificate, generateKeys, type GenerateCertificateParameters, type TestIssuer } from '../__fixtures__/generate';
import { type Certificate, Oid, type RevocationChecker, validatePath } from '../index';

const NOW = new Date('2030-01-01T00:00:00Z');
const kind = 'P-256';
const P1 = '1.3.6.1.4.1.99999.1';
const P2 = '1.3.6.1.4.1.99999.2';
const P3 = '1.3.6.1.4.1.99999.3';

type Level = Omit<GenerateCertificateParameters, 'issuer' | 'keys' | 'kind' | 'subject'> & { subject?: string };

/** A path root -> cas... -> leaf from per-level options; returns it target first. */
async function chain(root: Level, cas: Level[], leaf: Level): Promise<Certificate[]> {
  let issuer: TestIssuer = await generateCertificate({ subject: 'Root', keys: await generateKeys(kind), kind, ca: true, ...root });
  const path = [issuer.certificate];
  for (const [i, ca] of cas.entries()) {
    issuer = await generateCertificate({ subject: `CA ${i + 1}`, issuer, keys: await generateKeys(kind), kind, ca: true, ...ca });
    path.unshift(issuer.certificate);
  }
  const end = await generateCertificate({ subject: 'leaf', issuer, keys: await generateKeys(kind), kind, dnsNames: ['www.example.com'], ...leaf });
  return [end.certificate, ...path];
}

const codes = (result: { failures: readonly { code: string }[] }) => result.failures.map((f) => f.code);

describe('validatePath: basic constraints and key usage', () => {
  it('enforces pathLenConstraint and does not count self-issued intermediates', async () => {
    const tooLong = await chain({ pathLen: 0 }, [{}], {});
    expect(codes(await validatePath({ path: tooLong, time: NOW }))).toEqual(['pathLengthExceeded']);
    const ok = await chain({ pathLen: 1 }, [{}], {});
    expect((await validatePath({ path: ok, time: NOW })).valid).toBe(true);
  });

  it('requires keyCertSign on issuers and the asked usages on the target', async () => {
    const path = await chain({}, [{ keyUsage: ['cRLSign'] }], {});
    expect(codes(await validatePath({ path, time: NOW }))).toContain('keyUsage');
    const leafPath = await chain({}, [], { keyUsage: ['digitalSignature'] });
    expect(codes(await validatePath({ path: leafPath, time: NOW, requiredKeyUsages: ['nonRepudiation'] }))).toEqual(['keyUsage']);
    expect((await validatePath({ path: leafPath, time: NOW, requiredKeyUsages: ['digitalSignature'] })).valid).toBe(true);
  });

  it('refuses an issuer that is not a CA', async () => {
    const path = await chain({}, [{ ca: false, keyUsage: ['digitalSignature'] }], {});
    expect(codes(await validatePath({ path, time: NOW }))).toContain('notCa');
  });

  it('rejects unknown critical extensions', async () => {
    const path = await chain({}, [], { extensions: [{ oid: '1.3.6.1.4.1.99999.77', critical: true, value: der.null() }] });
    expect(codes(await validatePath({ path, time: NOW }))).toEqual(['unknownCriticalExtension']);
  });

  it('checks validity at the given time, to the second', async () => {
    const path = await chain({}, [], { notBefore: new Date('2030-01-01T00:00:01Z') });
    expect(codes(await validatePath({ path, time: new Date('2030-01-01T00:00:00.999Z') }))).toEqual(['notYetValid']);
    expect((await validatePath({ path, time: new Date('2030-01-01T00:00:01Z') })).valid).toBe(true);
  });
});

describe('validatePath: name constraints', () => {
  it('applies permitted and excluded DNS subtrees of every CA', async () => {
    const permitted = await chain({ permittedDns: ['example.com'] }, [], { dnsNames: ['www.example.com'] });
    expect((await validatePath({ path: permitted, time: NOW })).valid).toBe(true);
    const outside = await chain({ permittedDns: ['example.com'] }, [], { dnsNames: ['www.example.org'] });
    expect(codes(await validatePath({ path: outside, time: NOW }))).toEqual(['nameConstraintsViolated']);
    const excluded = await chain({}, [{ excludedDns: ['secret.example.com'] }], { dnsNames: ['db.secret.example.com'] });
    expect(codes(await validatePath({ path: excluded, time: NOW }))).toEqual(['nameConstraintsViolated']);
  });
});

describe('validatePath: certificate policies (RFC 5280 6.1)', () => {
  it('returns the policies common to the path and honours initial_policy_set with explicit policy', async () => {
    const path = await chain({}, [{ policies: [P1, P2] }], { policies: [P1] });
    const result = await validatePath({ path, time: NOW, initialExplicitPolicy: true, initialPolicySet: [P1] });
    expect(result.valid).toBe(true);
    expect(result.validPolicies).toEqual([P1]);
    expect(codes(await validatePath({ path, time: NOW, initialExplicitPolicy: true, initialPolicySet: [P3] }))).toEqual(['policyRequired']);
    // Without explicit policy a policy mismatch is not an error.
    expect((await validatePath({ path, time: NOW, initialPolicySet: [P3] })).valid).toBe(true);
  });

  it('follows policy mappings unless mapping is inhibited', async () => {
    const mapped = await chain({}, [{ policies: [P1] }, { policies: [P1], policyMappings: [[P1, P2]] }], { policies: [P2] });
    expect((await validatePath({ path: mapped, time: NOW, initialExplicitPolicy: true, initialPolicySet: [P1] })).valid).toBe(true);
    expect(codes(await validatePath({ path: mapped, time: NOW, initialExplicitPolicy: true, initialPolicySet: [P1], initialPolicyMappingInhibit: true }))).toEqual(['policyRequired']);
    const inhibitedByCa = await chain({}, [{ policies: [P1], inhibitPolicyMapping: 0 }, { policies: [P1], policyMappings: [[P1, P2]] }], { policies: [P2] });
    expect(codes(await validatePath({ path: inhibitedByCa, time: NOW, initialExplicitPolicy: true, initialPolicySet: [P1] }))).toEqual(['policyRequired']);
  });

  it('applies requireExplicitPolicy from a CA and inhibitAnyPolicy', async () => {
    const required = await chain({}, [{ policies: [P1], requireExplicitPolicy: 0 }], {});
    expect(codes(await validatePath({ path: required, time: NOW }))).toEqual(['policyRequired']);
    const viaAny = await chain({}, [{ policies: [Oid.anyPolicy] }, { policies: [Oid.anyPolicy] }], { policies: [P1] });
    expect((await validatePath({ path: viaAny, time: NOW, initialExplicitPolicy: true })).valid).toBe(true);
    expect(codes(await validatePath({ path: viaAny, time: NOW, initialExplicitPolicy: true, initialAnyPolicyInhibit: true }))).toEqual(['policyRequired']);
    const inhibited = await chain({}, [{ policies: [Oid.anyPolicy], inhibitAnyPolicy: 0 }, { policies: [Oid.anyPolicy] }], { policies: [P1] });
    expect(codes(await validatePath({ path: inhibited, time: NOW, initialExplicitPolicy: true }))).toEqual(['policyRequired']);
  });

  it('narrows an anyPolicy path to the initial policy set (6.1.5 g)', async () => {
    const path = await chain({}, [{ policies: [Oid.anyPolicy] }], { policies: [Oid.anyPolicy] });
    const result = await validatePath({ path, time: NOW, initialExplicitPolicy: true, initialPolicySet: [P1, P2] });
    expect(result.valid).toBe(true);
    expect([...result.validPolicies].sort()).toEqual([P1, P2]);
    const mixed = await chain({}, [{ policies: [P1, Oid.anyPolicy] }], { policies: [Oid.anyPolicy] });
    expect([...(await validatePath({ path: mixed, time: NOW, initialExplicitPolicy: true, initialPolicySet: [P1, P2] })).validPolicies].sort()).toEqual([P1, P2]);
  });

  it('bounds the policy tree against mapping explosions', async () => {
    const many = Array.from({ length: 40 }, (_, i) => `1.3.6.1.4.1.99999.10.${i}`);
    const targets = Array.from({ length: 40 }, (_, i) => `1.3.6.1.4.1.99999.20.${i}`);
    const path = await chain({}, [{ policies: many }, { policies: [Oid.anyPolicy], policyMappings: many.flatMap((p) => targets.map((q) => [p, q] as const)) }], { policies: [Oid.anyPolicy] });
    expect(codes(await validatePath({ path, time: NOW, maxPolicyNodes: 500 }))).toEqual(['policyTreeTooComplex']);
  });
});

describe('validatePath: revocation', () => {
  const path = chain({}, [{}], {});

  it('fails a certificate the caller-provided check reports revoked (e.g. on-chain)', async () => {
    const leafFingerprint = (await path)[0]!.fingerprintSha256;
    const check: RevocationChecker = async ({ certificate }) => (certificate.fingerprintSha256 === leafFingerprint ? { status: 'revoked', source: 'ledger' } : { status: 'good', source: 'ledger' });
    const result = await validatePath({ path: await path, time: NOW, revocation: { mode: 'require', check } });
    expect(codes(result)).toEqual(['revoked']);
    expect(result.certificates[0]?.revocation).toEqual({ status: 'revoked', source: 'ledger' });
  });

  it('distinguishes require, prefer and off when no status is available', async () => {
    const check: RevocationChecker = async () => ({ status: 'unknown', source: 'ledger', reason: 'offline' });
    expect(codes(await validatePath({ path: await path, time: NOW, revocation: { mode: 'require', check } }))).toEqual(['revocationUnknown', 'revocationUnknown']);
    expect((await validatePath({ path: await path, time: NOW, revocation: { mode: 'prefer', check } })).valid).toBe(true);
    const off = await validatePath({ path: await path, time: NOW, revocation: { mode: 'off', check } });
    expect(off.certificates.some((r) => r.checked.includes('revocation'))).toBe(false);
  });
});

describe('validatePath: algorithm policy', () => {
  it('refuses RSA keys under 2048 bits unless the profile allows them', async () => {
    const root = await generateCertificate({ subject: 'Weak Root', keys: await generateKeys('RSA', 1024), kind: 'RSA', ca: true });
    const leaf = await generateCertificate({ subject: 'leaf', issuer: root, keys: await generateKeys('P-256'), kind: 'P-256' });
    const path = [leaf.certificate, root.certificate];
    expect(codes(await validatePath({ path, time: NOW }))).toEqual(['algorithmRefused']);
    const lenient = await validatePath({ path, time: NOW, algorithmPolicy: { minRsaModulusBits: 1024, sha1AllowedBefore: undefined, rsaModulusMultipleOf8: true, ecCurves: ['1.2.840.10045.3.1.7'] } });
    expect(lenient.valid).toBe(true);
  });
});

describe('validatePath: signature algorithms', () => {
  it('accepts SHA-1 only before the cut-off and refuses MD5 always', async () => {
    const notBefore = new Date('2010-01-01T00:00:00Z');
    const root = await generateCertificate({ subject: 'RSA Root', keys: await generateKeys('RSA'), kind: 'RSA', ca: true, notBefore });
    const sha1 = await generateCertificate({ subject: 'leaf', issuer: root, keys: await generateKeys('P-256'), kind: 'P-256', rsaHash: 'SHA-1', notBefore });
    expect((await validatePath({ path: [sha1.certificate, root.certificate], time: new Date('2015-06-01T00:00:00Z') })).valid).toBe(true);
    expect(codes(await validatePath({ path: [sha1.certificate, root.certificate], time: NOW }))).toEqual(['algorithmRefused']);
    const md5 = await generateCertificate({ subject: 'leaf', issuer: root, keys: await generateKeys('P-256'), kind: 'P-256', fakeSignatureAlgorithm: '1.2.840.113549.1.1.4', notBefore });
    expect(codes(await validatePath({ path: [md5.certificate, root.certificate], time: new Date('2015-06-01T00:00:00Z') }))).toEqual(['algorithmRefused']);
  });

  it('reports an unknown signature algorithm as unsupported, never as a bad signature', async () => {
    const path = await chain({}, [], { fakeSignatureAlgorithm: '1.3.6.1.4.1.99999.5.5' });
    const result = await validatePath({ path, time: NOW });
    expect(codes(result)).toEqual(['unsupportedAlgorithm']);
    expect(result.failures[0]?.messageKey).toBe('pki.path.unsupportedAlgorithm');
    expect(result.failures[0]?.certificateIndex).toBe(0);
  });

  it('reports a signature by another key as a bad signature', async () => {
    const [leaf, root] = await chain({}, [], {});
    const [, otherRoot] = await chain({}, [], {});
    expect(codes(await validatePath({ path: [leaf!, otherRoot!], time: NOW }))).toEqual(['badSignature']);
    expect(root!.subject.key).toBe(otherRoot!.subject.key);
  });
});
