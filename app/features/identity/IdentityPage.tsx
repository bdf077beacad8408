import { useRefreshLedgerOnNewBlocks } from '@/config';
import { useQuery } from '@tanstack/react-query';
import { countryOf, ErrorMessage, useLocale, useT } from '@/components';
import { formatName, certificateView, parseCertificateSync, type Certificate, type CertificateView, type RevocationStatus } from '@/pki';
import type { MessageKey } from '@/errors';
import type { CertificateSigner } from '@/signers';
import { useIdentityVerdict } from './queries';
import { Registration } from './Registration';
import { selectSetSigner, selectSigner, useIdentitySession } from '@/store';
import { SourcePicker } from './SourcePicker';
import type { AssessIdentityReturnType } from '@/shared';
import { pathFailureText } from './pathFailureText';

export function IdentityPage() {
  const t = useT();
  useRefreshLedgerOnNewBlocks();
  const signer = useIdentitySession(selectSigner);
  const setSigner = useIdentitySession(selectSetSigner);
  return (
    <section aria-labelledby="identity-title">
      <h1 id="identity-title">{t('identity.title')}</h1>
      <p>{t('identity.intro')}</p>
      {/* Stays mounted once a certificate is chosen: a Fortify connection lives in it and reports a removed token. */}
      <SourcePicker />
      {signer ? (
        <>
          <p role="status" data-testid="chosen">
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
          <CertificateDetails signer={signer} />
          <TrustVerdict signer={signer} />
        </>
      ) : null}
    </section>
  );
}

function useCertificateView(der: Uint8Array, key: string) {
  return useQuery({ queryKey: ['certificateView', key], queryFn: () => certificateView(der), staleTime: Infinity });
}

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
        <dd data-testid="certificate-name">{icp?.companyName ?? view.subject.commonName ?? view.subject.text}</dd>
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
        <dt>{t('trustStore.anchor.fingerprint')}</dt>
        <dd>
          <code className="fingerprint">{view.fingerprints.sha256}</code>
        </dd>
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
        {verdict.error ? <ErrorMessage error={verdict.error} /> : null}
        {verdict.isPending ? <p aria-busy="true">{t('identity.path.building')}</p> : null}
        {verdict.data ? <PathView result={verdict.data} target={signer.certificate} /> : null}
      </section>
      <section aria-labelledby="identity-verdict-title">
        <h2 id="identity-verdict-title">{t('identity.verdict.title')}</h2>
        {verdict.data ? <VerdictText result={verdict.data} /> : null}
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
  if (!path.valid) {
    // The failures are those of the best attempt (attempts are sorted best first), or of path building.
    const best = path.attempts[0];
    const failures = path.failures.length > 0 ? path.failures : (best?.failures ?? []);
    const context = { certificates: best?.path ?? readTarget(target), reports: best?.certificates, t, formatDate };
    return (
      <>
        <p data-testid="path-outcome">{t(path.reason === 'path-failed' ? 'identity.path.failed' : 'identity.path.none')}</p>
        <ul data-testid="path-failures">
          {failures.map((f, i) => (
            <li key={i} title={f.message}>
              {pathFailureText(f, context)}
            </li>
          ))}
        </ul>
      </>
    );
  }
  const certificates = path.validation.certificates.map((report) => report.certificate);
  return (
    <>
      <ol className="path">
        {path.validation.certificates.map((report) => (
          <li key={report.certificate.fingerprintSha256} data-testid="path-certificate">
            <strong>{t(`identity.path.role.${report.role}`)}</strong>: {formatName(report.certificate.subject)}{' '}
            <span className="status">
              {report.failures.length === 0
                ? t('identity.path.ok')
                : report.failures.map((f) => pathFailureText(f, { certificates, reports: path.validation.certificates, t, formatDate })).join(' ')}
              {report.revocation ? ` · ${t(revocationLabel(report.revocation))}` : ''}
            </span>
          </li>
        ))}
      </ol>
      {path.validation.warnings.length > 0 ? (
        <ul className="notice" data-testid="path-warnings">
          {path.validation.warnings.map((w, i) => {
            const certificate = certificates[w.certificateIndex ?? 0];
            return (
              <li key={i} title={w.message}>
                {w.rule
                  ? t('identity.path.warning', { certificate: certificate ? formatName(certificate.subject) : '—', rule: t(`pki.profileRule.${w.rule}`) })
                  : t('pki.path.profileWarning')}
              </li>
            );
          })}
        </ul>
      ) : null}
    </>
  );
}

/** The Trust Store and the CA (a 'crl:'/'ocsp:' source) are different sources: the label says which answered. */
function revocationLabel(status: RevocationStatus): MessageKey {
  if (status.status === 'unknown') return 'identity.path.revocation.unknown';
  return /^(crl|ocsp)/.test(status.source) ? `identity.path.revocation.ca.${status.status}` : `identity.path.revocation.${status.status}`;
}

/** The holder's certificate, for naming it when no path was even attempted (it was read before, so it parses). */
function readTarget(der: Uint8Array): Certificate[] {
  try {
    return [parseCertificateSync(der)];
  } catch {
    return [];
  }
}

function VerdictText({ result }: { result: AssessIdentityReturnType }) {
  const t = useT();
  const locale = useLocale();
  const { verdict } = result;
  if (verdict.trusted) {
    const when = verdict.approvedAt !== undefined ? new Date(Number(verdict.approvedAt) * 1000).toLocaleString(locale) : '—';
    return (
      <p role="status" className="verdict trusted" data-testid="verdict">
        {t('identity.verdict.trusted', { countryOf: countryOf(t, verdict.country), proposal: String(verdict.anchor.proposalId), when })}
      </p>
    );
  }
  if (verdict.reason === 'no-path' || verdict.reason === 'path-failed') {
    return (
      <p role="status" className="verdict untrusted" data-testid="verdict">
        {t(verdict.reason === 'no-path' ? 'identity.verdict.noPath' : 'identity.verdict.pathFailed')}
      </p>
    );
  }
  if (verdict.reason === 'revocation-unknown') {
    return (
      <div role="status" className="verdict untrusted" data-testid="verdict">
        {verdict.unknown.map((u, i) => (
          <p key={i} title={u.reason}>
            {t('identity.verdict.revocationUnknown', { certificate: formatName(u.certificate.subject) || u.certificate.serialNumberHex })}
          </p>
        ))}
        {verdict.relayUnreachable ? <p data-testid="relay-unreachable">{t('identity.verdict.relayUnreachable', { url: verdict.relayUnreachable })}</p> : null}
      </div>
    );
  }
  return (
    <p role="status" className="verdict untrusted" data-testid="verdict">
      {t(`identity.verdict.ledger.${verdict.ledger.status}`, { position: verdict.ledger.index + 1 })}
    </p>
  );
}
