/** Public entry of the key-handling half of app/pki: CMS/CAdES, PKCS#12, SM2, display view, demo PKIs. */
export * from './errors';
export {
  createCmsSignature,
  cryptoKeySigner,
  verifyCmsSignature,
  ecdsaDerToRaw,
  ecdsaRawToDer,
  toDerEcdsaSignature,
  type CmsSignFunction,
  type CmsVerificationFailure,
  type CreateCmsSignatureParameters,
  type CreateCmsSignatureReturnType,
  type SignaturePolicy,
  type VerifyCmsSignatureParameters,
  type VerifyCmsSignatureReturnType,
} from './cms/signed-data';
export { importPkcs12, type ImportPkcs12Parameters, type ImportPkcs12ReturnType } from './pkcs12/import';
export { exportPkcs12, type ExportPkcs12Parameters } from './pkcs12/export';
export * from './profiles/icpBrasil';
export * from './profiles/china';
export {
  buildDemoPkis,
  DEMO_PASSWORD,
  type BuildDemoPkisReturnType,
  type DemoCertificateEntry,
  type DemoHolderEntry,
  type DemoManifest,
  type DemoPkiManifest,
} from './demo/generate';
export { sm3 } from './crypto/sm3';
export {
  isSm2ExplicitParameters,
  sm2MessageDigest,
  sm2PublicKey,
  sm2Za,
  verifySm2Signature,
  SM2_CURVE,
  sm2SignatureVerifier,
  type Sm2PublicPoint,
  type VerifySm2SignatureParameters,
} from './crypto/sm2';
export { certificateView, type CertificateView, type NameView, type PublicKeyView } from './x509/view';
