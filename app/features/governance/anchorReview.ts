import { nameAttributes, NameOid, type Certificate } from '@/pki';
import { AnchorException } from '@/ledger';

/** What makes a certificate unusual as a country's trust anchor, in the order a person should read it. */
export type AnchorWarning =
  | 'already-anchor' //   the Trust Store already holds this certificate (by its tbsCertificate identity)
  | 'not-self-issued' //  issuer differs from subject: an intermediate or a holder, not a root
  | 'not-ca' //           no basicConstraints cA = true
  | 'no-cert-sign' //     keyUsage without keyCertSign
  | 'expired'
  | 'not-yet-valid'
  | 'country-differs' //  the subject's countryName is not the proposing country
  | 'key-reused'; //      the key of an anchor the Trust Store already knows (a re-issued or retired root)

/** Conditions the Trust Store refuses outright: no declared exception can make such a certificate a root. */
const BLOCKING: ReadonlySet<AnchorWarning> = new Set(['already-anchor', 'not-self-issued', 'not-ca', 'no-cert-sign']);

export type ReviewAnchorParameters = {
  readonly certificate: Certificate;
  /** The ISO 3166-1 alpha-2 country the anchor is proposed for. */
  readonly country: string;
  /** Every anchor the Trust Store knows, whatever its status: identity and SPKI hash (0x-prefixed or not). */
  readonly knownAnchors: readonly { readonly hash: string; readonly spkiHash: string }[];
  readonly now: Date;
};

export type AnchorReview = {
  /** Every unusual condition, blocking ones first. */
  readonly warnings: readonly AnchorWarning[];
  /** The contract would refuse the proposal whatever is declared. */
  readonly blocked: boolean;
  /** The ITrustStore ANCHOR_* flags the proposal must declare: exactly the conditions it meets. */
  readonly exceptions: number;
  /** The subject's countryName, if any. */
  readonly subjectCountry: string | undefined;
};

const strip0x = (hex: string) => hex.toLowerCase().replace(/^0x/, '');

/**
 * Reviews a certificate proposed as a trust anchor, by the same rules the Trust Store applies
 * (`proposeAddAnchor`): what a proposer sees before proposing and a voter before approving.
 */
export function reviewAnchor({ certificate, country, knownAnchors, now }: ReviewAnchorParameters): AnchorReview {
  const warnings: AnchorWarning[] = [];
  if (knownAnchors.some((a) => strip0x(a.hash) === certificate.identity)) warnings.push('already-anchor');
  if (!certificate.selfIssued) warnings.push('not-self-issued');
  if (certificate.basicConstraints?.ca !== true) warnings.push('not-ca');
  if (certificate.keyUsage !== undefined && !certificate.keyUsage.has('keyCertSign')) warnings.push('no-cert-sign');
  if (now > certificate.notAfter) warnings.push('expired');
  if (now < certificate.notBefore) warnings.push('not-yet-valid');
  const countries = nameAttributes(certificate.subject, NameOid.countryName);
  let exceptions = 0;
  if (!countries.includes(country)) {
    warnings.push('country-differs');
    exceptions |= AnchorException.CountryDiffers;
  }
  if (knownAnchors.some((a) => strip0x(a.spkiHash) === certificate.keyHash)) {
    warnings.push('key-reused');
    exceptions |= AnchorException.KeyReused;
  }
  return { warnings, blocked: warnings.some((w) => BLOCKING.has(w)), exceptions, subjectCountry: countries[0] };
}

/** The warnings a declared exception flag stands for, for a voter reading a proposal's data. */
export function declaredExceptions(exceptions: number): AnchorWarning[] {
  const declared: AnchorWarning[] = [];
  if (exceptions & AnchorException.CountryDiffers) declared.push('country-differs');
  if (exceptions & AnchorException.KeyReused) declared.push('key-reused');
  return declared;
}
