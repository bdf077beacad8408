import { useEffect, useState } from 'react';
import { ErrorMessage, useT } from '@/components';
import { certificateView } from '@/pki/keys';
import { fortifySigner, type CertificateSigner } from '@/signers';
import { connectFortify, detectFortify, FortifyError, type FortifyCertificate } from '@/signers/fortify';
import { markVerdictStart, useIdentitySession } from './session';

type State =
  | { readonly step: 'idle' }
  | { readonly step: 'detecting' }
  | { readonly step: 'not-running' }
  | { readonly step: 'approving'; readonly pin: string | undefined }
  | { readonly step: 'connected'; readonly certificates: readonly Named[] };

type Named = { readonly certificate: FortifyCertificate; readonly name: string };

/** The certificates that have a private key on the token, with the holder's name. */
async function signable(certificates: readonly FortifyCertificate[]): Promise<Named[]> {
  const withKeys = certificates.filter((c) => c.privateKeyIndex);
  return Promise.all(
    withKeys.map(async (certificate) => {
      const view = await certificateView(certificate.der).catch(() => undefined);
      return { certificate, name: view?.subject.commonName ?? view?.subject.text ?? certificate.certificateIndex };
    }),
  );
}

/** Fortify errors carry an English sentence; the UI shows the translated one for their class. */
function translatable(error: unknown): unknown {
  return error instanceof FortifyError ? { messageKey: `fortify.error.${error.name}` } : error;
}

/** Smart cards and USB tokens through the Fortify desktop app (its client scripts load only here). */
export function FortifySource({ onChosen }: { onChosen: (signer: CertificateSigner) => void }) {
  const t = useT();
  const [state, setState] = useState<State>({ step: 'idle' });
  const [error, setError] = useState<unknown>();
  const connection = useIdentitySession((s) => s.fortifyConnection);
  const removed = useIdentitySession((s) => s.tokenRemoved);
  const setConnection = useIdentitySession((s) => s.setFortifyConnection);

  // Back on this page with a live connection (or after a token change): list what the tokens hold now.
  useEffect(() => {
    if (!connection || connection.closed) return;
    let current = true;
    void connection
      .listCertificates()
      .then(signable)
      .then((certificates) => current && setState({ step: 'connected', certificates }))
      .catch((e: unknown) => current && setError(translatable(e)));
    return () => {
      current = false;
    };
  }, [connection, removed]);

  const connect = async () => {
    setError(undefined);
    setState({ step: 'detecting' });
    const found = await detectFortify();
    if (!found.running) return setState({ step: 'not-running' });
    try {
      setState({ step: 'approving', pin: undefined });
      const opened = await connectFortify({ onChallenge: (pin) => setState({ step: 'approving', pin }) });
      setConnection(opened);
    } catch (e) {
      setError(translatable(e));
      setState({ step: 'idle' });
    }
  };

  const use = async (certificate: FortifyCertificate) => {
    markVerdictStart();
    setError(undefined);
    try {
      onChosen(await fortifySigner(certificate));
    } catch (e) {
      setError(translatable(e));
    }
  };

  return (
    <section aria-labelledby="identity-fortify-title" data-testid="source-fortify">
      <h3 id="identity-fortify-title">{t('identity.fortify.title')}</h3>
      <p>{t('identity.fortify.intro')}</p>
      <button type="button" disabled={state.step === 'detecting' || state.step === 'approving'} onClick={() => void connect()}>
        {state.step === 'connected' ? t('identity.fortify.reconnect') : t('identity.fortify.connect')}
      </button>
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
      {state.step === 'connected' && state.certificates.length === 0 ? <p>{t('identity.fortify.none')}</p> : null}
      {state.step === 'connected' && state.certificates.length > 0 ? (
        <ul>
          {state.certificates.map(({ certificate, name }) => (
            <li key={`${certificate.provider.id}/${certificate.certificateIndex}`}>
              <button type="button" onClick={() => void use(certificate)}>
                {t('identity.fortify.use', { name, token: certificate.provider.name })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}
