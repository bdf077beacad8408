/** The typed inputs and result of path validation. */
import type { AlgorithmPolicy } from '../crypto/algorithm-policy';
import type { Certificate } from '../x509/certificate';
import type { KeyUsage } from '../x509/extensions';
import type { PeerName } from './host-names';
import type { RevocationOptions, RevocationStatus } from './revocation';

export type CheckName =
  | 'structure'
  | 'profile'
  | 'validity'
  | 'algorithm-policy'
  | 'name-chaining'
  | 'signature'
  | 'revocation'
  | 'critical-extensions'
  | 'basic-constraints'
  | 'path-length'
  | 'key-usage'
  | 'extended-key-usage'
  | 'name-constraints'
  | 'policies'
  | 'peer-name';

/** Every failure code; the UI translates `pki.path.<code>`. */
export const pathFailureCodes = [
  'malformedCertificate',
  'profileViolation',
  'expired',
  'notYetValid',
  'algorithmRefused',
  'unsupportedAlgorithm',
  'nameChaining',
  'badSignature',
  'signatureAlgorithmMismatch',
  'revoked',
  'revocationUnknown',
  'revocationCrlInvalid',
  'unknownCriticalExtension',
  'notCa',
  'pathLengthExceeded',
  'maxIntermediatesExceeded',
  'keyUsage',
  'extendedKeyUsage',
  'nameConstraintsViolated',
  'nameConstraintsUnsupported',
  'nameConstraintsTooComplex',
  'nameConstraintsMalformed',
  'policyRequired',
  'policyMappingInvalid',
  'policyTreeTooComplex',
  'peerNameMismatch',
  'noPath',
  'tooComplex',
  'untrustedRoot',
  'loop',
] as const;

export type FailureCode = (typeof pathFailureCodes)[number];

export type PathFailure = {
  readonly code: FailureCode;
  /** i18n key the UI translates, e.g. 'pki.path.expired'. */
  readonly messageKey: string;
  /** An English sentence for logs and developers. */
  readonly message: string;
  /** Index in the path (0 = target) of the certificate concerned, when there is one. */
  readonly certificateIndex: number | undefined;
  /** For profileViolation: the profile rule broken (see profileRules). */
  readonly rule?: ProfileRule;
};

export type CertificateRole = 'target' | 'intermediate' | 'anchor';

export type CertificateReport = {
  readonly certificate: Certificate;
  readonly role: CertificateRole;
  readonly checked: readonly CheckName[];
  readonly failures: readonly PathFailure[];
  /** CA-profile rules (RFC 5280 section 4) the certificate breaks that the profile does not refuse: shown, not fatal. */
  readonly warnings: readonly PathFailure[];
  readonly revocation: RevocationStatus | undefined;
  /** Every revocation source's answer in the order asked (the CA's CRL or OCSP, then the caller's check); `revocation` is the one that decided. */
  readonly revocationAnswers?: readonly RevocationStatus[];
};

/** The RFC 5280 profile rules `strict` conformance enforces, by name, so a national profile can relax one. */
export const profileRules = [
  'serial-number',
  'issuer-name',
  'key-identifiers',
  'basic-constraints-critical',
  'ca-key-usage',
  'subject-alt-name',
  'name-constraints',
  'policy-constraints',
  'info-access',
  'extended-key-usage',
  'ec-named-curve',
] as const;

export type ProfileRule = (typeof profileRules)[number];

/**
 * Named validation profiles.
 *  - `rfc5280` (the default): RFC 5280 section 6 as written. What section 6 refuses is refused; the
 *    MUSTs section 4 places on CAs (critical basicConstraints and policyConstraints, key identifiers,
 *    serial numbers, named curves (RFC 5480)...) are checked and reported as warnings.
 *  - `strict`: the same rules refused, as a Web PKI verifier does (x509-limbo's expectations).
 */
export const validationProfiles = ['rfc5280', 'strict'] as const;
export type ValidationProfileName = (typeof validationProfiles)[number];

/** A named set of validation choices a hierarchy is validated with, and why (shown to developers, not people). */
export type ValidationProfile = {
  readonly name: string;
  readonly conformance: Partial<ConformanceOptions>;
  readonly rationale: string;
};

/** Profile-level checks beyond RFC 5280's algorithm: the MUSTs it places on conforming CAs. */
export type ConformanceOptions = {
  /** Whether broken CA-profile rules are refused (`strict`) or reported as warnings (`rfc5280`). */
  readonly profile: ValidationProfileName;
  /** Check RFC 5280 profile MUSTs on every certificate (AKI/SKI presence, criticality, serials...). */
  readonly strict: boolean;
  /** Refuse v1/v2 certificates below the anchor. */
  readonly requireV3: boolean;
  /** Rules the strict profile reports as warnings only (e.g. a hierarchy known to break one). */
  readonly relax: readonly ProfileRule[];
};

export type ValidatePathParameters = {
  /** Target first, trust anchor last. */
  readonly path: readonly Certificate[];
  /** Validation time (defaults to now); compared at one-second granularity like the encodings. */
  readonly time?: Date;
  readonly algorithmPolicy?: AlgorithmPolicy;
  readonly initialPolicySet?: readonly string[];
  readonly initialExplicitPolicy?: boolean;
  readonly initialPolicyMappingInhibit?: boolean;
  readonly initialAnyPolicyInhibit?: boolean;
  /** Key usages the target must allow (when it has a keyUsage extension). */
  readonly requiredKeyUsages?: readonly KeyUsage[];
  /** Extended key usages (OIDs) the target must allow, one of them enough. */
  readonly requiredExtendedKeyUsages?: readonly string[];
  /** Also require CA certificates that carry an EKU extension to allow it (the Web PKI's nested EKU). */
  readonly extendedKeyUsageOnIssuers?: boolean;
  /** Refuse a CA certificate as the target (e.g. TLS servers, transaction signers). */
  readonly targetMustBeEndEntity?: boolean;
  /** Most intermediates allowed (self-issued ones not counted). */
  readonly maxIntermediates?: number;
  /** A name the target must hold in its subjectAltName (TLS host, IP address or e-mail address). */
  readonly peerName?: PeerName;
  /** More names the target must all hold (e.g. every mailbox a client certificate claims). */
  readonly peerNames?: readonly PeerName[];
  readonly revocation?: RevocationOptions;
  readonly conformance?: Partial<ConformanceOptions>;
  /** Bounds against hostile inputs. */
  readonly maxPolicyNodes?: number;
  readonly maxNameComparisons?: number;
};

export type ValidatePathReturnType = {
  readonly valid: boolean;
  /** Target first, trust anchor last. */
  readonly path: readonly Certificate[];
  /** One report per path certificate, in path order. */
  readonly certificates: readonly CertificateReport[];
  readonly failures: readonly PathFailure[];
  /** CA-profile rules broken that the profile reports without refusing (one per certificate and rule). */
  readonly warnings: readonly PathFailure[];
  /** The authorities- and user-constrained policy set (empty when the tree is null). */
  readonly validPolicies: readonly string[];
  readonly time: Date;
};

export function failure(code: FailureCode, message: string, certificateIndex?: number, rule?: ProfileRule): PathFailure {
  return rule ? { code, messageKey: `pki.path.${code}`, message, certificateIndex, rule } : { code, messageKey: `pki.path.${code}`, message, certificateIndex };
}
