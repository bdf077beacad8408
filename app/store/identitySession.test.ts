import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Sm2KeyDestroyedError } from '@/pki';
import { pkcs12Signer } from '@/signers';
import { useIdentitySession } from './identitySession';

const sm2File = () => new Uint8Array(readFileSync(path.resolve(import.meta.dirname, '../pki/__fixtures__/keys/sm2-pkcs12/holder-modern.p12')));
const open = () => pkcs12Signer({ data: sm2File(), password: 'sm2 fixture password' });

describe('identity session', () => {
  it('zeroes an SM2 software key when the person forgets its certificate', async () => {
    const signer = await open();
    useIdentitySession.getState().setSigner(signer);
    await signer.sign(new Uint8Array([0x31, 0x00]));
    useIdentitySession.getState().setSigner(undefined);
    await expect(signer.sign(new Uint8Array([0x31, 0x00]))).rejects.toBeInstanceOf(Sm2KeyDestroyedError);
  });

  it('zeroes the previous SM2 key when another certificate replaces it, and keeps the new one', async () => {
    const first = await open();
    const second = await open();
    useIdentitySession.getState().setSigner(first);
    useIdentitySession.getState().setSigner(second);
    await expect(first.sign(new Uint8Array([0x31, 0x00]))).rejects.toBeInstanceOf(Sm2KeyDestroyedError);
    expect((await second.sign(new Uint8Array([0x31, 0x00])))[0]).toBe(0x30);
    useIdentitySession.getState().setSigner(undefined);
  });
});
