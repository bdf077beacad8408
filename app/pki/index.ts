/**
 * The PKI engine: certificates, path building (RFC 4158) and path validation (RFC 5280 s6).
 * Pure TypeScript over WebCrypto; runs unchanged in the browser and in Node.
 */
import { clearCertificateCache } from './x509/certificate';
import { buildPath, type BuildPathParameters, type BuildPathReturnType } from './path/path-builder';
import { clearSignatureCache } from './crypto/signatures';
import { clearCrlCache } from './path/crl-fetch';
import { registerSignatureVerifier } from './crypto/algorithms';
import { sm2SignatureVerifier } from './crypto/sm2';

// China's national PKI signs with SM2-with-SM3, which WebCrypto lacks: our own verifier fills the gap.
registerSignatureVerifier(sm2SignatureVerifier);

export * from './errors';
export { parseCertificate, type Certificate, type AlgorithmIdentifier, type SubjectPublicKeyInfo, type CertificateExtension, type CertificateProblem } from './x509/certificate';
export { readCertificates } from './x509/read-certificates';
export { formatName, namesEqual, type Name } from './x509/name';
export { formatGeneralName, type GeneralName } from './x509/general-name';
export type { BasicConstraints, KeyUsage, AuthorityKeyIdentifier, PolicyInformation, PolicyConstraints, PolicyMapping, NameConstraints, GeneralSubtree } from './x509/extensions';
export { registerSignatureVerifier, getSignatureVerifier, verifySignature, type SignatureVerifier, type VerifySignatureParameters, type VerifySignatureReturnType, type HashName } from './crypto/algorithms';
export { defaultAlgorithmPolicy, type AlgorithmPolicy } from './crypto/algorithm-policy';
export { parseCrl, type Crl, type RevocationChecker, type RevocationMode, type RevocationOptions, type RevocationStatus } from './path/revocation';
export { clearCrlCache, createCrlCache, crlDistributionPointUrls, CrlFetchError, defaultCrlFetchOptions, fetchCrl, type CrlCache, type CrlFetchOptions } from './path/crl-fetch';
export { validatePath } from './path/validate';
export { buildPath, createCertificatePool, defaultPathBuildingLimits, type BuildPathParameters, type BuildPathReturnType, type CertificatePool, type PathBuildingLimits } from './path/path-builder';
export type { PeerName } from './path/host-names';
export { pathFailureCodes, profileRules } from './path/validation-types';
export type * from './path/validation-types';
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
