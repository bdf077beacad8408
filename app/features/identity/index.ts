export { IdentityPage, CertificateCard } from './IdentityPage';
export { useIdentityVerdict } from './queries';
