import { useLedgerNode, useRefreshLedgerOnNewBlocks } from '@/config';
import { CertificationPath, ErrorMessage, HashEntry, useLocale, useT, Verdict } from '@/components';
import { formatName, parseCertificateSync, type Certificate, type CertificateView } from '@/pki';
import type { CertificateSigner } from '@/signers';
import { Registration } from './Registration';
import { selectSetSigner, selectSigner, useIdentitySession } from '@/store';
import { SourcePicker } from './SourcePicker';
import { describeVerdict, holderName, pathNodes, QueryState, useAllAnchors, useCertificateView, useIdentityVerdict, useVerdictRoutes, type AssessIdentityReturnType } from '@/shared';
import { pathFailureText } from './pathFailureText';

export function IdentityPage() {
  const t = useT();
  useRefreshLedgerOnNewBlocks();
  // Read while the person chooses a certificate: the verdict needs them and they do not depend on it.
  useAllAnchors();
  useVerdictRoutes();
  const signer = useIdentitySession(selectSigner);
  const setSigner = useIdentitySession(selectSetSigner);
  return (
    <section aria-labelledby="identity-title">
      <h1 id="identity-title">{t('identity.title')}</h1>
      <p>{t('identity.intro')}</p>
      {signer ? (
        <>
          <p data-testid="chosen">
            {t('identity.chosen', { label: signer.label, kind: t(`identity.kind.${signer.kind}`) })}{' '}
            <button type="button" onClick={() => setSigner(undefined)}>
              {t('identity.forget')}
            </button>
          </p>
          {signer.keyStorage === 'software' ? (
            <p className="notice" data-testid="software-key">
              {t('identity.keyStorage.software')}
            </p>
          ) : null}
          {/* The verdict first: it is what a signer decides on. */}
          <VerdictSummary signer={signer} />
          <CertificateDetails signer={signer} />
          <TrustVerdict signer={signer} />
        </>
      ) : null}
      {/* Stays mounted once a certificate is chosen: a Fortify connection lives in it and reports a removed token. */}
      <SourcePicker />
    </section>
  );
}

/** The Trust Store's verdict on the chosen certificate, in one of four states, at the top of the page. */
function VerdictSummary({ signer }: { signer: CertificateSigner }) {
  const t = useT();
  const locale = useLocale();
  const verdict = useIdentityVerdict(signer);
  const node = useLedgerNode();
  return (
    <section aria-labelledby="identity-verdict-title" className="verdict-summary">
      <h2 id="identity-verdict-title">{t('identity.verdict.title')}</h2>
      {verdict.data ? (
        (() => {
          const { state, text } = describeVerdict(verdict.data, t, locale);
          const relay = verdict.data.verdict.trusted === false && verdict.data.verdict.reason === 'revocation-unknown' ? verdict.data.verdict.relayUnreachable : undefined;
          return (
            <Verdict state={state}>
              {text}
              {relay ? <span data-testid="relay-unreachable"> {t('identity.verdict.relayUnreachable', { url: relay })}</span> : null}
            </Verdict>
          );
        })()
      ) : verdict.error || node.isError ? (
        <Verdict state="unknown">{t('identity.verdict.unknown')}</Verdict>
      ) : (
        <Verdict state="checking">{t('identity.path.building')}</Verdict>
      )}
    </section>
  );
}

/** The certificate's parsed view, shared by every component that names the holder (one parse per certificate). */
/** The certificate as a person reads it: who, identified how, by whom, until when, for what. */
function CertificateDetails({ signer }: { signer: CertificateSigner }) {
  const t = useT();
  const view = useCertificateView(signer.certificate, signer.id);
  if (view.error) return <ErrorMessage error={view.error} />;
  if (!view.data) return <p aria-busy="true">{t('identity.reading')}</p>;
  return <CertificateCard view={view.data} />;
}

