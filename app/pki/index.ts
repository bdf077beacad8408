/**
 * The PKI engine: certificates, path building (RFC 4158) and path validation (RFC 5280 s6).
 * Pure TypeScript over WebCrypto; runs unchanged in the browser and in Node.
 */
import { clearCertificateCache } from './certificate';
import { buildPath, type BuildPathParameters, type BuildPathReturnType } from './path-builder';
import { clearSignatureCache } from './signatures';
import { clearCrlCache } from './crl-fetch';
import { registerSignatureVerifier } from './algorithms';
import { sm2SignatureVerifier } from './sm2';

// China's national PKI signs with SM2-with-SM3, which WebCrypto lacks: our own verifier fills the gap.
registerSignatureVerifier(sm2SignatureVerifier);

export * from './errors';
export { parseCertificate, type Certificate, type AlgorithmIdentifier, type SubjectPublicKeyInfo, type CertificateExtension, type CertificateProblem } from './certificate';
export { readCertificates } from './read-certificates';
export { formatName, namesEqual, type Name } from './name';
export { formatGeneralName, type GeneralName } from './general-name';
export type { BasicConstraints, KeyUsage, AuthorityKeyIdentifier, PolicyInformation, PolicyConstraints, PolicyMapping, NameConstraints, GeneralSubtree } from './extensions';
export { registerSignatureVerifier, getSignatureVerifier, verifySignature, type SignatureVerifier, type VerifySignatureParameters, type VerifySignatureReturnType, type HashName } from './algorithms';
export { defaultAlgorithmPolicy, type AlgorithmPolicy } from './algorithm-policy';
export { parseCrl, type Crl, type RevocationChecker, type RevocationMode, type RevocationOptions, type RevocationStatus } from './revocation';
export { clearCrlCache, createCrlCache, crlDistributionPointUrls, CrlFetchError, defaultCrlFetchOptions, fetchCrl, type CrlCache, type CrlFetchOptions } from './crl-fetch';
export { validatePath } from './validate';
export { buildPath, createCertificatePool, defaultPathBuildingLimits, type BuildPathParameters, type BuildPathReturnType, type CertificatePool, type PathBuildingLimits } from './path-builder';
export type { PeerName } from './host-names';
export { pathFailureCodes, profileRules } from './validation-types';
export type * from './validation-types';
export { EKU_NAMES as extendedKeyUsageOids, KeyOid, Oid, SignatureOid } from './oids';

export type BuildAndValidatePathParameters = BuildPathParameters;
export type BuildAndValidatePathReturnType = BuildPathReturnType;

/** Build a certification path from `target` to one of `trustAnchors` and validate it. */
export function buildAndValidatePath(parameters: BuildAndValidatePathParameters): Promise<BuildAndValidatePathReturnType> {
  return buildPath(parameters);
}

/** Forget memoised parses, signature checks and downloaded CRLs (by default all). */
export function clearPkiCaches(what: { certificates?: boolean; signatures?: boolean; crls?: boolean } = {}): void {
  if (what.certificates ?? true) clearCertificateCache();
  if (what.signatures ?? true) clearSignatureCache();
  if (what.crls ?? true) clearCrlCache();
}
