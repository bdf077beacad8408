import { countryOf, type CertificationPathNode, type VerdictState } from '@/components';
import { isMessageKey } from '@/i18n';
import { PathStatus } from '@/ledger';
import { formatName, NameOid, type Certificate, type CertificateReport, type CertificateView } from '@/pki';
import { routeVerdict, routeVerdictText } from './routes';
import { TRUST_STORE_SOURCE, type AssessIdentityReturnType } from './verdict';

type Translate = (key: string, values?: Readonly<Record<string, string | number>>) => string;


/**
 * ICP-Brasil writes a person's CPF (11 digits) or a company's CNPJ (14) after the name in the common
 * name ("MARIA DA SILVA:12345678909"): people read the name, and the number is shown as its own field.
 */
export const stripIcpBrasilNumber = (name: string) => name.replace(/:(\d{11}|\d{14})$/, '');

/** The holder's name as a person reads it, from the certificate view. */
export function holderName(view: CertificateView): string {
  return stripIcpBrasilNumber(view.icpBrasil?.companyName ?? view.subject.commonName ?? view.subject.text);
}

/** A parsed certificate's name as a person reads it: its common name, else its whole distinguished name. */
export function certificateName(certificate: Certificate): string {
  const attributes = certificate.subject.rdns.flat();
  const cn = attributes.find((a) => a.type === NameOid.commonName)?.text;
  return stripIcpBrasilNumber(cn ?? formatName(certificate.subject));
}

/** The subject's organisation (O), if any. */
export const organisationOf = (certificate: Certificate) => certificate.subject.rdns.flat().find((a) => a.type === NameOid.organizationName)?.text;

/** The certificates the verdict is about, leaf first: the validated path, else the most promising attempt. */
export function pathOf(result: AssessIdentityReturnType) {
  const { path } = result;
  return path.valid ? path.validation : path.attempts[0];
}

/** The verdict's state and its one sentence, naming certificates rather than their positions. */
export function describeVerdict(result: AssessIdentityReturnType, t: Translate, locale: string): { state: VerdictState; text: string } {
  const { verdict } = result;
  if ('route' in verdict && verdict.route) {
    // Trusted or not by route: the route's own sentence, with the ledger's time of the read.
    const route = routeVerdictText(routeVerdict(verdict.route, verdict.route.now), t, locale);
    if (verdict.trusted || verdict.revokedIndex === undefined) return { state: verdict.trusted ? 'trusted' : 'untrusted', text: route };
    const certificate = pathOf(result)?.path[verdict.revokedIndex];
    return { state: 'untrusted', text: t('route.revoked', { ledger: verdict.route.ledger, name: certificate ? certificateName(certificate) : String(verdict.revokedIndex + 1) }) };
  }
  if (verdict.trusted) {
    const when = verdict.approvedAt !== undefined ? new Date(Number(verdict.approvedAt) * 1000).toLocaleString(locale) : '—';
    return { state: 'trusted', text: t('identity.verdict.trusted', { countryOf: countryOf(t, verdict.country), proposal: String(verdict.anchor.proposalId), when }) };
  }
  if (verdict.reason === 'no-path') return { state: 'untrusted', text: t('identity.verdict.noPath') };
  if (verdict.reason === 'path-failed') return { state: 'untrusted', text: t('identity.verdict.pathFailed') };
  // A CA that could not be asked is not a "good": the state is unknown, one sentence per certificate.
  if (verdict.reason === 'revocation-unknown')
    return { state: 'unknown', text: verdict.unknown.map((u) => t('identity.verdict.revocationUnknown', { certificate: formatName(u.certificate.subject) || u.certificate.serialNumberHex })).join(' ') };
  const certificate = pathOf(result)?.path[verdict.ledger.index];
  const name = certificate ? certificateName(certificate) : String(verdict.ledger.index + 1);
  const key = `identity.verdict.named.${verdict.ledger.status}`;
  return { state: 'untrusted', text: isMessageKey(key) ? t(key, { name }) : t(`identity.verdict.ledger.${verdict.ledger.status}`, { position: verdict.ledger.index + 1 }) };
}