export function CertificateCard({ view }: { view: CertificateView }) {
  const t = useT();
  const locale = useLocale();
  const date = (d: Date) => d.toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric' });
  const organisation = view.subject.attributes.find((a) => a.shortName === 'O')?.value;
  const icp = view.icpBrasil;
  const cpf = icp?.person?.cpf ?? icp?.responsiblePerson?.cpf;
  return (
    <section aria-labelledby="identity-certificate-title" className="certificate" data-testid="certificate">
      <h2 id="identity-certificate-title">{t('identity.certificate.title')}</h2>
      <dl>
        <dt>{t('identity.certificate.name')}</dt>
        <dd data-testid="certificate-name">{holderName(view)}</dd>
        {cpf ? (
          <>
            <dt>{t('identity.certificate.cpf')}</dt>
            <dd data-testid="certificate-cpf">{formatCpf(cpf)}</dd>
          </>
        ) : null}
        {icp?.cnpj ? (
          <>
            <dt>{t('identity.certificate.cnpj')}</dt>
            <dd data-testid="certificate-cnpj">{formatCnpj(icp.cnpj)}</dd>
          </>
        ) : null}
        {organisation ? (
          <>
            <dt>{t('identity.certificate.organisation')}</dt>
            <dd>{organisation}</dd>
          </>
        ) : null}
        <dt>{t('identity.certificate.issuer')}</dt>
        <dd>{view.issuer.commonName ?? view.issuer.text}</dd>
        <dt>{t('identity.certificate.validity')}</dt>
        <dd>{t('identity.certificate.validRange', { from: date(view.notBefore), to: date(view.notAfter) })}</dd>
        {icp?.policyType ? (
          <>
            <dt>{t('identity.certificate.policy')}</dt>
            <dd data-testid="certificate-policy">{t('identity.certificate.icpType', { type: icp.policyType })}</dd>
          </>
        ) : null}
        <dt>{t('identity.certificate.key')}</dt>
        <dd>
          {view.publicKey.algorithm === 'SM2'
            ? t('identity.certificate.sm2')
            : `${view.publicKey.algorithm} ${view.publicKey.curve ?? (view.publicKey.size ? `${view.publicKey.size}` : '')}`}
        </dd>
        <HashEntry term={t('trustStore.anchor.fingerprint')} value={view.fingerprints.sha256} />
      </dl>
    </section>
  );
}

const formatCpf = (cpf: string) => (/^\d{11}$/.test(cpf) ? cpf.replace(/(\d{3})(\d{3})(\d{3})(\d{2})/, '$1.$2.$3-$4') : cpf);
const formatCnpj = (cnpj: string) => (/^\d{14}$/.test(cnpj) ? cnpj.replace(/(\d{2})(\d{3})(\d{3})(\d{4})(\d{2})/, '$1.$2.$3/$4-$5') : cnpj);

function TrustVerdict({ signer }: { signer: CertificateSigner }) {
  const t = useT();
  const verdict = useIdentityVerdict(signer);
  return (
    <>
      <section aria-labelledby="identity-path-title" data-testid="path">
        <h2 id="identity-path-title">{t('identity.path.title')}</h2>
        <QueryState error={verdict.error} isPending={verdict.isPending} pending={t('identity.path.building')} />
        {verdict.data ? <PathView result={verdict.data} target={signer.certificate} /> : null}
      </section>
      {verdict.data ? <Registration result={verdict.data} signer={signer} /> : null}
    </>
  );
}

function PathView({ result, target }: { result: AssessIdentityReturnType; target: Uint8Array }) {
  const t = useT();
  const locale = useLocale();
  const formatDate = (date: Date) => date.toLocaleDateString(locale);
  const { path } = result;
  const nodes = pathNodes(result, t);
  const best = path.valid ? undefined : path.attempts[0];
  const failures = path.valid ? [] : path.failures.length > 0 ? path.failures : (best?.failures ?? []);
  const context = { certificates: best?.path ?? readTarget(target), reports: best?.certificates, t, formatDate };
  const warnings = path.valid ? path.validation.warnings : [];
  const warned = path.valid ? path.validation.certificates.map((report) => report.certificate) : [];
  return (
    <>
      {/* "the path failed" (built, then refused) is not "no path": the person needs to know which. */}
      {!path.valid ? <p data-testid="path-outcome">{t(path.reason === 'path-failed' ? 'identity.path.failed' : 'identity.path.none')}</p> : null}
      {nodes.length > 0 ? <CertificationPath nodes={nodes} /> : null}
      {warnings.length > 0 ? (
        <ul className="notice" data-testid="path-warnings">
          {warnings.map((w, i) => {
            const certificate = warned[w.certificateIndex ?? 0];
            return (
              <li key={i} title={w.message}>
                {w.rule ? t('identity.path.warning', { certificate: certificate ? formatName(certificate.subject) : '—', rule: t(`pki.profileRule.${w.rule}`) }) : t('pki.path.profileWarning')}
              </li>
            );
          })}
        </ul>
      ) : null}
      {!path.valid ? (
        <ul data-testid="path-failures">
          {failures.map((f, i) => (
            <li key={i} title={f.message}>
              {pathFailureText(f, context)}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** The holder's certificate, for naming it when no path was even attempted (it was read before, so it parses). */
function readTarget(der: Uint8Array): Certificate[] {
  try {
    return [parseCertificateSync(der)];
  } catch {
    return [];
  }
}

