import { useId, useState } from 'react';
import type { Hex } from 'viem';
import { ErrorMessage, useT } from '@/components';
import { readBoundedFile } from '@/pki';
import { memoHashOf, sha256Hex } from './draft';
import { checkTermsPackage, TERMS_PACKAGE_MAX_BYTES, type PackageTerms, type TermsPackageCheck } from './termsPackage';

type Outcome = { readonly name: string; readonly matches: boolean } | { readonly name: string; readonly hashing: true };

/**
 * "Check my copy": a counterparty drops their copy of the document (or types the memo they were
 * sent) and this browser hashes it the way the record does (SHA-256 of the file's bytes; of the
 * trimmed memo's UTF-8) and says whether it matches. Nothing leaves the page.
 */
export function CheckCopy({ payloadHash, memoHash, terms }: { payloadHash: Hex; memoHash: Hex; terms: PackageTerms }) {
  const t = useT();
  const fileId = useId();
  const memoId = useId();
  const packageId = useId();
  const [termsPackage, setTermsPackage] = useState<{ name: string; check?: TermsPackageCheck; error?: unknown }>();
  const checkPackage = async (file: File | undefined) => {
    if (!file) return;
    try {
      const check = await checkTermsPackage(await readBoundedFile(file, TERMS_PACKAGE_MAX_BYTES), terms);
      setTermsPackage({ name: file.name, check });
    } catch (error) {
      setTermsPackage({ name: file.name, error });
    }
  };
  const [over, setOver] = useState(false);
  const [document, setDocument] = useState<Outcome>();
  const [memo, setMemo] = useState<boolean>();
  const check = async (file: File | undefined) => {
    if (!file) return;
    setDocument({ name: file.name, hashing: true });
    const hash = await sha256Hex(new Uint8Array(await file.arrayBuffer()));
    setDocument({ name: file.name, matches: hash.toLowerCase() === payloadHash.toLowerCase() });
  };
  return (
    <section aria-labelledby={`${fileId}-title`} className="card" data-testid="check-copy">
      <h4 id={`${fileId}-title`}>{t('record.check.title')}</h4>
      <div
        className={over ? 'dropzone over' : 'dropzone'}
        data-testid="dropzone"
        onDragOver={(e) => (e.preventDefault(), setOver(true))}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void check(e.dataTransfer.files[0]);
        }}
      >
        <p>{t('record.check.help')}</p>
        <label htmlFor={fileId}>{t('record.check.choose')}</label> <input id={fileId} type="file" onChange={(e) => void check(e.target.files?.[0])} />
      </div>
      <p aria-live="polite" data-testid="check-document">
        {document === undefined ? null : 'hashing' in document ? (
          t('record.check.hashing', { name: document.name })
        ) : document.matches ? (
          <span className="match">✓ {t('record.check.match', { name: document.name })}</span>
        ) : (
          <span className="mismatch">✕ {t('record.check.mismatch', { name: document.name })}</span>
        )}
      </p>
      <p>
        <label htmlFor={memoId}>{t('record.check.memo')}</label>{' '}
        <textarea
          id={memoId}
          onChange={(e) => {
            const text = e.target.value;
            if (text.trim() === '') return setMemo(undefined);
            void memoHashOf(text).then((hash) => setMemo(hash.toLowerCase() === memoHash.toLowerCase()));
          }}
        />
      </p>
      <p aria-live="polite" data-testid="check-memo">
        {memo === undefined ? null : memo ? <span className="match">✓ {t('record.check.memoMatch')}</span> : <span className="mismatch">✕ {t('record.check.memoMismatch')}</span>}
      </p>
      <p>
        <label htmlFor={packageId}>{t('record.package.choose')}</label> <input id={packageId} type="file" accept=".tar,application/x-tar" onChange={(e) => void checkPackage(e.target.files?.[0])} />
      </p>
      <div aria-live="polite" data-testid="check-package">
        {termsPackage?.error instanceof TypeError ? <p className="mismatch">✕ {t('record.package.notPackage', { name: termsPackage.name })}</p> : null}
        {termsPackage?.error !== undefined && !(termsPackage.error instanceof TypeError) ? <ErrorMessage error={termsPackage.error} /> : null}
        {termsPackage?.check?.matches ? (
          <p className="match">
            ✓ {termsPackage.check.documentName ? t('record.package.match', { name: termsPackage.check.documentName }) : t('record.package.matchNoDocument')}
          </p>
        ) : null}
        {termsPackage?.check && !termsPackage.check.matches ? (
          <p className="mismatch">✕ {t('record.package.mismatch', { parts: termsPackage.check.differing.map((part) => t(`record.package.part.${part}`)).join(', ') })}</p>
        ) : null}
        {termsPackage?.check?.memo ? (
          <blockquote data-testid="package-memo" aria-label={t('record.check.memo')}>
            {termsPackage.check.memo}
          </blockquote>
        ) : null}
      </div>
    </section>
  );
}
