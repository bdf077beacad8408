import { describe, expect, it } from 'vitest';
import { der, generateCertificate, generateKeys, generatePath, type TestIssuer } from '../__fixtures__/generate';
import { buildAndValidatePath, defaultPathBuildingLimits, Oid } from '../index';

const NOW = new Date('2030-01-01T00:00:00Z');

describe('buildPath', () => {
  it('builds and validates a 4-level path from an unordered pool', async () => {
    const { path, root, leaf } = await generatePath('P-256', 4);
    const result = await buildAndValidatePath({ target: leaf.certificate, intermediates: [path[2]!.certificate, path[1]!.certificate], trustAnchors: [root.certificate], time: NOW });
    expect(result.valid).toBe(true);
    expect(result.valid && result.path.map((c) => c.fingerprintSha256)).toEqual(path.map((p) => p.certificate.fingerprintSha256));
    expect(result.valid && result.validation.certificates.map((r) => r.role)).toEqual(['target', 'intermediate', 'intermediate', 'anchor']);
  });

  it('reports an unknown issuer as an untrusted root', async () => {
    const { leaf, root } = await generatePath('P-256', 3);
    const other = await generatePath('P-256', 2);
    const result = await buildAndValidatePath({ target: leaf.certificate, intermediates: [], trustAnchors: [other.root.certificate], time: NOW });
    expect(result.valid).toBe(false);
    expect(root.certificate.subject.key).toBe(other.root.certificate.subject.key); // same name, different key
  });

  it('follows a cross-certificate to the only trusted root', async () => {
    const kind = 'P-256';
    const oldRoot = await generateCertificate({ subject: 'Old Root', keys: await generateKeys(kind), kind, ca: true });
    const newRoot = await generateCertificate({ subject: 'New Root', keys: await generateKeys(kind), kind, ca: true });
    const caKeys = await generateKeys(kind);
    const caUnderOld = await generateCertificate({ subject: 'Issuing CA', issuer: oldRoot, keys: caKeys, kind, ca: true });
    const caUnderNew = await generateCertificate({ subject: 'Issuing CA', issuer: newRoot, keys: caKeys, kind, ca: true });
    const leaf = await generateCertificate({ subject: 'leaf', issuer: caUnderOld, keys: await generateKeys(kind), kind, dnsNames: ['leaf.example'] });
    for (const anchor of [oldRoot, newRoot]) {
      const result = await buildAndValidatePath({ target: leaf.certificate, intermediates: [caUnderOld.certificate, caUnderNew.certificate], trustAnchors: [anchor.certificate], time: NOW });
      expect(result.valid).toBe(true);
      expect(result.valid && result.path[2]?.fingerprintSha256).toBe(anchor.certificate.fingerprintSha256);
    }
  });

  it('tries every anchor that shares a name until one key verifies', async () => {
    const kind = 'P-256';
    const rolledOver = await generateCertificate({ subject: 'National Root', keys: await generateKeys(kind), kind, ca: true, omitKeyIdentifiers: false });
    const current = await generateCertificate({ subject: 'National Root', keys: await generateKeys(kind), kind, ca: true });
    const leaf = await generateCertificate({ subject: 'signer', issuer: current, keys: await generateKeys(kind), kind });
    const result = await buildAndValidatePath({ target: leaf.certificate, trustAnchors: [rolledOver.certificate, current.certificate], time: NOW });
    expect(result.valid && result.path[1]?.fingerprintSha256).toBe(current.certificate.fingerprintSha256);
    // Only the rolled-over anchor: no path, and the failure names the certificate and the candidate with its name and another key.
    const alone = await buildAndValidatePath({ target: leaf.certificate, trustAnchors: [rolledOver.certificate], time: NOW });
    expect(!alone.valid && alone.reason).toBe('no-path');
    expect(!alone.valid && alone.failures.map((f) => f.message)).toContainEqual(
      expect.stringMatching(/^the signature of "CN=signer" does not verify with the key of the candidate issuer "CN=National Root" \(same name, different key\)/),
    );
  });

  it('backtracks past a candidate that fails only full validation (EKU) and records why', async () => {
    const kind = 'P-256';
    const root = await generateCertificate({ subject: 'Root', keys: await generateKeys(kind), kind, ca: true });
    const caKeys = await generateKeys(kind);
    const good = await generateCertificate({ subject: 'CA', issuer: root, keys: caKeys, kind, ca: true, extKeyUsage: [Oid.serverAuth], notBefore: new Date('2020-01-01T00:00:00Z') });
    // Issued later, so tried first; it does not allow serverAuth.
    const bad = await generateCertificate({ subject: 'CA', issuer: root, keys: caKeys, kind, ca: true, extKeyUsage: [Oid.clientAuth], notBefore: new Date('2021-01-01T00:00:00Z') });
    const leaf = await generateCertificate({ subject: 'leaf', issuer: good, keys: await generateKeys(kind), kind, dnsNames: ['leaf.example'], extKeyUsage: [Oid.serverAuth] });
    const result = await buildAndValidatePath({
      target: leaf.certificate,
      intermediates: [bad.certificate, good.certificate],
      trustAnchors: [root.certificate],
      time: NOW,
      requiredExtendedKeyUsages: [Oid.serverAuth],
      extendedKeyUsageOnIssuers: true,
    });
    expect(result.valid).toBe(true);
    expect(result.valid && result.path[1]?.fingerprintSha256).toBe(good.certificate.fingerprintSha256);
    expect(result.attempts.map((a) => a.failures.map((f) => f.code))).toEqual([['extendedKeyUsage'], []]);
    // Without the good CA, a path is built and fails: that is 'path-failed', not 'no-path'.
    const failed = await buildAndValidatePath({ target: leaf.certificate, intermediates: [bad.certificate], trustAnchors: [root.certificate], time: NOW, requiredExtendedKeyUsages: [Oid.serverAuth], extendedKeyUsageOnIssuers: true });
    expect(!failed.valid && [failed.reason, failed.failures.map((f) => f.code)]).toEqual(['path-failed', ['extendedKeyUsage']]);
  });

  it('detects loops between mutually cross-signed CAs with no anchor', async () => {
    const kind = 'P-256';
    const aKeys = await generateKeys(kind);
    const bKeys = await generateKeys(kind);
    const aSelf = await generateCertificate({ subject: 'A', keys: aKeys, kind, ca: true });
    const bSelf = await generateCertificate({ subject: 'B', keys: bKeys, kind, ca: true });
    const aByB = await generateCertificate({ subject: 'A', issuer: bSelf, keys: aKeys, kind, ca: true });
    const bByA = await generateCertificate({ subject: 'B', issuer: aSelf, keys: bKeys, kind, ca: true });
    const leaf = await generateCertificate({ subject: 'leaf', issuer: aSelf, keys: await generateKeys(kind), kind });
    const untrusted = await generateCertificate({ subject: 'Elsewhere', keys: await generateKeys(kind), kind, ca: true });
    const result = await buildAndValidatePath({ target: leaf.certificate, intermediates: [aByB.certificate, bByA.certificate], trustAnchors: [untrusted.certificate], time: NOW });
    expect(result.valid).toBe(false);
    expect(!result.valid && result.reason).toBe('no-path');
    expect(!result.valid && result.failures.some((f) => f.code === 'loop')).toBe(true);
  });

  it('stops a hostile pool with a clear too-complex failure', async () => {
    const kind = 'P-256';
    const root = await generateCertificate({ subject: 'Root', keys: await generateKeys(kind), kind, ca: true });
    const decoys: TestIssuer[] = [];
    // Same name as the leaf's issuer, none of them its key: each costs a signature check (each its
    // own key, since checks are memoised per issuer key).
    for (let i = 0; i < 12; i++) decoys.push(await generateCertificate({ subject: 'Issuing CA', issuer: root, keys: await generateKeys(kind), kind, ca: true, serial: 5000 + i }));
    const realIssuer = await generateCertificate({ subject: 'Issuing CA', keys: await generateKeys(kind), kind, ca: true });
    const leaf = await generateCertificate({ subject: 'leaf', issuer: realIssuer, keys: await generateKeys(kind), kind });
    const result = await buildAndValidatePath({ target: leaf.certificate, intermediates: decoys.map((d) => d.certificate), trustAnchors: [root.certificate], time: NOW, limits: { maxSignatureChecks: 5 } });
    expect(result.valid).toBe(false);
    expect(!result.valid && result.reason).toBe('too-complex');
    expect(!result.valid && result.failures[0]?.messageKey).toBe('pki.path.tooComplex');
    // The work is bounded by the limits, whatever the machine's speed.
    expect(result.work.signatureChecks).toBeLessThanOrEqual(5);
  });

  it('finds the real issuer among 200 decoys that copy its name and key identifier with other keys', async () => {
    const kind = 'P-256';
    const root = await generateCertificate({ subject: 'Root', keys: await generateKeys(kind), kind, ca: true });
    const real = await generateCertificate({ subject: 'Issuing CA', issuer: root, keys: await generateKeys(kind), kind, ca: true, notBefore: new Date('2020-01-01T00:00:00Z') });
    const leaf = await generateCertificate({ subject: 'leaf', issuer: real, keys: await generateKeys(kind), kind, dnsNames: ['leaf.example'] });
    const realKeyId = real.certificate.subjectKeyIdentifier as Uint8Array;
    const rootKeyId = root.certificate.subjectKeyIdentifier as Uint8Array;
    // Newer than the real CA (so a most-recent-first order meets them first), valid, CA, same name, same
    // subject key identifier, each its own key, signed by the real root: they differ from it only in the key.
    const decoys = await Promise.all(
      Array.from({ length: 200 }, async (_, i) =>
        (
          await generateCertificate({
            subject: 'Issuing CA',
            issuer: root,
            keys: await generateKeys(kind),
            kind,
            ca: true,
            serial: 9000 + i,
            notBefore: new Date(Date.UTC(2021, 0, 1 + i)),
            omitKeyIdentifiers: true,
            extensions: [
              { oid: '2.5.29.14', value: der.octet(realKeyId) },
              { oid: '2.5.29.35', value: der.seq(der.ctx(0, rootKeyId)) },
            ],
          })
        ).certificate,
      ),
    );
    const result = await buildAndValidatePath({ target: leaf.certificate, intermediates: [...decoys, real.certificate], trustAnchors: [root.certificate], time: NOW });
    expect(result.valid).toBe(true);
    expect(result.valid && result.path[1]?.fingerprintSha256).toBe(real.certificate.fingerprintSha256);
    // Decoys cost no signature checks: the real issuer is checked first.
    expect(result.work.signatureChecks).toBeLessThanOrEqual(defaultPathBuildingLimits.maxSignatureChecks / 10);
  });
});
