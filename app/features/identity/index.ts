export { IdentityPage, CertificateCard } from './IdentityPage';
