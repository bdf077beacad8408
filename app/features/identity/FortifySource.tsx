import { useEffect, useRef, useState } from 'react';
import { ErrorMessage, useLocale, useT } from '@/components';
import type { Locale } from '@/i18n';
import { fortifySigner, type CertificateSigner } from '@/signers';
import {
  connectFortify,
  detectFortify,
  FortifyKeyNotFoundError,
  loadFortifyCertificatesElement,
  type FortifyConnection,
  type FortifySelection,
} from '@/signers/fortify';
import { useIdentitySession } from '@/store';
import { markVerdictStart } from '@/shared';

type State =
  | { readonly step: 'idle' }
  | { readonly step: 'detecting' }
  | { readonly step: 'not-running' }
  | { readonly step: 'approving'; readonly pin: string | undefined }
  | { readonly step: 'picking' };

/** The component's languages that match ours (it has no Chinese: English there). */
const PICKER_LANGUAGE: Readonly<Record<Locale, string>> = { en: 'en', 'pt-BR': 'pt', 'zh-CN': 'en' };

/**
 * `<peculiar-fortify-certificates>`, loaded on first render (~550 kB), lists the tokens' signing
 * certificates. It opens its own socket (it accepts none from outside) with the client scripts our
 * connection already loaded and the identity key it stored in IndexedDB, so the origin approved on
 * connecting is approved for it too: the user sees one PIN, ours.
 */
function CertificatePicker({ onSelected, onCancel }: { onSelected: (selection: FortifySelection) => void; onCancel: () => void }) {
  const host = useRef<HTMLDivElement>(null);
  const language = PICKER_LANGUAGE[useLocale()];
  const selected = useRef(onSelected);
  const cancelled = useRef(onCancel);
  useEffect(() => {
    selected.current = onSelected;
    cancelled.current = onCancel;
  });
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    let element: HTMLElement | undefined;
    let current = true;
    const success = (event: Event) => {
      const { certificateId, providerId, privateKeyId } = (event as CustomEvent<FortifySelection>).detail;
      selected.current({ certificateId, providerId, privateKeyId });
    };
    const cancel = () => cancelled.current();
    void loadFortifyCertificatesElement().then(
      () => {
        if (!current || !host.current) return;
        element = document.createElement('peculiar-fortify-certificates');
        // Properties, not attributes: the element reads objects. Only keys that can sign are offered.
        Object.assign(element, {
          language,
          hideFooter: false,
          filters: { onlyWithPrivateKey: true, keyUsage: ['digitalSignature'] },
        });
        element.addEventListener('selectionSuccess', success);
        element.addEventListener('selectionCancel', cancel);
        host.current.append(element);
      },
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
      element?.removeEventListener('selectionSuccess', success);
      element?.removeEventListener('selectionCancel', cancel);
      element?.remove();
    };
  }, [language]);

  return (
    <div ref={host} data-testid="fortify-certificates">
      {error ? <ErrorMessage error={error} /> : null}
    </div>
  );
}

/** Smart cards and USB tokens through the Fortify desktop app (its client scripts load only here). */
export function FortifySource({ onChosen }: { onChosen: (signer: CertificateSigner) => void }) {
  const t = useT();
  const [state, setState] = useState<State>({ step: 'idle' });
  const [error, setError] = useState<unknown>();
  const connection = useIdentitySession((s) => s.fortifyConnection);
  const removed = useIdentitySession((s) => s.tokenRemoved);
  const setConnection = useIdentitySession((s) => s.setFortifyConnection);

  const connect = async () => {
    setError(undefined);
    // Already connected (back on this page, or after a token change): just choose again.
    if (connection && !connection.closed) return setState({ step: 'picking' });
    setState({ step: 'detecting' });
    const found = await detectFortify();
    if (!found.running) return setState({ step: 'not-running' });
    try {
      setState({ step: 'approving', pin: undefined });
      // IndexedDB keeps the identity the user approves here; the component reuses it.
      const opened = await connectFortify({ onChallenge: (pin) => setState({ step: 'approving', pin }) });
      setConnection(opened);
      setState({ step: 'picking' });
    } catch (e) {
      setError(e);
      setState({ step: 'idle' });
    }
  };

  /** The selection names the certificate by ids; our connection holds that same certificate and key. */
  const use = async (opened: FortifyConnection, selection: FortifySelection) => {
    markVerdictStart();
    setError(undefined);
    try {
      const certificates = await opened.listCertificates({ providerId: selection.providerId });
      const certificate = certificates.find((c) => c.certificateIndex === selection.certificateId);
      if (!certificate?.privateKeyIndex) throw new FortifyKeyNotFoundError();
      onChosen(await fortifySigner(certificate));
      setState({ step: 'idle' });
    } catch (e) {
      setError(e);
    }
  };

  const live = connection && !connection.closed ? connection : undefined;
  return (
    <section aria-labelledby="identity-fortify-title" data-testid="source-fortify">
      <h3 id="identity-fortify-title">{t('identity.fortify.title')}</h3>
      <p>{t('identity.fortify.intro')}</p>
      {state.step === 'picking' ? null : (
        <button type="button" disabled={state.step === 'detecting' || state.step === 'approving'} onClick={() => void connect()}>
          {live ? t('identity.fortify.reconnect') : t('identity.fortify.connect')}
        </button>
      )}
      {state.step === 'detecting' ? <p aria-busy="true">{t('identity.fortify.detecting')}</p> : null}
      {state.step === 'not-running' ? (
        <div role="status" className="hint" data-testid="fortify-not-running">
          <p>{t('identity.fortify.notRunning')}</p>
          <ol>
            <li>
              {t('identity.fortify.install')} <a href="https://fortifyapp.com/" target="_blank" rel="noreferrer">fortifyapp.com</a>
            </li>
            <li>{t('identity.fortify.start')}</li>
            <li>{t('identity.fortify.localNetwork')}</li>
            <li>{t('identity.fortify.retry')}</li>
          </ol>
        </div>
      ) : null}
      {state.step === 'approving' ? (
        <p role="status" data-testid="fortify-pin">
          {state.pin ? t('identity.fortify.pin', { pin: state.pin }) : t('identity.fortify.waiting')}
        </p>
      ) : null}
      {removed ? <p role="alert" className="error">{t('identity.fortify.removed')}</p> : null}
      {state.step === 'picking' && live ? (
        <CertificatePicker onSelected={(selection) => void use(live, selection)} onCancel={() => setState({ step: 'idle' })} />
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}
