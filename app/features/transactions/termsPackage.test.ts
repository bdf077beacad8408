import { describe, expect, it } from 'vitest';
import { readTar, writeTar } from '@/pki';
import { memoHashOf, sha256Hex } from './draft';
import { checkTermsPackage, createTermsPackage, type PackageTerms } from './termsPackage';

const documentBytes = new TextEncoder().encode('%PDF-1.7 contract of sale, version 3');
const memo = 'soybeans, 40 t, FOB Santos';
const record = async (): Promise<PackageTerms> => ({
  amount: 123_456n,
  decimals: 2,
  currency: 'BRL',
  paymentReference: 'INV-2026-0042',
  memoHash: await memoHashOf(memo),
  payloadHash: await sha256Hex(documentBytes),
  deadline: 1_800_000_000n,
});

/** The package with one entry's bytes replaced. */
function changed(pkg: Uint8Array, name: string, data: Uint8Array): Uint8Array {
  return writeTar(readTar(pkg).map((e) => (e.name === name ? { name, data } : e)));
}

describe('terms package', () => {
  it('matches the record it was made for, and hands over the memo and the document', async () => {
    const terms = await record();
    const pkg = await createTermsPackage({ ...terms, memo: `  ${memo}\n`, document: { name: 'C:\\deals\\contract.pdf', bytes: documentBytes } });
    await expect(checkTermsPackage(pkg, terms)).resolves.toEqual({ matches: true, differing: [], memo, documentName: 'contract.pdf' });
  });

  it('names each part that differs: a memo or document changed in the package, terms changed on the record', async () => {
    const terms = await record();
    const pkg = await createTermsPackage({ ...terms, memo, document: { name: 'contract.pdf', bytes: documentBytes } });
    const otherMemo = changed(pkg, 'memo.txt', new TextEncoder().encode('soybeans, 4 t'));
    expect((await checkTermsPackage(otherMemo, terms)).differing).toEqual(['memo']);
    const otherDocument = changed(pkg, 'document-contract.pdf', new TextEncoder().encode('another contract'));
    expect(await checkTermsPackage(otherDocument, terms)).toMatchObject({ matches: false, differing: ['document'] });
    expect((await checkTermsPackage(pkg, { ...terms, amount: 123_457n, currency: 'CNY', deadline: 1n })).differing).toEqual(['amount', 'currency', 'deadline']);
  });

  it('checks terms and memo alone when the package carries no document', async () => {
    const terms = await record();
    const pkg = await createTermsPackage({ ...terms, memo });
    await expect(checkTermsPackage(pkg, terms)).resolves.toMatchObject({ matches: true, documentName: undefined });
  });

  it('refuses a file that is not a terms package', async () => {
    await expect(checkTermsPackage(writeTar([{ name: 'record.json', data: new TextEncoder().encode('{}') }]), await record())).rejects.toThrow(TypeError);
  });
});
