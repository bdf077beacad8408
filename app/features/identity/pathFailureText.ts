import type { MessageKey, MessageValues } from '@/errors';
import { formatName, type Certificate, type CertificateReport, type FailureCode, type PathFailure } from '@/pki';

type Translate = (key: string, values?: MessageValues) => string;

export type PathFailureContext = {
  /** The path the failure's `certificateIndex` points into, target first. */
  readonly certificates: readonly Certificate[];
  /** The validation's reports, in path order: a revocation's reason comes from them. */
  readonly reports?: readonly CertificateReport[];
  readonly t: Translate;
  readonly formatDate: (date: Date) => string;
};

/** Every failure code has a sentence of its own (a code without one is a type error here). */
const keyOf = (code: FailureCode): MessageKey => `pki.path.${code}`;

/**
 * One path failure of the engine as a sentence in the person's language, naming the certificate and the
 * date or revocation reason it concerns (the engine's own `message` is English, for logs).
 */
export function pathFailureText(failure: PathFailure, context: PathFailureContext): string {
  const { certificates, reports, t, formatDate } = context;
  const index = failure.certificateIndex ?? 0;
  // A dead end of path building may point past the known certificates: it concerns the target's issuers.
  const certificate = certificates[index] ?? certificates[0];
  const name = certificate ? formatName(certificate.subject) || certificate.serialNumberHex : '—';
  const revocation = reports?.[index]?.revocation;
  const reasonCode = revocation?.status === 'revoked' ? (revocation.reasonCode ?? 0) : 0;
  const reason = t(`crlReason.${reasonCode}`);
  // A revocation's date is the day it was revoked; the validity failures name the validity bound.
  const revokedOn = revocation?.status === 'revoked' ? revocation.revocationDate : undefined;
  const date = failure.code === 'revoked' ? revokedOn : failure.code === 'notYetValid' ? certificate?.notBefore : certificate?.notAfter;
  return t(keyOf(failure.code), {
    certificate: name,
    date: date ? formatDate(date) : '—',
    reason: reason.startsWith('crlReason.') ? t('crlReason.0') : reason,
  });
}