/**
 * Who revoked the certificate and for what reason, each source that did: its CA (CRL or OCSP) and the
 * Trust Store can both have, for different reasons, and the engine's failure names only the first.
 */
function revokedBySources(report: CertificateReport, t: Translate): { readonly store: boolean; readonly text: string }[] {
  return (report.revocationAnswers ?? []).flatMap((answer) => {
    if (answer.status !== 'revoked') return [];
    const store = answer.source === TRUST_STORE_SOURCE;
    return [{ store, text: `${t(store ? 'identity.path.revocation.revoked' : 'identity.path.revocation.ca.revoked')} (${t(`crlReason.${answer.reasonCode ?? 0}`)})` }];
  });
}

/**
 * The path as boxes, trust anchor first: each certificate with what the engine found and what the
 * Trust Store says of it now (an anchor suspended or retired, a certificate revoked), so a box never
 * says "valid" while the ledger refuses it.
 */
export function pathNodes(result: AssessIdentityReturnType, t: Translate): CertificationPathNode[] {
  const validation = pathOf(result);
  if (!validation) return [];
  const { verdict } = result;
  const ledger = !verdict.trusted && verdict.reason === 'ledger' ? verdict.ledger : undefined;
  const routeRefused = !verdict.trusted && verdict.reason === 'route' ? verdict : undefined;
  const nodes = validation.certificates.map((report, index): CertificationPathNode => {
    const base = { id: report.certificate.fingerprintSha256, role: report.role, name: certificateName(report.certificate) };
    const revokedBy = revokedBySources(report, t);
    if (ledger && !ledger.ok && ledger.index === index) {
      // The ledger's refusal; a revocation by the CA as well is not hidden behind it. The Trust Store's own
      // answer (with its reason) stands for "revoked in the Trust Store" when the engine has it.
      const byStore = revokedBy.filter((r) => r.store);
      const ledgerText = ledger.status === PathStatus.CertificateRevoked && byStore.length > 0 ? byStore.map((r) => r.text) : [t(`path.status.ledger.${ledger.status}`)];
      return { ...base, state: 'untrusted', status: [...ledgerText, ...revokedBy.filter((r) => !r.store).map((r) => r.text)].join(' · ') };
    }
    if (routeRefused && (routeRefused.revokedIndex ?? validation.certificates.length - 1) === index) {
      return { ...base, state: 'untrusted', status: t(routeRefused.revokedIndex === undefined ? 'path.status.routeNotLive' : 'path.status.routeRevoked', { ledger: routeRefused.route.ledger }) };
    }
    if (report.failures.length > 0) {
      return { ...base, state: 'untrusted', status: [report.failures.map((f) => (isMessageKey(f.messageKey) ? t(f.messageKey) : f.message)).join(' '), ...revokedBy.map((r) => r.text)].join(' · ') };
    }
    if (report.role === 'anchor') {
      // The anchor is trusted when the Trust Store accepted the path, or refused it for another certificate.
      if (verdict.trusted && verdict.route) return { ...base, state: 'trusted', status: t('path.status.anchorRouted', { ledger: verdict.route.ledger }) };
      const anchorTrusted = verdict.trusted || (ledger !== undefined && ledger.index !== index) || (routeRefused?.revokedIndex !== undefined);
      return anchorTrusted ? { ...base, state: 'trusted', status: t(routeRefused ? 'path.status.anchorRouted' : 'path.status.anchorActive', { ledger: routeRefused?.route.ledger ?? '' }) } : { ...base, state: 'neutral', status: t('path.status.ok') };
    }
    const revocation = report.revocation ? ` · ${t(`identity.path.revocation.${report.revocation.status}`)}` : '';
    return { ...base, state: verdict.trusted ? 'trusted' : 'neutral', status: `${t('path.status.ok')}${revocation}` };
  });
  return nodes.reverse();
}
