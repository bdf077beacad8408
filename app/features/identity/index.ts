export { IdentityPage, CertificateCard, useCertificateView, useHolderName } from './IdentityPage';
export { assessIdentity, trustStoreRevocationChecker, type AssessIdentityParameters, type AssessIdentityReturnType, type IdentityVerdict } from './verdict';
export { useIdentityVerdict, useRegisteredIdentity } from './queries';
export { certificateName, describeVerdict, holderName, organisationOf, pathNodes, pathOf, stripIcpBrasilNumber } from './present';
