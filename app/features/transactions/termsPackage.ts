// The terms package: what the proposer hands the counterparty off the ledger (the terms as proposed,
// the memo in clear and the document), as one ustar file bound to the record by its hashes. It needs no
// signature of its own: the co-signer's page checks every part against the hashes on the ledger, which
// the proposer's national certificate signs, so a changed package simply does not match.
import type { Hex } from 'viem';
import type { Terms } from '@/ledger';
import { readTar, writeTar } from '@/pki';
import { memoHashOf, sha256Hex } from './draft';

export const TERMS_PACKAGE_FORMAT = 'cross-border-terms/1';
/** Largest package read (the document dominates it); refused by size before it is read. */
export const TERMS_PACKAGE_MAX_BYTES = 64 * 1024 * 1024;

/** The terms as proposed, with the document's hash and the deadline the record carries. */
export type PackageTerms = Terms & {
  readonly payloadHash: Hex;
  /** Unix seconds. */
  readonly deadline: bigint;
};

export type CreateTermsPackageParameters = PackageTerms & { readonly memo: string; readonly document?: { readonly name: string; readonly bytes: Uint8Array } };

const files = { terms: 'terms.json', memo: 'memo.txt', document: (name: string) => `document-${name}` };

/** A file name safe inside a ustar entry: no directories, at most 90 characters. */
function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'document';
  return (base.replace(/[^\w.\- ]/g, '_') || 'document').slice(-90);
}

export async function createTermsPackage(parameters: CreateTermsPackageParameters): Promise<Uint8Array> {
  const { memo, document, ...terms } = parameters;
  const json = {
    format: TERMS_PACKAGE_FORMAT,
    ...terms,
    amount: terms.amount.toString(),
    deadline: terms.deadline.toString(),
    document: document ? { name: safeName(document.name), sha256: await sha256Hex(document.bytes) } : null,
  };
  const encoder = new TextEncoder();
  return writeTar([
    { name: files.terms, data: encoder.encode(`${JSON.stringify(json, null, 2)}\n`) },
    { name: files.memo, data: encoder.encode(memo.trim()) },
    ...(document ? [{ name: files.document(safeName(document.name)), data: document.bytes }] : []),
  ]);
}

/** The parts of a package compared with the record; `memo` and `documentName` are for the page to show. */
export type TermsPackageCheck = {
  readonly matches: boolean;
  /** Which parts differ from the record: amount, currency, reference, deadline, memo, document. */
  readonly differing: readonly ('amount' | 'currency' | 'reference' | 'deadline' | 'memo' | 'document')[];
  readonly memo: string;
  /** The document's name, when the package carries one; when it does not, only the terms and memo were checked. */
  readonly documentName: string | undefined;
};

/** Reads a package and compares it with the record; throws TypeError when the bytes are not a terms package. */
export async function checkTermsPackage(bytes: Uint8Array, record: PackageTerms): Promise<TermsPackageCheck> {
  const entries = readTar(bytes);
  const termsFile = entries.find((e) => e.name === files.terms);
  if (!termsFile) throw new TypeError('not a terms package: no terms.json');
  const terms = JSON.parse(new TextDecoder().decode(termsFile.data)) as Record<string, unknown>;
  if (terms.format !== TERMS_PACKAGE_FORMAT) throw new TypeError(`not a terms package of format ${TERMS_PACKAGE_FORMAT}`);
  const memo = new TextDecoder().decode(entries.find((e) => e.name === files.memo)?.data ?? new Uint8Array());
  const documentEntry = entries.find((e) => e.name.startsWith('document-'));
  const differing: TermsPackageCheck['differing'][number][] = [];
  if (terms.amount !== record.amount.toString() || terms.decimals !== record.decimals) differing.push('amount');
  if (terms.currency !== record.currency) differing.push('currency');
  if (terms.paymentReference !== record.paymentReference) differing.push('reference');
  if (terms.deadline !== record.deadline.toString()) differing.push('deadline');
  // The memo and the document are checked by their own bytes, not by the hashes the package states.
  if ((await memoHashOf(memo)).toLowerCase() !== record.memoHash.toLowerCase()) differing.push('memo');
  if (documentEntry && (await sha256Hex(documentEntry.data)).toLowerCase() !== record.payloadHash.toLowerCase()) differing.push('document');
  return { matches: differing.length === 0, differing, memo, documentName: documentEntry?.name.slice('document-'.length) };
}
