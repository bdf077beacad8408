import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bytesToHex, stringToHex, zeroAddress, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { PathStatus, type Anchor, type Revocation } from '@/ledger';
import { parseCertificate } from '@/pki';
import { pkcs12Signer } from '@/signers';
import { assessIdentity, trustStoreRevocationChecker } from './verdict';

// The PKCS#12 fixtures: a P-256 CA issued the holders, and the files carry the CA.
const fixtures = path.resolve(import.meta.dirname, '../pki/__fixtures__/keys');
const PASSWORD = 'correct horse battery staple';
const pemToDer = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64'));
const caDer = pemToDer(readFileSync(path.join(fixtures, 'ca.pem'), 'utf8'));
/** A certificate's identity: SHA-256 of its tbsCertificate, as the contracts name it. */
const identity = async (der: Uint8Array): Promise<Hex> => `0x${(await parseCertificate(der)).identity}`;

async function anchorOf(der: Uint8Array, status = 1): Promise<Anchor> {
  return {
    hash: await identity(der),
    country: stringToHex('BR', { size: 2 }),
    spkiHash: `0x${'00'.repeat(32)}`,
    notBefore: 0n,
    notAfter: 0n,
    status,
    proposalId: 7n,
    exceptions: 0,
    history: [{ status: 1, at: 1_700_000_000n }],
    der: bytesToHex(der),
  };
}

const noRevocation = async (certificateHash: Hex, anchorHash: Hex = `0x${'00'.repeat(32)}`): Promise<Revocation> => ({
  certificateHash,
  anchorHash,
  reason: 0,
  effectiveAt: 0n,
  recordedAt: 0n,
  annulledAt: 0n,
  version: 0,
  by: zeroAddress,
  proposalId: 0n,
});

/** A Trust Store revocation record of `hash` under `anchorHash` (annulled at `annulledAt`, or standing). */
const revokedRecord = async (anchorHash: Hex, hash: Hex, annulledAt = 0n): Promise<Revocation> => ({
  ...(await noRevocation(hash, anchorHash)),
  reason: 1,
  effectiveAt: 1n,
  annulledAt,
  version: 1,
  by: `0x${'11'.repeat(20)}`,
});

