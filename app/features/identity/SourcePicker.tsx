import { useEffect, useId, useRef, useState } from 'react';
import { ErrorMessage, useLocale, useT } from '@/components';
import { prepareDateFormatting } from '@/i18n';
import { useNetwork } from '@/config';
import { demoSigner, pkcs12Signer, preparePkcs12Worker, type CertificateSigner, type DemoIdentity } from '@/signers';
import { PKCS12_FILE_MAX_BYTES, readBoundedFile } from '@/pki';
import { FortifySource } from './FortifySource';
import { useDemoIdentities } from './queries';
import { selectSetSigner, useIdentitySession } from '@/store';
import { markVerdictStart, stripIcpBrasilNumber } from '@/shared';

/** The holder's name from a demo identity's subject ("CN=MARIA DA SILVA DEMO:123..., OU=..."): no DN jargon on the button. */
const demoHolderName = (subject: string) => stripIcpBrasilNumber(/(?:^|,\s*)CN=([^,]+)/.exec(subject)?.[1]?.trim() ?? subject);

/** Where the certificate and its key come from: a demo identity, a PKCS#12 file, or a token via Fortify. */
export function SourcePicker() {
  // The worker that opens PKCS#12 files (demo ones too) loads while the person chooses.
  useEffect(() => {
    preparePkcs12Worker();
  }, []);
  // So do the date patterns the chosen certificate's validity is shown with.
  const locale = useLocale();
  useEffect(() => prepareDateFormatting(locale), [locale]);
  const t = useT();
  const network = useNetwork();
  const setSigner = useIdentitySession(selectSetSigner);
  const choose = (signer: CertificateSigner) => setSigner(signer);
  return (
    <section aria-labelledby="identity-source-title" className="sources">
      <h2 id="identity-source-title">{t('identity.source.title')}</h2>
      {network.embedded ? <DemoSource onChosen={choose} /> : null}
      <Pkcs12Source onChosen={choose} />
      <FortifySource onChosen={choose} />
    </section>
  );
}

function DemoSource({ onChosen }: { onChosen: (signer: CertificateSigner) => void }) {
  const t = useT();
  const demo = useDemoIdentities();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const use = async (identity: DemoIdentity, password: string) => {
    markVerdictStart();
    setBusy(identity.id);
    setError(undefined);
    try {
      onChosen(await demoSigner({ identity, password }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <section aria-labelledby="identity-demo-title" data-testid="source-demo">
      <h3 id="identity-demo-title">{t('identity.demo.title')}</h3>
      <p>{t('identity.demo.intro')}</p>
      {demo.error ? <ErrorMessage error={demo.error} /> : null}
      <ul className="demo-identities">
        {demo.data?.identities.map((identity) => (
          <li key={identity.id}>
            <button type="button" disabled={busy !== undefined} onClick={() => void use(identity, demo.data.password)}>
              {t('identity.demo.use', { subject: demoHolderName(identity.subject), country: t(`country.${identity.country}`) })}
            </button>
          </li>
        ))}
      </ul>
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}

function Pkcs12Source({ onChosen }: { onChosen: (signer: CertificateSigner) => void }) {
  const t = useT();
  const fileId = useId();
  const passwordId = useId();
  const form = useRef<HTMLFormElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const open = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const file = data.get('file');
    const password = String(data.get('password') ?? '');
    if (!(file instanceof File) || file.size === 0) return;
    markVerdictStart();
    setBusy(true);
    setError(undefined);
    try {
      onChosen(await pkcs12Signer({ data: await readBoundedFile(file, PKCS12_FILE_MAX_BYTES), password, label: file.name }));
      form.current?.reset();
    } catch (e) {
      setError(e);
    } finally {
      // The password lives only in the input; clear it whatever happened.
      const input = form.current?.elements.namedItem('password');
      if (input instanceof HTMLInputElement) input.value = '';
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="identity-pkcs12-title" data-testid="source-pkcs12">
      <h3 id="identity-pkcs12-title">{t('identity.pkcs12.title')}</h3>
      <form ref={form} onSubmit={(e) => void open(e)}>
        <label htmlFor={fileId}>{t('identity.pkcs12.file')}</label>{' '}
        <input id={fileId} name="file" type="file" accept=".p12,.pfx,application/x-pkcs12" required />{' '}
        <label htmlFor={passwordId}>{t('identity.pkcs12.password')}</label>{' '}
        <input id={passwordId} name="password" type="password" autoComplete="off" />{' '}
        <button type="submit" disabled={busy}>
          {t('identity.pkcs12.open')}
        </button>
      </form>
      <p className="hint">{t('identity.pkcs12.privacy')}</p>
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}
