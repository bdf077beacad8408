export { IdentityPage, CertificateCard } from './IdentityPage';
export { useIdentitySession, selectSigner, selectSetSigner, type IdentitySessionState } from './session';
export { assessIdentity, trustStoreRevocationChecker, type AssessIdentityParameters, type AssessIdentityReturnType, type IdentityVerdict } from './verdict';
export { useIdentityVerdict, useRegisteredIdentity } from './queries';
