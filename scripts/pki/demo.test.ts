import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCmsSignature, cryptoKeySigner, verifyCmsSignature, toPem, importPkcs12, openPkcs12, verifySm2Signature } from '../../app/pki/index.ts';
import * as asn1js from 'asn1js';
import { generateDemoPkis, runDemo, type GenerateDemoPkisResult } from './demo.ts';

let base: string;
let dir: string;
let first: GenerateDemoPkisResult;

const file = (relative: string) => path.join(dir, relative);
const certificate = (relative: string) => pkijs.Certificate.fromBER(new Uint8Array(readFileSync(file(relative))));

/** Signed bytes, signature and SPKI of a certificate file, exactly as encoded. */
function parts(relative: string) {
  const der = new Uint8Array(readFileSync(file(relative)));
  const [tbs, algorithm, signature] = (asn1js.fromBER(der.buffer).result as asn1js.Sequence).valueBlock.value as [
    asn1js.Sequence,
    asn1js.Sequence,
    asn1js.BitString,
  ];
  return {
    tbs: new Uint8Array(tbs.valueBeforeDecodeView),
    spki: new Uint8Array(tbs.valueBlock.value[6]!.valueBeforeDecodeView),
    signature: new Uint8Array(signature.valueBlock.valueHexView),
    signatureAlgorithm: (algorithm.valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString(),
  };
}

beforeAll(async () => {
  base = mkdtempSync(path.join(tmpdir(), 'demo-pki-'));
  dir = path.join(base, 'demo');
  first = await generateDemoPkis(dir);
}, 60_000);

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('generateDemoPkis', () => {
  it('writes every file of the manifest, with the SHA-256 the manifest states', () => {
    expect(first.created).toBe(true);
    expect(JSON.parse(readFileSync(file('manifest.json'), 'utf8'))).toEqual(first.manifest);
    const entries = first.manifest.pkis.flatMap((pki) => [pki.root, ...pki.intermediates, ...pki.holders]);
    expect(entries).toHaveLength(12);
    for (const entry of entries) {
      expect(createHash('sha256').update(readFileSync(file(entry.der))).digest('hex')).toBe(entry.sha256);
      expect(readFileSync(file(entry.pem), 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
    }
    for (const holder of first.manifest.pkis.flatMap((pki) => pki.holders)) {
      expect(holder.pkcs12).toBeDefined();
      expect(statSync(file(holder.pkcs12!)).mode & 0o077).toBe(0);
    }
  });

  it('builds paths that OpenSSL validates, with the Brazil-shaped key sizes and hashes', () => {
    for (const pki of first.manifest.pkis.filter((p) => p.id !== 'cn-sm2')) {
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

  it('gives holders PKCS#12 files that open with the printed password and sign CMS that OpenSSL verifies against the demo root', async () => {
    for (const pki of first.manifest.pkis.filter((p) => p.id !== 'cn-sm2')) {
      const holder = pki.holders[0]!;
      const imported = await importPkcs12({ data: new Uint8Array(readFileSync(file(holder.pkcs12!))), password: first.manifest.password });
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
      // OpenSSL builds holder -> CA (embedded) -> root (trusted) and checks the S/MIME signing purpose.
      writeFileSync(path.join(base, 'content.bin'), content);
      writeFileSync(path.join(base, 'signature.p7s'), signed.contentInfo);
      const run = spawnSync(
        'openssl',
        ['cms', '-verify', '-binary', '-inform', 'DER', '-in', path.join(base, 'signature.p7s'), '-content', path.join(base, 'content.bin')]
          .concat(['-CAfile', file(pki.root.pem), '-out', '/dev/null']),
        { encoding: 'utf8' },
      );
      expect(run.stderr.trim()).toBe('CMS Verification successful');
      expect(run.status).toBe(0);
    }
  });

  it('builds an SM2-with-SM3 path whose every link OpenSSL (dgst -sm3, default ID) and verifySm2Signature accept', () => {
    const sm2 = first.manifest.pkis.find((pki) => pki.id === 'cn-sm2')!;
    const chain = [...sm2.holders[0]!.path].reverse(); // root first
    expect(chain).toHaveLength(3);
    for (let i = 0; i < chain.length; i++) {
      const issuer = parts(chain[Math.max(0, i - 1)]!);
      const subject = parts(chain[i]!);
      expect(subject.signatureAlgorithm).toBe('1.2.156.10197.1.501');
      expect(verifySm2Signature({ publicKey: issuer.spki, message: subject.tbs, signature: subject.signature })).toBe(true);
      writeFileSync(path.join(base, 'tbs.bin'), subject.tbs);
      writeFileSync(path.join(base, 'sig.bin'), subject.signature);
      writeFileSync(path.join(base, 'pub.pem'), toPem(issuer.spki, 'PUBLIC KEY'));
      const run = spawnSync(
        'openssl',
        ['dgst', '-sm3', '-sigopt', 'distid:1234567812345678', '-verify', path.join(base, 'pub.pem'), '-signature', path.join(base, 'sig.bin'), path.join(base, 'tbs.bin')],
        { encoding: 'utf8' },
      );
      expect(run.stdout.trim()).toBe('Verified OK');
    }
    const text = spawnSync('openssl', ['x509', '-in', file(sm2.holders[0]!.pem), '-noout', '-text'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('ASN1 OID: SM2');
  });

  it('gives the SM2 person and organisation PKCS#12 files that OpenSSL opens and that sign SM2 CMS', async () => {
    const sm2 = first.manifest.pkis.find((pki) => pki.id === 'cn-sm2')!;
    expect(sm2.holders.map((holder) => holder.kind)).toEqual(['person', 'company']);
    for (const holder of sm2.holders) {
      const info = spawnSync('openssl', ['pkcs12', '-in', file(holder.pkcs12!), '-passin', `pass:${first.manifest.password}`, '-nodes', '-nocerts'], { encoding: 'utf8' });
      expect(info.status).toBe(0);
      expect(info.stdout).toContain('BEGIN PRIVATE KEY');
      const opened = await openPkcs12({ data: new Uint8Array(readFileSync(file(holder.pkcs12!))), password: first.manifest.password });
      expect(opened.keyKind).toBe('sm2');
      if (opened.keyKind !== 'sm2') continue;
      expect(opened.leaf).toEqual(new Uint8Array(readFileSync(file(holder.der))));
      expect(opened.certificates).toHaveLength(3);
      const content = new Uint8Array(32).fill(0xcd);
      const signed = await createCmsSignature({ content, signerCertificate: opened.leaf, sign: async (data) => opened.privateKey.sign(data) });
      expect((await verifyCmsSignature({ contentInfo: signed.contentInfo, content })).valid).toBe(true);
      opened.privateKey.destroy();
    }
  });

  it('keeps an existing folder, regenerates it only with --force, and reports an incomplete one', async () => {
    const again = await generateDemoPkis(dir);
    expect(again.created).toBe(false);
    expect(again.manifest).toEqual(first.manifest);

    let printed = '';
    const io = { stdout: { write: (text: string) => (printed += text) }, stderr: { write: (text: string) => (printed += text) } };
    expect(await runDemo(['--out', dir, '--force'], io)).toBe(0);
    expect(printed).toContain(`PKCS#12 password of every demo holder: ${first.manifest.password}`);
    const regenerated = JSON.parse(readFileSync(file('manifest.json'), 'utf8')) as GenerateDemoPkisResult['manifest'];
    expect(regenerated.pkis[0]!.root.sha256).not.toBe(first.manifest.pkis[0]!.root.sha256);
    expect(existsSync(`${dir}.tmp-${process.pid}`)).toBe(false);
    first = { ...first, manifest: regenerated };

    expect(await runDemo(['--bogus'], io)).toBe(2);
    // A folder with a file missing is reported, not silently kept or overwritten.
    rmSync(file(regenerated.pkis[0]!.holders[0]!.pkcs12!));
    printed = '';
    expect(await runDemo(['--out', dir], io)).toBe(1);
    expect(printed).toContain('run with --force');
  }, 60_000);
});
