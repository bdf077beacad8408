export { TrustStorePage } from './TrustStorePage';
export { summariseCertificate, useCertificateSummary, type CertificateSummary } from './certificateSummary';
export {
  useAllAnchors,
  useHasVoted,
  useAnchorsByCountry,
  useMembers,
  useOpenProposals,
  useRequiredApprovals,
  useTrustStoreHistory,
} from './queries';