describe('assessIdentity', async () => {
  const signer = await pkcs12Signer({ data: new Uint8Array(readFileSync(path.join(fixtures, 'p256-modern.p12'))), password: PASSWORD });
  const leafHash = await identity(signer.certificate);
  /** The holder's certificate assessed with no chain, no anchor and no revocation, but for what a test gives. */
  const assess = (parameters: Partial<Parameters<typeof assessIdentity>[0]> & Pick<Parameters<typeof assessIdentity>[0], 'checkPath'>) =>
    assessIdentity({ certificate: signer.certificate, chain: [], anchors: [], revocationOf: noRevocation, ...parameters });
  /** The CA's Trust Store revoked the leaf. */
  const leafRevokedByCa = async (anchorHash: Hex, hash: Hex) => (hash === leafHash && anchorHash === (await identity(caDer)) ? revokedRecord(anchorHash, hash) : noRevocation(hash, anchorHash));

  it('trusts a certificate whose path reaches an anchor the ledger trusts, and says which and since when', async () => {
    const anchor = await anchorOf(caDer);
    const asked: Hex[][] = [];
    const result = await assess({
      anchors: [anchor],
      checkPath: async (hashes) => (asked.push([...hashes]), { status: PathStatus.Ok, index: 0, ok: true }),
    });
    expect(result.path.valid).toBe(true);
    expect(result.verdict).toMatchObject({ trusted: true, country: 'BR', approvedAt: 1_700_000_000n });
    expect(asked).toEqual([[await identity(signer.certificate), anchor.hash]]);
  });

  it('passes on the ledger\'s reason when it does not trust the anchor', async () => {
    const result = await assess({
      chain: signer.chain,
      anchors: [await anchorOf(caDer, 2)],
      checkPath: async () => ({ status: PathStatus.AnchorSuspended, index: 1, ok: false }),
    });
    expect(result.verdict).toMatchObject({ trusted: false, reason: 'ledger', ledger: { status: PathStatus.AnchorSuspended, index: 1 } });
  });

  it('finds no path when no anchor issued the certificate', async () => {
    const result = await assess({
      chain: signer.chain,
      checkPath: () => Promise.reject(new Error('not asked without a path')),
    });
    expect(result.verdict).toEqual({ trusted: false, reason: 'no-path' });
  });

  it('uses the Trust Store\'s revocation records in path validation', async () => {
    const result = await assess({
      anchors: [await anchorOf(caDer)],
      revocationOf: leafRevokedByCa,
      checkPath: async () => ({ status: PathStatus.Ok, index: 0, ok: true }),
    });
    expect(result.path.valid).toBe(false);
    // A path was built and failed (on the revocation), which is not "no path".
    expect(result.verdict).toEqual({ trusted: false, reason: 'path-failed' });
  });

  it('ignores a revocation recorded under another anchor, and one annulled', async () => {
    const otherAnchor: Hex = `0x${'ab'.repeat(32)}`;
    for (const record of [
      // The ledger keeps records per (anchor, certificate): the path's anchor has none for the leaf.
      (anchorHash: Hex, hash: Hex) => (hash === leafHash && anchorHash === otherAnchor ? revokedRecord(otherAnchor, hash) : noRevocation(hash, anchorHash)),
      (anchorHash: Hex, hash: Hex) => (hash === leafHash ? revokedRecord(anchorHash, hash, 1_700_000_001n) : noRevocation(hash, anchorHash)),
    ]) {
      const asked: Hex[] = [];
      const result = await assess({
        anchors: [await anchorOf(caDer)],
        revocationOf: async (anchorHash, hash) => (asked.push(anchorHash), record(anchorHash, hash)),
        checkPath: async () => ({ status: PathStatus.Ok, index: 0, ok: true }),
      });
      expect(result.path.valid).toBe(true);
      expect(asked).toEqual([await identity(caDer)]);
    }
  });

  it('lets the ledger name the certificate when the only fault of the path is a Trust Store revocation', async () => {
    const anchor = await anchorOf(caDer);
    const asked: Hex[][] = [];
    const result = await assess({
      anchors: [anchor],
      revocationOf: leafRevokedByCa,
      checkPath: async (hashes) => (asked.push([...hashes]), { status: PathStatus.CertificateRevoked, index: 0, ok: false }),
    });
    expect(result.path.valid).toBe(false);
    expect(asked).toEqual([[leafHash, anchor.hash]]);
    expect(result.certificateHashes).toEqual([leafHash, anchor.hash]);
    expect(result.verdict).toMatchObject({ trusted: false, reason: 'ledger', ledger: { status: PathStatus.CertificateRevoked, index: 0 }, anchor: { hash: anchor.hash } });
  });

  describe('with trust routes', () => {
    const route = { ledger: 'Ledger of China', country: 'CN', provenBlock: 9n, provenAt: 1_000n, holdSeconds: 60, now: 1_030n, blockNumber: 40n };
    const routesFor = (asked: string[], snapshot = route, revoked = false) => ({
      anchors: [{ hash: '' as Hex, der: bytesToHex(caDer) }],
      checkRoutedPath: async (hashes: readonly Hex[]) => (asked.push('checkRoutedPath'), { status: 1 as const, revoked, index: revoked ? 0 : hashes.length - 1 }),
      routeOf: async () => (asked.push('routeOf'), snapshot),
    });

    it('builds the path to a routed anchor and trusts it while the route is live, as the registries do', async () => {
      const asked: string[] = [];
      const routes = { ...routesFor(asked), anchors: [{ hash: await identity(caDer), der: bytesToHex(caDer) }] };
      const result = await assess({
        checkPath: async (hashes) => ({ status: PathStatus.UnknownAnchor, index: hashes.length - 1, ok: false }),
        routes,
      });
      expect(result.verdict).toMatchObject({ trusted: true, anchorHash: await identity(caDer), country: 'CN', route });
      expect(asked.sort()).toEqual(['checkRoutedPath', 'routeOf']);
    });

    it('fails closed on a stale route, and names the certificate the peer revoked', async () => {
      const hashes = { anchors: [{ hash: await identity(caDer), der: bytesToHex(caDer) }] };
      const unknownAnchor = async (h: readonly Hex[]) => ({ status: PathStatus.UnknownAnchor, index: h.length - 1, ok: false });
      const stale = await assess({ checkPath: unknownAnchor, routes: { ...routesFor([], { ...route, now: 1_061n }), ...hashes } });
      expect(stale.verdict).toMatchObject({ trusted: false, reason: 'route', revokedIndex: undefined });
      const revoked = await assess({ checkPath: unknownAnchor, routes: { ...routesFor([], route, true), ...hashes } });
      expect(revoked.verdict).toMatchObject({ trusted: false, reason: 'route', revokedIndex: 0 });
    });

    it('leaves an anchor the Trust Store knows to the Trust Store: a route for it is not asked', async () => {
      const asked: string[] = [];
      const result = await assess({
        anchors: [await anchorOf(caDer, 2)],
        checkPath: async () => ({ status: PathStatus.AnchorSuspended, index: 1, ok: false }),
        routes: { ...routesFor(asked), anchors: [{ hash: await identity(caDer), der: bytesToHex(caDer) }] },
      });
      expect(result.verdict).toMatchObject({ trusted: false, reason: 'ledger', ledger: { status: PathStatus.AnchorSuspended } });
      expect(asked).toEqual([]);
    });
  });

  it('starts the ledger reads of the source\'s certificates together under the path\'s anchor, each once', async () => {
    const [leaf, ca] = await Promise.all([parseCertificate(signer.certificate), parseCertificate(caDer)]);
    // Any third certificate stands for an intermediate the source carries.
    const intermediate = await parseCertificate(new Uint8Array(readFileSync(path.resolve(import.meta.dirname, '../pki/__fixtures__/der/ac-serpro-sslv1.der'))));
    const started: Hex[] = [];
    const release: (() => void)[] = [];
    const revocationOf = (anchorHash: Hex, certificateHash: Hex) => {
      started.push(certificateHash);
      return new Promise<Revocation>((resolve) => release.push(() => void noRevocation(certificateHash, anchorHash).then(resolve)));
    };
    const check = trustStoreRevocationChecker(revocationOf, { readAhead: [leaf, intermediate, ca] });
    const first = check({ certificate: leaf, issuer: ca, anchor: ca, time: new Date() });
    // Before any answer, both reads are under way (the anchor itself is not read).
    expect(new Set(started)).toEqual(new Set([`0x${leaf.identity}`, `0x${intermediate.identity}`]));
    release.forEach((r) => r());
    expect(await first).toMatchObject({ status: 'good' });
    expect(await check({ certificate: intermediate, issuer: ca, anchor: ca, time: new Date() })).toMatchObject({ status: 'good' });
    expect(started).toHaveLength(2);
  });
});
