/**
 * The one public entry of app/pki: certificates (x509/), path building (RFC 4158) and validation
 * (RFC 5280 s6) (path/), signature algorithms (crypto/), CMS/CAdES (cms/), PKCS#12 (pkcs12/) and the
 * national profiles (profiles/). Pure TypeScript over WebCrypto; runs unchanged in the browser and in
 * Node. Importing it has no side effect: the verifier registry knows SM2 by default (crypto/algorithms.ts).
 * The demo-PKI generator is not here: it is `@/pki/testing`.
 */
import { buildPath, type BuildPathParameters, type BuildPathReturnType } from './path/path-builder';
import { clearCertificateCache } from './x509/certificate';
import { clearSignatureCache } from './crypto/signatures';
import { clearCrlCache } from './path/crl-fetch';

export * from './errors';
export * from './limits';
export { base64Decode, fromPem, toHex, toPem } from './bytes';
export { EKU_NAMES as extendedKeyUsageOids, CHINA_OIDS, KeyOid, NameOid, Oid, SignatureOid } from './oids';

// x509/
export { parseCertificate, parseCertificateSync, type Certificate, type AlgorithmIdentifier, type SubjectPublicKeyInfo, type CertificateExtension, type CertificateProblem } from './x509/certificate';
export { readCertificates } from './x509/read-certificates';
export { formatName, nameAttributes, namesEqual, type Name } from './x509/name';
export { formatGeneralName, type GeneralName } from './x509/general-name';
export type { BasicConstraints, KeyUsage, AuthorityKeyIdentifier, PolicyInformation, PolicyConstraints, PolicyMapping, NameConstraints, GeneralSubtree } from './x509/extensions';
export { certificateView, type CertificateView, type NameView, type PublicKeyView } from './x509/view';

// crypto/
export { registerSignatureVerifier, getSignatureVerifier, verifySignature, type SignatureVerifier, type VerifySignatureParameters, type VerifySignatureReturnType, type HashName } from './crypto/algorithms';
export { defaultAlgorithmPolicy, type AlgorithmPolicy } from './crypto/algorithm-policy';
export { ecdsaDerToRaw, ecdsaRawToDer, toDerEcdsaSignature } from './crypto/ecdsaSignature';
export { sm3 } from './crypto/sm3';
export {
  isSm2ExplicitParameters,
  isSm2PublicKey,
  sm2MessageDigest,
  sm2PublicKey,
  sm2Za,
  verifySm2Signature,
  SM2_CURVE,
  sm2SignatureVerifier,
  type Sm2PublicPoint,
  type VerifySm2SignatureParameters,
} from './crypto/sm2';

// path/
export { parseCrl, type Crl, type RevocationChecker, type RevocationMode, type RevocationOptions, type RevocationStatus } from './path/revocation';
export { describeRevocation, revokedMessage, type RevocationDescription } from './path/revocation-check';
export { createOcspRequest, defaultOcspOptions, OcspError, ocspStatus, ocspUrls, parseOcspResponse, statusFromOcspResponse, type OcspOptions, type OcspResponse } from './path/ocsp';
export { clearCrlCache, createCrlCache, crlDistributionPointUrls, crlFetchUrls, CrlFetchError, defaultCrlFetchOptions, fetchCrl, type CrlCache, type CrlFetchOptions } from './path/crl-fetch';
export { validatePath } from './path/validate';
export { buildPath, createCertificatePool, defaultPathBuildingLimits, type BuildPathParameters, type BuildPathReturnType, type CertificatePool, type PathBuildingLimits, type PathBuildingWork } from './path/path-builder';
export type { PeerName } from './path/host-names';
export { pathFailureCodes, profileRules, validationProfiles } from './path/validation-types';
export type * from './path/validation-types';

// cms/
export {
  createCmsSignature,
  cryptoKeySigner,
  verifyCmsSignature,
  type CmsSignFunction,
  type CmsVerificationFailure,
  type CreateCmsSignatureParameters,
  type CreateCmsSignatureReturnType,
  type SignaturePolicy,
  type VerifyCmsSignatureParameters,
  type VerifyCmsSignatureReturnType,
} from './cms/signed-data';
export { buildP7s, type BuildP7sParameters } from './cms/p7s';
// app13: RFC 3161 signature timestamps (AD-RT)
export {
  createTimestampRequest,
  readTimestampResponse,
  TIMESTAMP_RESPONSE_MAX_BYTES,
  TimestampError,
  timestampFailures,
  verifyTimestampToken,
  type CreateTimestampRequestParameters,
  type TimestampFailure,
  type TimestampRequest,
  type TstInfo,
  type VerifyTimestampTokenParameters,
  type VerifyTimestampTokenReturnType,
} from './cms/timestamp';
export { verifyPartySignature, type VerifyPartySignatureParameters, type VerifyPartySignatureReturnType } from './cms/verifyParty';

// pkcs12/
export { importPkcs12, openPkcs12, type ImportPkcs12Parameters, type ImportPkcs12ReturnType, type OpenPkcs12ReturnType } from './pkcs12/import';
// sm2-browser: software SM2 keys (WebCrypto has no SM2)
export { createSm2PrivateKey, type Sm2PrivateKey, type Sm2SignOptions } from './crypto/sm2-sign';
export { exportPkcs12, type ExportPkcs12Parameters } from './pkcs12/export';

// profiles/
export * from './profiles/icpBrasil';
export * from './profiles/china';

// The demo manifest is a file format the app reads (types only; the generator is `@/pki/testing`).
export type { DemoCertificateEntry, DemoHolderEntry, DemoManifest, DemoPkiManifest } from './demo/generate';

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

// evidence/
export {
  createEvidenceBundle,
  readEvidenceBundle,
  verifyEvidenceBundle,
  evidenceFiles,
  EVIDENCE_FORMAT,
  type CreateEvidenceBundleParameters,
  type EvidenceBundle,
  type EvidenceCheck,
  type EvidenceParty,
  type EvidenceRecord,
} from './evidence/bundle';
export { readTar, writeTar, type TarEntry } from './evidence/tar';
