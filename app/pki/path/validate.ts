/**
 * Certification path validation, RFC 5280 section 6.1. The trust anchor is a certificate whose
 * constraints (basic constraints, path length, name constraints) bind the path, as most verifiers
 * do; its own signature is not checked (it is trusted by configuration).
 */
import { checkPublicKey, checkSignature, defaultAlgorithmPolicy } from '../crypto/algorithm-policy';
import { bytesEqual } from '../bytes';
import { type Certificate, PROCESSED_EXTENSIONS } from '../x509/certificate';
import type { NameConstraints } from '../x509/extensions';
import { commonNameSpellingMismatch, isValidDnsName, isValidEmail, matchesPeerName } from './host-names';
import { checkConstraintSyntax, checkNameConstraints, constrainedNames } from './name-constraints';
import { formatName, nameAttributes, OID_COMMON_NAME } from '../x509/name';
import { KeyOid, Oid } from '../oids';
import { curveOfKey } from '../crypto/curves';
import { PolicyState, PolicyTreeTooComplex } from './policy-tree';
import type { RevocationStatus } from './revocation';
import { checkRevocation, prefetchRevocation } from './revocation-check';
import { validationTime } from '../errors';
import { checkCertificateSignature } from '../crypto/signatures';
import { type CertificateReport, type CertificateRole, type CheckName, type ConformanceOptions, failure, type ProfileRule, profileRules, type PathFailure, type ValidatePathParameters, type ValidatePathReturnType } from './validation-types';

const defaultConformance: ConformanceOptions = { profile: 'rfc5280', strict: true, requireV3: true, relax: [] };

/** Second granularity: certificate times carry whole seconds, so compare floor(time). */
function floorToSecond(time: Date): Date {
  return new Date(Math.floor(time.getTime() / 1000) * 1000);
}

class Report {
  readonly checked = new Set<CheckName>();
  readonly failures: PathFailure[] = [];
  readonly warnings: PathFailure[] = [];
  revocation: RevocationStatus | undefined;
  revocationAnswers: readonly RevocationStatus[] = [];
  constructor(
    readonly certificate: Certificate,
    readonly role: CertificateRole,
    readonly index: number,
  ) {}
  check(name: CheckName): void {
    this.checked.add(name);
  }
  fail(name: CheckName, code: PathFailure['code'], message: string, rule?: ProfileRule): void {
    this.checked.add(name);
    this.failures.push(failure(code, message, this.index, rule));
  }
  warn(name: CheckName, message: string, rule: ProfileRule): void {
    this.checked.add(name);
    this.warnings.push({ ...failure('profileViolation', message, this.index, rule), messageKey: 'pki.path.profileWarning' });
  }
  toJSON(): CertificateReport {
    return { certificate: this.certificate, role: this.role, checked: [...this.checked], failures: this.failures, warnings: this.warnings, revocation: this.revocation, revocationAnswers: this.revocationAnswers };
  }
}

