// The ustar writer against GNU tar (the tool a verifier uses), and the reader on damaged archives.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTar, writeTar } from './tar';

const entries = [
  { name: 'README.txt', data: new TextEncoder().encode('hello\n') },
  { name: 'empty.bin', data: new Uint8Array(0) },
  { name: 'block.bin', data: Uint8Array.from({ length: 1025 }, (_, i) => i % 251) },
];

describe('ustar archive', () => {
  it('is listed and extracted byte for byte by tar, and read back by readTar', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tar-'));
    const file = path.join(dir, 'a.tar');
    writeFileSync(file, writeTar(entries));
    expect(execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).trim().split('\n')).toEqual(entries.map((e) => e.name));
    execFileSync('tar', ['-xf', file, '-C', dir]);
    for (const e of entries) expect(new Uint8Array(readFileSync(path.join(dir, e.name)))).toEqual(e.data);
    expect(readTar(readFileSync(file))).toEqual(entries);
  });

  it('reads an archive GNU tar wrote', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tar-'));
    writeFileSync(path.join(dir, 'one.txt'), 'one');
    execFileSync('tar', ['--format=ustar', '-cf', 'b.tar', 'one.txt'], { cwd: dir });
    expect(readTar(readFileSync(path.join(dir, 'b.tar')))).toEqual([{ name: 'one.txt', data: new TextEncoder().encode('one') }]);
  });

  it('refuses a damaged header, a truncated entry and a name with a folder', () => {
    const archive = writeTar(entries);
    const damaged = archive.slice();
    damaged[0] = damaged[0]! ^ 1;
    expect(() => readTar(damaged)).toThrow(/checksum/);
    expect(() => readTar(archive.slice(0, 512 * 5))).toThrow(/past the end/);
    expect(() => writeTar([{ name: 'a/b', data: new Uint8Array(1) }])).toThrow(RangeError);
  });
});
