import { useId, useState } from 'react';
import { ErrorMessage, useT } from '@/components';
import { P7S_FILE_MAX_BYTES, readBoundedFile } from '@/pki';
import { checkSignatureFile, type RecordedSignatures, type SignatureFileCheck } from './signatureFile';

/**
 * A drop zone on the record page for verifiers: a party's .p7s or the evidence bundle, read up to the
 * .p7s cap (P7S_FILE_MAX_BYTES, refused by size before reading) and checked against the record.
 */
export function VerifyFile({ record, holderOf }: { record: RecordedSignatures; holderOf: (partyIndex: number) => string | undefined }) {
  const t = useT();
  const id = useId();
  const [over, setOver] = useState(false);
  const [state, setState] = useState<{ name: string; check?: SignatureFileCheck; error?: unknown }>();
  const check = async (file: File | undefined) => {
    if (!file) return;
    setState({ name: file.name });
    try {
      setState({ name: file.name, check: await checkSignatureFile(await readBoundedFile(file, P7S_FILE_MAX_BYTES), record) });
    } catch (error) {
      setState({ name: file.name, error });
    }
  };
  const result = state?.check;
  return (
    <section aria-labelledby={`${id}-title`} className="card" data-testid="verify-file">
      <h4 id={`${id}-title`}>{t('record.verifyFile.title')}</h4>
      <div
        className={over ? 'dropzone over' : 'dropzone'}
        data-testid="verify-dropzone"
        onDragOver={(e) => (e.preventDefault(), setOver(true))}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void check(e.dataTransfer.files[0]);
        }}
      >
        <p>{t('record.verifyFile.help')}</p>
        <label htmlFor={id}>{t('record.verifyFile.choose')}</label> <input id={id} type="file" accept=".p7s,.tar,application/pkcs7-signature,application/x-tar" onChange={(e) => void check(e.target.files?.[0])} />
      </div>
      <div aria-live="polite" data-testid="verify-file-result">
        {state && !result && state.error === undefined ? <p>{t('record.verifyFile.checking', { name: state.name })}</p> : null}
        {state?.error !== undefined ? <ErrorMessage error={state.error} /> : null}
        {result?.kind === 'p7s' && result.partyIndex !== undefined ? (
          <p className="match">✓ {t('record.verifyFile.p7sMatch', { name: state!.name, party: result.partyIndex + 1, holder: holderOf(result.partyIndex) ?? '—' })}</p>
        ) : null}
        {result?.kind === 'p7s' && result.partyIndex === undefined ? <p className="mismatch">✕ {t('record.verifyFile.p7sMismatch', { name: state!.name })}</p> : null}
        {result?.kind === 'bundle' && result.ok ? <p className="match">✓ {t('record.verifyFile.bundleMatch', { name: state!.name, count: result.count })}</p> : null}
        {result?.kind === 'bundle' && !result.ok ? (
          <p className="mismatch">✕ {t('record.verifyFile.bundleMismatch', { name: state!.name, detail: result.otherRecord ? t('record.verifyFile.otherRecord') : (result.failure ?? '') })}</p>
        ) : null}
      </div>
    </section>
  );
}
