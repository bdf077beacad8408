import { useLocale, useT } from '@/components';
import { formatName, type Certificate } from '@/pki';
import type { AnchorWarning } from './anchorReview';

const colonHex = (hex: string) => hex.toUpperCase().replace(/(..)(?!$)/g, '$1:');

/**
 * A certificate as an authority checks it before proposing or approving it as a trust anchor: names,
 * validity, CA flags, the fingerprint to compare out of band, and every unusual condition in words.
 */
export function CertificateReview({ certificate, warnings, testId }: { certificate: Certificate; warnings: readonly AnchorWarning[]; testId?: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="certificate-review" data-testid={testId}>
      <dl>
        <dt>{t('governance.review.subject')}</dt>
        <dd>{formatName(certificate.subject)}</dd>
        <dt>{t('governance.review.issuer')}</dt>
        <dd>{certificate.selfIssued ? t('governance.review.selfIssued') : formatName(certificate.issuer)}</dd>
        <dt>{t('governance.review.validity')}</dt>
        <dd>
          {certificate.notBefore.toLocaleDateString(locale)} – {certificate.notAfter.toLocaleDateString(locale)}
        </dd>
        <dt>{t('governance.review.ca')}</dt>
        <dd>{certificate.basicConstraints?.ca ? t('governance.review.yes') : t('governance.review.no')}</dd>
        <dt>{t('governance.review.fingerprint')}</dt>
        <dd>
          <code className="fingerprint">{colonHex(certificate.fingerprintSha256)}</code>
        </dd>
      </dl>
      {warnings.length > 0 ? (
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
