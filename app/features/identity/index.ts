export { IdentityPage, CertificateCard } from './IdentityPage';
export { assessIdentity, trustStoreRevocationChecker, type AssessIdentityParameters, type AssessIdentityReturnType, type IdentityVerdict } from './verdict';
export { useIdentityVerdict, useRegisteredIdentity } from './queries';
