import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCmsSignature, cryptoKeySigner, verifyCmsSignature } from '../../app/pki/cms.ts';
import { importPkcs12 } from '../../app/pki/pkcs12.ts';
import { generateDemoPkis, runDemo, type GenerateDemoPkisResult } from './demo.ts';

let base: string;
let dir: string;
let first: GenerateDemoPkisResult;

const file = (relative: string) => path.join(dir, relative);
const certificate = (relative: string) => pkijs.Certificate.fromBER(new Uint8Array(readFileSync(file(relative))));

beforeAll(async () => {
  base = mkdtempSync(path.join(tmpdir(), 'demo-pki-'));
  dir = path.join(base, 'demo');
  first = await generateDemoPkis(dir);
}, 60_000);

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('generateDemoPkis', () => {
  it('writes every file of the manifest, with the SHA-256 the manifest states, in well under 30 s', () => {
    expect(first.created).toBe(true);
    expect(first.elapsedMs).toBeLessThan(30_000);
    expect(JSON.parse(readFileSync(file('manifest.json'), 'utf8'))).toEqual(first.manifest);
    const entries = first.manifest.pkis.flatMap((pki) => [pki.root, ...pki.intermediates, ...pki.holders]);
    expect(entries).toHaveLength(8);
    for (const entry of entries) {
      expect(createHash('sha256').update(readFileSync(file(entry.der))).digest('hex')).toBe(entry.sha256);
      expect(readFileSync(file(entry.pem), 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
    }
    for (const holder of first.manifest.pkis.flatMap((pki) => pki.holders)) {
      expect(statSync(file(holder.pkcs12)).mode & 0o077).toBe(0);
    }
  });

  it('builds paths that OpenSSL validates, with the Brazil-shaped key sizes and hashes', () => {
    for (const pki of first.manifest.pkis) {
      for (const holder of pki.holders) {
        const run = spawnSync(
          'openssl',
          ['verify', '-x509_strict', '-CAfile', file(pki.root.pem), '-untrusted', file(pki.intermediates[0]!.pem), file(holder.pem)],
          { encoding: 'utf8' },
        );
        expect(run.stdout.trim()).toBe(`${file(holder.pem)}: OK`);
      }
    }
    const br = first.manifest.pkis.find((pki) => pki.id === 'br')!;
    const modulusBits = (relative: string) => {
      const spki = certificate(relative).subjectPublicKeyInfo.parsedKey as pkijs.RSAPublicKey;
      return (spki.modulus.valueBlock.valueHexView.length - (spki.modulus.valueBlock.valueHexView[0] === 0 ? 1 : 0)) * 8;
    };
    expect(modulusBits(br.root.der)).toBe(4096);
    expect(modulusBits(br.intermediates[0]!.der)).toBe(4096);
    for (const holder of br.holders) {
      expect(modulusBits(holder.der)).toBe(2048);
      expect(certificate(holder.der).signatureAlgorithm.algorithmId).toBe('1.2.840.113549.1.1.13'); // sha512WithRSAEncryption
    }
    expect(certificate(br.root.der).signatureAlgorithm.algorithmId).toBe('1.2.840.113549.1.1.13');
    const text = spawnSync('openssl', ['x509', '-in', file(br.holders[0]!.pem), '-noout', '-text'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('Digital Signature, Non Repudiation');
    expect(text).toContain('Policy: 2.16.76.1.2.3.');
    expect(text).toContain('othername: 2.16.76.1.3.1::');
  });

  it('gives holders PKCS#12 files that open with the printed password and sign CMS that OpenSSL accepts', async () => {
    for (const pki of first.manifest.pkis) {
      const holder = pki.holders[0]!;
      const imported = await importPkcs12({ data: new Uint8Array(readFileSync(file(holder.pkcs12))), password: first.manifest.password });
      expect(imported.leaf).toEqual(new Uint8Array(readFileSync(file(holder.der))));
      expect(imported.certificates).toHaveLength(3);
      const content = new Uint8Array(32).fill(0xab);
      const signed = await createCmsSignature({
        content,
        signerCertificate: imported.leaf,
        certificates: imported.certificates.slice(1, 2),
        sign: cryptoKeySigner(imported.privateKey),
      });
      expect((await verifyCmsSignature({ contentInfo: signed.contentInfo, content })).valid).toBe(true);
    }
  });

  it('keeps an existing folder, and regenerates it only with --force', async () => {
    const again = await generateDemoPkis(dir);
    expect(again.created).toBe(false);
    expect(again.manifest).toEqual(first.manifest);
    expect(await runDemo(['--out', dir, '--force'])).toBe(0);
    const regenerated = JSON.parse(readFileSync(file('manifest.json'), 'utf8'));
    expect(regenerated.pkis[0].root.sha256).not.toBe(first.manifest.pkis[0]!.root.sha256);
    expect(existsSync(`${dir}.tmp-${process.pid}`)).toBe(false);
    first = { ...first, manifest: regenerated };
  }, 60_000);
});