/** RFC 5280 4.1/4.2 MUSTs on a certificate's own encoding, independent of the path. */
function checkProfile(c: Certificate, report: Report, role: CertificateRole, conformance: ConformanceOptions): void {
  report.check('structure');
  for (const problem of c.problems) report.fail('structure', 'malformedCertificate', problem.message);
  if (!bytesEqual(c.signatureAlgorithm.der, c.tbsSignatureAlgorithm.der)) report.fail('structure', 'signatureAlgorithmMismatch', 'signatureAlgorithm differs from the signature field of tbsCertificate');
  if (conformance.requireV3 && role !== 'anchor' && c.version !== 3) report.fail('profile', 'profileViolation', `version ${c.version} certificate; X.509 v3 is required`);
  if (c.version < 3 && c.extensions.length > 0) report.fail('structure', 'malformedCertificate', 'extensions in a certificate that is not v3');
  if (!conformance.strict) return;
  report.check('profile');
  const refused = conformance.profile === 'strict' ? new Set(profileRules.filter((rule) => !conformance.relax.includes(rule))) : new Set<ProfileRule>();
  const fail = (rule: ProfileRule, message: string) => {
    if (refused.has(rule)) report.fail('profile', 'profileViolation', `${message} [${rule}]`, rule);
    else report.warn('profile', `${message} [${rule}]`, rule);
  };
  const curve = c.subjectPublicKeyInfo.algorithm.oid === KeyOid.ecPublicKey ? curveOfKey(c.subjectPublicKeyInfo) : undefined;
  if (curve?.status === 'named' && curve.explicit) fail('ec-named-curve', `the EC key spells out the parameters of ${curve.curve.name}; RFC 5480 requires the named curve`);
  const serial = c.serialNumber;
  // Trust anchors are trusted as configured: old roots have zero serials or no AKI, and that is not
  // the relying party's concern (RFC 5280 6.1.1 (d) takes only their name and key).
  if (role !== 'anchor') {
    if (((serial[0] as number) & 0x80) !== 0) fail('serial-number', 'the serial number is negative');
    else if (serial.every((b) => b === 0)) fail('serial-number', 'the serial number is zero');
    if (serial.length > 20 && !(serial.length === 21 && serial[0] === 0)) fail('serial-number', 'the serial number is longer than 20 octets');
  }
  if (c.issuer.isEmpty) fail('issuer-name', 'the issuer name is empty');
  const isCaCert = c.basicConstraints?.ca === true;
  const extension = (oid: string) => c.extensions.find((e) => e.oid === oid);
  const aki = extension(Oid.authorityKeyIdentifier);
  const ski = extension(Oid.subjectKeyIdentifier);
  if (aki?.critical) fail('key-identifiers', 'the authority key identifier extension is marked critical');
  if (ski?.critical) fail('key-identifiers', 'the subject key identifier extension is marked critical');
  if (!c.selfIssued && role !== 'anchor' && !c.authorityKeyIdentifier?.keyIdentifier) fail('key-identifiers', 'the authority key identifier is missing');
  if (isCaCert && !c.subjectKeyIdentifier) fail('key-identifiers', 'a CA certificate must have a subject key identifier');
  if (c.selfIssued && c.authorityKeyIdentifier) {
    const a = c.authorityKeyIdentifier;
    if (!a.keyIdentifier) fail('key-identifiers', 'the authority key identifier has no key identifier');
    else if (c.subjectKeyIdentifier && !bytesEqual(a.keyIdentifier, c.subjectKeyIdentifier) && role === 'anchor') fail('key-identifiers', 'a root certificate authority key identifier must match its subject key identifier');
    if (role === 'anchor' && (a.authorityCertIssuer || a.authorityCertSerialNumber)) fail('key-identifiers', 'a root certificate authority key identifier must hold only a key identifier');
  }
  const bc = extension(Oid.basicConstraints);
  if (isCaCert && c.keyUsage?.has('keyCertSign') !== false && bc && !bc.critical) fail('basic-constraints-critical', 'basic constraints must be critical in a CA certificate');
  if (c.keyUsage?.has('keyCertSign') && !isCaCert) fail('ca-key-usage', 'keyCertSign is asserted without the cA bit');
  if (isCaCert && c.keyUsage && !c.keyUsage.has('keyCertSign')) fail('ca-key-usage', 'the cA bit is asserted without keyCertSign');
  const san = extension(Oid.subjectAltName);
  if (c.subject.isEmpty && (!san || !san.critical)) fail('subject-alt-name', 'an empty subject requires a critical subject alternative name');
  if (san?.critical && !c.subject.isEmpty) fail('subject-alt-name', 'the subject alternative name must not be critical when the subject is not empty');
  for (const name of c.subjectAltName ?? []) {
    if (name.type === 'dns' && !isValidDnsName(name.value, { allowWildcard: role === 'target' })) fail('subject-alt-name', `malformed dNSName "${name.value}"`);
    if (name.type === 'ip' && name.bytes.length !== 4 && name.bytes.length !== 16) fail('subject-alt-name', 'malformed iPAddress name');
    if (name.type === 'email' && !isValidEmail(name.value)) fail('subject-alt-name', `malformed rfc822Name "${name.value}"`);
  }
  const nc = extension(Oid.nameConstraints);
  if (nc && !isCaCert) fail('name-constraints', 'name constraints in a certificate that is not a CA');
  if (nc && !nc.critical) fail('name-constraints', 'name constraints must be critical');
  const pc = extension(Oid.policyConstraints);
  if (pc && !pc.critical) fail('policy-constraints', 'policy constraints must be critical');
  if (extension(Oid.authorityInfoAccess)?.critical) fail('info-access', 'authority information access must not be critical');
  if (c.extendedKeyUsage && extension(Oid.extKeyUsage)?.critical && c.extendedKeyUsage.includes(Oid.anyExtendedKeyUsage)) fail('extended-key-usage', 'anyExtendedKeyUsage in a critical EKU extension');
}

