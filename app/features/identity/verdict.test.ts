import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bytesToHex, stringToHex, zeroAddress, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { PathStatus, type Anchor, type Revocation } from '@/ledger';
import { pkcs12Signer } from '@/signers';
import { assessIdentity } from './verdict';

// The PKCS#12 fixtures: a P-256 CA issued the holders, and the files carry the CA.
const fixtures = path.resolve(import.meta.dirname, '../../pki/__fixtures__/keys');
const PASSWORD = 'correct horse battery staple';
const pemToDer = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64'));
const caDer = pemToDer(readFileSync(path.join(fixtures, 'ca.pem'), 'utf8'));
const sha256 = async (der: Uint8Array): Promise<Hex> => bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', der.slice())));

async function anchorOf(der: Uint8Array, status = 1): Promise<Anchor> {
  return {
    hash: await sha256(der),
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

const noRevocation = async (certificateHash: Hex): Promise<Revocation> => ({
  certificateHash,
  anchorHash: `0x${'00'.repeat(32)}`,
  reason: 0,
  effectiveAt: 0n,
  recordedAt: 0n,
  annulledAt: 0n,
  version: 0,
  by: zeroAddress,
  proposalId: 0n,
});

describe('assessIdentity', async () => {
  const signer = await pkcs12Signer({ data: new Uint8Array(readFileSync(path.join(fixtures, 'p256-modern.p12'))), password: PASSWORD });

  it('trusts a certificate whose path reaches an anchor the ledger trusts, and says which and since when', async () => {
    const anchor = await anchorOf(caDer);
    const asked: Hex[][] = [];
    const result = await assessIdentity({
      certificate: signer.certificate,
      chain: [],
      anchors: [anchor],
      revocationOf: noRevocation,
      checkPath: async (hashes) => (asked.push([...hashes]), { status: PathStatus.Ok, index: 0, ok: true }),
    });
    expect(result.path.valid).toBe(true);
    expect(result.verdict).toMatchObject({ trusted: true, country: 'BR', approvedAt: 1_700_000_000n });
    expect(asked).toEqual([[await sha256(signer.certificate), anchor.hash]]);
  });

  it('passes on the ledger\'s reason when it does not trust the anchor', async () => {
    const result = await assessIdentity({
      certificate: signer.certificate,
      chain: signer.chain,
      anchors: [await anchorOf(caDer, 2)],
      revocationOf: noRevocation,
      checkPath: async () => ({ status: PathStatus.AnchorSuspended, index: 1, ok: false }),
    });
    expect(result.verdict).toMatchObject({ trusted: false, reason: 'ledger', ledger: { status: PathStatus.AnchorSuspended, index: 1 } });
  });

  it('finds no path when no anchor issued the certificate', async () => {
    const result = await assessIdentity({
      certificate: signer.certificate,
      chain: signer.chain,
      anchors: [],
      revocationOf: noRevocation,
      checkPath: () => Promise.reject(new Error('not asked without a path')),
    });
    expect(result.verdict).toEqual({ trusted: false, reason: 'no-path' });
  });

  it('uses the Trust Store\'s revocation records in path validation', async () => {
    const leafHash = await sha256(signer.certificate);
    const result = await assessIdentity({
      certificate: signer.certificate,
      chain: [],
      anchors: [await anchorOf(caDer)],
      revocationOf: async (hash) => (hash === leafHash ? { ...(await noRevocation(hash)), reason: 1, effectiveAt: 1n, by: `0x${'11'.repeat(20)}` } : noRevocation(hash)),
      checkPath: async () => ({ status: PathStatus.Ok, index: 0, ok: true }),
    });
    expect(result.path.valid).toBe(false);
    expect(result.verdict).toEqual({ trusted: false, reason: 'no-path' });
  });

  it('lets the ledger name the certificate when the only fault of the path is a Trust Store revocation', async () => {
    const leafHash = await sha256(signer.certificate);
    const anchor = await anchorOf(caDer);
    const asked: Hex[][] = [];
    const result = await assessIdentity({
      certificate: signer.certificate,
      chain: [],
      anchors: [anchor],
      revocationOf: async (hash) => (hash === leafHash ? { ...(await noRevocation(hash)), reason: 1, effectiveAt: 1n, by: `0x${'11'.repeat(20)}` } : noRevocation(hash)),
      checkPath: async (hashes) => (asked.push([...hashes]), { status: PathStatus.CertificateRevoked, index: 0, ok: false }),
    });
    expect(result.path.valid).toBe(false);
    expect(asked).toEqual([[leafHash, anchor.hash]]);
    expect(result.certificateHashes).toEqual([leafHash, anchor.hash]);
    expect(result.verdict).toMatchObject({ trusted: false, reason: 'ledger', ledger: { status: PathStatus.CertificateRevoked, index: 0 }, anchor: { hash: anchor.hash } });
  });
});
