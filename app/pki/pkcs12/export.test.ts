import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY_USAGE, certificateDer, generateDemoKeyPair, issueCertificate } from '../demo/issue';
import { digest, toHex } from '../bytes';
import { Pkcs12WrongPasswordError } from '../errors';
import { importPkcs12 } from './import';
import { exportPkcs12 } from './export';

describe('exportPkcs12', () => {
  it.each(['rsa-2048', 'p-256'] as const)('writes a %s holder that OpenSSL and importPkcs12 open with the password', async (type) => {
    const keys = await generateDemoKeyPair(type);
    const certificate = certificateDer(
      await issueCertificate({
        subject: [['C', 'BR'], ['CN', `Export ${type}`]],
        publicKey: keys.publicKey,
        selfSigningKey: keys.privateKey,
        serialNumber: '0a0b',
        notBefore: new Date('2026-01-01T00:00:00Z'),
        notAfter: new Date('2036-01-01T00:00:00Z'),
        keyUsage: KEY_USAGE.digitalSignature,
        hash: 'SHA-256',
      }),
    );
    const password = 'pässwörd 1';
    const p12 = await exportPkcs12({ privateKey: keys.privateKey, certificates: [certificate], password, friendlyName: 'Demo holder' });

    const imported = await importPkcs12({ data: p12, password });
    expect(imported.leaf).toEqual(certificate);
    expect(imported.friendlyName).toBe('Demo holder');
    await expect(importPkcs12({ data: p12, password: 'password' })).rejects.toBeInstanceOf(Pkcs12WrongPasswordError);

    const dir = mkdtempSync(join(tmpdir(), 'p12-export-'));
    try {
      writeFileSync(join(dir, 'out.p12'), p12);
      const info = spawnSync('openssl', ['pkcs12', '-in', join(dir, 'out.p12'), '-passin', `pass:${password}`, '-nodes', '-info'], {
        encoding: 'utf8',
      });
      expect(info.status).toBe(0);
      expect(info.stderr).toContain('MAC: sha256');
      expect(info.stderr).toContain('Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC');
      expect(info.stdout).toContain('friendlyName: Demo holder');
      expect(info.stdout).toContain(`localKeyID: ${toHex(await digest('SHA-1', certificate)).toUpperCase().replace(/(..)(?!$)/g, '$1 ')}`);
      expect(info.stdout).toContain('-----BEGIN PRIVATE KEY-----');
      const wrong = spawnSync('openssl', ['pkcs12', '-in', join(dir, 'out.p12'), '-passin', 'pass:nope', '-nodes'], { encoding: 'utf8' });
      expect(wrong.status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