export async function validatePath(parameters: ValidatePathParameters): Promise<ValidatePathReturnType> {
  const time = floorToSecond(validationTime(parameters.time));
  const policy = parameters.algorithmPolicy ?? defaultAlgorithmPolicy;
  const conformance = { ...defaultConformance, ...parameters.conformance };
  const revocation = parameters.revocation ?? { mode: 'off' as const };
  const path = parameters.path;
  // Process anchor first, as RFC 5280 numbers the path.
  const certs = [...path].reverse();
  const n = certs.length;
  const reports = certs.map((c, k) => new Report(c, k === n - 1 ? 'target' : k === 0 ? 'anchor' : 'intermediate', n - 1 - k));
  const pathFailures: PathFailure[] = [];
  if (n === 0) return { valid: false, path, certificates: [], failures: [failure('noPath', 'the path is empty')], warnings: [], validPolicies: [], time };

  const policyState = new PolicyState(n - 1, {
    initialPolicySet: parameters.initialPolicySet ?? [Oid.anyPolicy],
    initialExplicitPolicy: parameters.initialExplicitPolicy ?? false,
    initialPolicyMappingInhibit: parameters.initialPolicyMappingInhibit ?? false,
    initialAnyPolicyInhibit: parameters.initialAnyPolicyInhibit ?? false,
  }, parameters.maxPolicyNodes ?? 4096);
  let policyAlive = true;
  const nameConstraints: NameConstraints[] = [];
  const ncBudget = { remaining: parameters.maxNameComparisons ?? 1 << 20 };
  let maxPathLength = Number.MAX_SAFE_INTEGER;
  let intermediates = 0;
  const requiredEkus = parameters.requiredExtendedKeyUsages ?? [];
  let policies: string[] = [];

  // Launch every signature check now so their round trips overlap (results are memoised).
  for (let k = 1; k < n; k++) void checkCertificateSignature(certs[k] as Certificate, certs[k - 1] as Certificate);
  // Likewise the CRL signature checks and downloads the revocation checks will need (both memoised).
  prefetchRevocation(certs, revocation, time);

  for (let k = 0; k < n; k++) {
    const c = certs[k] as Certificate;
    const report = reports[k] as Report;
    const isAnchor = k === 0;
    const isTarget = k === n - 1;
    checkProfile(c, report, report.role, conformance);

    report.check('validity');
    if (time.getTime() < c.notBefore.getTime()) report.fail('validity', 'notYetValid', `not valid before ${c.notBefore.toISOString()}`);
    if (time.getTime() > c.notAfter.getTime()) report.fail('validity', 'expired', `expired on ${c.notAfter.toISOString()}`);

    report.check('algorithm-policy');
    const keyProblem = checkPublicKey(policy, c.subjectPublicKeyInfo);
    if (keyProblem) report.fail('algorithm-policy', keyProblem.code, keyProblem.message);

    report.check('critical-extensions');
    for (const oid of c.criticalExtensionOids) if (!PROCESSED_EXTENSIONS.has(oid)) report.fail('critical-extensions', 'unknownCriticalExtension', `unrecognised critical extension ${oid}`);

    if (!isAnchor) {
      const issuer = certs[k - 1] as Certificate;
      report.check('name-chaining');
      if (c.issuer.key !== issuer.subject.key) report.fail('name-chaining', 'nameChaining', `issuer "${formatName(c.issuer)}" does not match the subject of the next certificate "${formatName(issuer.subject)}"`);

      report.check('signature');
      const signatureProblem = await checkSignature(policy, c.signatureAlgorithm, time, () => checkCertificateSignature(c, issuer));
      if (signatureProblem)
        report.fail(
          'signature',
          signatureProblem.code,
          signatureProblem.code === 'badSignature'
            ? `the signature of "${formatName(c.subject)}" does not verify with the key of "${formatName(issuer.subject)}"${c.issuer.key === issuer.subject.key ? ' (same name, different key)' : ''}: ${signatureProblem.message}`
            : signatureProblem.message,
        );

      if (revocation.mode !== 'off') await checkRevocation({ certificate: c, issuer, anchor: certs[0] as Certificate, path: certs, time, options: revocation, policy, conformance }, report);

      // 6.1.3 (b)-(c): the subject's names against the constraints collected so far.
      if ((isTarget || !c.selfIssued) && nameConstraints.length > 0) {
        report.check('name-constraints');
        const problem = checkNameConstraints(constrainedNames(c), nameConstraints, ncBudget);
        if (problem) report.fail('name-constraints', problem.code, problem.message);
      }

      // 6.1.3 (d)-(f)
      report.check('policies');
      try {
        if (policyAlive && !policyState.processCertificate(c, k)) {
          policyAlive = false;
          report.fail('policies', 'policyRequired', 'an explicit certificate policy is required and the path has none in common');
        }
      } catch (error) {
        if (!(error instanceof PolicyTreeTooComplex)) throw error;
        policyAlive = false;
        report.fail('policies', 'policyTreeTooComplex', error.message);
      }
    }

    if (!isTarget) {
      // 6.1.4: preparation for the next certificate.
      if (!isAnchor) {
        const mappingProblem = policyState.processMappings(c, k);
        if (mappingProblem) report.fail('policies', 'policyMappingInvalid', mappingProblem);
        policyState.updateCounters(c);
      }
      if (c.nameConstraints) {
        report.check('name-constraints');
        const syntax = checkConstraintSyntax(c.nameConstraints);
        if (syntax) report.fail('name-constraints', 'nameConstraintsMalformed', syntax);
        else nameConstraints.push(c.nameConstraints);
      }
      report.check('basic-constraints');
      // A v1 root has no extensions at all; RFC 5280 6.1.1 (d) trusts its name and key.
      const isV1Anchor = isAnchor && c.version === 1;
      if (c.basicConstraints?.ca !== true && !isV1Anchor) report.fail('basic-constraints', 'notCa', 'the certificate issues others but is not a CA (basicConstraints cA is not set)');
      report.check('path-length');
      if (!c.selfIssued && !isAnchor) {
        if (maxPathLength <= 0) report.fail('path-length', 'pathLengthExceeded', 'the path is longer than a pathLenConstraint allows');
        maxPathLength--;
        intermediates++;
        if (parameters.maxIntermediates !== undefined && intermediates > parameters.maxIntermediates)
          report.fail('path-length', 'maxIntermediatesExceeded', `more than ${parameters.maxIntermediates} intermediate certificates`);
      }
      const pathLen = c.basicConstraints?.pathLenConstraint;
      if (pathLen !== undefined && pathLen < maxPathLength) maxPathLength = pathLen;
      report.check('key-usage');
      if (c.keyUsage && !c.keyUsage.has('keyCertSign')) report.fail('key-usage', 'keyUsage', 'the issuer key usage does not allow keyCertSign');
      if (requiredEkus.length > 0 && parameters.extendedKeyUsageOnIssuers && c.extendedKeyUsage) {
        report.check('extended-key-usage');
        if (!c.extendedKeyUsage.some((eku) => requiredEkus.includes(eku) || eku === Oid.anyExtendedKeyUsage))
          report.fail('extended-key-usage', 'extendedKeyUsage', 'the CA certificate extended key usage does not allow the requested usage');
      }
    } else {
      // 6.1.5 wrap-up.
      if (n > 1) {
        report.check('policies');
        const outcome = policyAlive ? policyState.wrapUp(c) : { valid: false, policies: [] };
        if (policyAlive && !outcome.valid) report.fail('policies', 'policyRequired', 'an explicit certificate policy is required and the path has none in common');
        policies = outcome.policies;
      }
      if (parameters.targetMustBeEndEntity && n > 1 && c.basicConstraints?.ca) {
        report.fail('basic-constraints', 'profileViolation', 'a CA certificate cannot be used as an end-entity certificate here');
      }
      report.check('key-usage');
      for (const usage of parameters.requiredKeyUsages ?? [])
        if (c.keyUsage && !c.keyUsage.has(usage)) report.fail('key-usage', 'keyUsage', `the key usage does not allow ${usage}`);
      if (requiredEkus.length > 0) {
        report.check('extended-key-usage');
        if (c.extendedKeyUsage && !c.extendedKeyUsage.some((eku) => requiredEkus.includes(eku) || eku === Oid.anyExtendedKeyUsage))
          report.fail('extended-key-usage', 'extendedKeyUsage', 'the extended key usage does not allow the requested usage');
      }
      const peerNames = [...(parameters.peerName ? [parameters.peerName] : []), ...(parameters.peerNames ?? [])];
      if (peerNames.length > 0) {
        report.check('peer-name');
        for (const peer of peerNames)
          if (!matchesPeerName(c.subjectAltName, peer)) report.fail('peer-name', 'peerNameMismatch', `the certificate is not valid for ${peer.value}`);
        const misspelt = conformance.strict && parameters.peerName ? commonNameSpellingMismatch(nameAttributes(c.subject, OID_COMMON_NAME), c.subjectAltName) : undefined;
        if (misspelt !== undefined) report.fail('peer-name', 'peerNameMismatch', `the common name "${misspelt}" spells a subject alternative name differently`);
      }
    }
  }
  const certificates = reports.map((r) => r.toJSON()).reverse();
  for (const r of certificates) pathFailures.push(...r.failures);
  const warnings = certificates.flatMap((r) => r.warnings);
  return { valid: pathFailures.length === 0, path, certificates, failures: pathFailures, warnings, validPolicies: policies, time };
}
