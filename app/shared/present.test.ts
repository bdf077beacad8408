import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bytesToHex, stringToHex, zeroAddress, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { translate } from '@/i18n';
import { PathStatus, type Anchor } from '@/ledger';
import { parseCertificate } from '@/pki';
import { pkcs12Signer } from '@/signers';
import { der, generateCertificate, generateCrl, generateKeys } from '../pki/__fixtures__/generate';
import { describeVerdict, pathNodes, stripIcpBrasilNumber } from './present';
import { assessIdentity } from './verdict';

const fixtures = path.resolve(import.meta.dirname, '../pki/__fixtures__/keys');
const pemToDer = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64'));
const caDer = pemToDer(readFileSync(path.join(fixtures, 'ca.pem'), 'utf8'));
const t = (key: string, values?: Readonly<Record<string, string | number>>) => translate('en', key, values);

describe('the path and verdict as people read them', async () => {
  const signer = await pkcs12Signer({ data: new Uint8Array(readFileSync(path.join(fixtures, 'p256-modern.p12'))), password: 'correct horse battery staple' });
  const ca = await parseCertificate(caDer);
  const anchor: Anchor = {
    hash: `0x${ca.identity}`,
    country: stringToHex('BR', { size: 2 }),
    spkiHash: `0x${'00'.repeat(32)}`,
    notBefore: 0n,
    notAfter: 0n,
    status: 2,
    proposalId: 7n,
    exceptions: 0,
    history: [{ status: 1, at: 1_700_000_000n }],
    der: bytesToHex(caDer),
  };
  const assess = (status: number, index: number) =>
    assessIdentity({
      certificate: signer.certificate,
      chain: [],
      anchors: [anchor],
      revocationOf: async (anchorHash: Hex, certificateHash: Hex) => ({ certificateHash, anchorHash, reason: 0, effectiveAt: 0n, recordedAt: 0n, annulledAt: 0n, version: 0, by: zeroAddress, proposalId: 0n }),
      checkPath: async () => ({ status: status as PathStatus, index, ok: status === PathStatus.Ok }),
    });

  it('never says "valid" for an anchor the Trust Store has suspended, and names it in the verdict', async () => {
    const result = await assess(PathStatus.AnchorSuspended, 1);
    const nodes = pathNodes(result, t);
    expect(nodes.map((n) => n.role)).toEqual(['anchor', 'target']);
    expect(nodes[0]).toMatchObject({ state: 'untrusted', status: 'suspended by a member authority' });
    const verdict = describeVerdict(result, t, 'en');
    expect(verdict.state).toBe('untrusted');
    expect(verdict.text).toContain('is suspended by a member authority');
    expect(verdict.text).not.toMatch(/certificate \d/);
  });

  it('marks the anchor trusted when the Trust Store accepts the path', async () => {
    const nodes = pathNodes(await assess(PathStatus.Ok, 0), t);
    expect(nodes.map((n) => n.state)).toEqual(['trusted', 'trusted']);
  });

  it('shows both revocations, with their reasons, when the CA and the Trust Store both revoke a certificate', async () => {
    const crlUrl = 'http://crl.example/ca.crl';
    const uri = der.ctx(6, new TextEncoder().encode(crlUrl));
    const root = await generateCertificate({ subject: 'Present Test CA', keys: await generateKeys('P-256'), kind: 'P-256', ca: true });
    const leaf = await generateCertificate({ subject: 'Holder', issuer: root, keys: await generateKeys('P-256'), kind: 'P-256', serial: 0x4242, extensions: [{ oid: '2.5.29.31', value: der.seq(der.seq(der.explicit(0, der.explicit(0, uri)))) }] });
    // The CA: key compromise. The Trust Store: superseded.
    const crl = await generateCrl({ issuer: root, entries: [{ serial: leaf.certificate.serialNumber, reason: 1 }] });
    const rootAnchor: Anchor = { ...anchor, hash: `0x${root.certificate.identity}`, status: 1, der: bytesToHex(root.certificate.der) };
    const result = await assessIdentity({
      certificate: leaf.certificate.der,
      chain: [],
      anchors: [rootAnchor],
      time: new Date('2030-01-01T00:00:00Z'),
      fetch: async (input) => (String(input) === crlUrl ? new Response(new Uint8Array(crl)) : new Response('', { status: 404 })),
      revocationOf: async (anchorHash: Hex, certificateHash: Hex) => ({ certificateHash, anchorHash, reason: 4, effectiveAt: 1_800_000_000n, recordedAt: 1_800_000_000n, annulledAt: 0n, version: 1, by: '0x00000000000000000000000000000000000000aa', proposalId: 3n }),
      checkPath: async () => ({ status: PathStatus.CertificateRevoked as PathStatus, index: 0, ok: false }),
    });
    const target = pathNodes(result, t).find((n) => n.role === 'target');
    expect(target?.state).toBe('untrusted');
    expect(target?.status).toContain('revoked by its certification authority (Key compromise)');
    expect(target?.status).toContain('revoked in the Trust Store (Superseded)');
  });

  it('drops ICP-Brasil’s CPF or CNPJ suffix from the name, nothing else', () => {
    expect(stripIcpBrasilNumber('MARIA DA SILVA DEMO:12345678909')).toBe('MARIA DA SILVA DEMO');
    expect(stripIcpBrasilNumber('EMPRESA DEMO LTDA:12345678000195')).toBe('EMPRESA DEMO LTDA');
    expect(stripIcpBrasilNumber('Li Wei (demo)')).toBe('Li Wei (demo)');
    expect(stripIcpBrasilNumber('Ticket:123')).toBe('Ticket:123');
  });
});
