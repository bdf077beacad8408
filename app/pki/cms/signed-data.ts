/**
 * CMS SignedData, detached, CAdES-BES, in three modules along its seams: sign.ts (build around the
 * caller's signing function), verify.ts (check a .p7s), parse.ts (what both read: the signer's
 * certificate and key kind, digest algorithms). This module is their one entry.
 */
export type { SignaturePolicy } from './attributes';
export { ecdsaDerToRaw, ecdsaRawToDer, toDerEcdsaSignature } from '../crypto/ecdsaSignature';
export { parseCertificate, signerKeyOf, type CmsDigestName, type SignerKey } from './parse';
export { createCmsSignature, cryptoKeySigner, type CmsSignFunction, type CreateCmsSignatureParameters, type CreateCmsSignatureReturnType } from './sign';
export { verifyCmsSignature, type CmsVerificationFailure, type VerifyCmsSignatureParameters, type VerifyCmsSignatureReturnType } from './verify';
