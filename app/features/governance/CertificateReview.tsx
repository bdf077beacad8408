import { useQuery } from '@tanstack/react-query';
import { CertificationPath, HashEntry, useLocale, useT } from '@/components';
import { certificateView, formatName, type Certificate } from '@/pki';
import type { AnchorWarning } from './anchorReview';

const colonHex = (hex: string) => hex.toUpperCase().replace(/(..)(?!$)/g, '$1:');
const COMMON_NAME = '2.5.4.3';

/**
 * A certificate as an authority checks it before proposing or approving it as a trust anchor: names,
 * self-issued or not, CA flag, validity, key, the fingerprint to compare out of band, and every
 * unusual condition in words. `warnings` undefined: a known anchor shown for a retire or reinstate
 * vote (no review to show); `anchorStatus` is then what the Trust Store says of it now.
 */
export function CertificateReview({
  certificate,
  warnings,
  anchorStatus,
  testId,
}: {
  certificate: Certificate;
  warnings?: readonly AnchorWarning[];
  anchorStatus?: string;
  testId?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const view = useQuery({ queryKey: ['certificateView', certificate.fingerprintSha256], queryFn: () => certificateView(certificate.der), staleTime: Infinity });
  const key = view.data?.publicKey;
  const name = certificate.subject.rdns.flat().find((a) => a.type === COMMON_NAME)?.text ?? formatName(certificate.subject);
  const bc = certificate.basicConstraints;
  return (
    <div className="certificate-review" data-testid={testId}>
      <CertificationPath
        testId="review-path"
        nodes={[{ id: certificate.fingerprintSha256, role: 'anchor', name, state: 'neutral', status: anchorStatus ?? t('path.status.proposed') }]}
      />
      <dl>
        <dt>{t('governance.review.subject')}</dt>
        <dd data-testid="review-subject">{formatName(certificate.subject)}</dd>
        <dt>{t('governance.review.issuer')}</dt>
        <dd>
          {formatName(certificate.issuer)} · <span data-testid="review-self-issued">{certificate.selfIssued ? t('governance.review.selfIssued') : t('governance.review.notSelfIssued')}</span>
        </dd>
        <dt>{t('governance.review.ca')}</dt>
        <dd data-testid="review-ca">
          {bc?.ca ? (bc.pathLenConstraint !== undefined ? t('governance.review.caPathLength', { length: bc.pathLenConstraint }) : t('governance.review.yes')) : t('governance.review.no')}
        </dd>
        <dt>{t('governance.review.validity')}</dt>
        <dd>
          {certificate.notBefore.toLocaleDateString(locale)} – {certificate.notAfter.toLocaleDateString(locale)}
        </dd>
        <dt>{t('governance.review.key')}</dt>
        <dd data-testid="review-key">{key ? `${key.algorithm} ${key.curve ?? (key.size ? t('governance.review.bits', { bits: key.size }) : '')}`.trim() : '…'}</dd>
        <HashEntry term={t('governance.review.fingerprint')} value={colonHex(certificate.fingerprintSha256)} />
      </dl>
      {warnings === undefined ? null : warnings.length > 0 ? (
        <ul className="warnings" data-testid="anchor-warnings">
          {warnings.map((w) => (
            <li key={w} className="warning" data-warning={w}>
              {t(`governance.warning.${w}`)}
            </li>
          ))}
        </ul>
      ) : (
        <p data-testid="anchor-warnings">{t('governance.review.nothingUnusual')}</p>
      )}
    </div>
  );
}
