export { TrustStorePage } from './TrustStorePage';
export { summariseCertificate, useCertificateSummary, type CertificateSummary } from './certificateSummary';
export {
  trustStoreKey,
  useAllAnchors,
  useAnchorsByCountry,
  useMembers,
  useOpenProposals,
  useRefreshTrustStoreOnNewBlocks,
  useRequiredApprovals,
  useTrustStoreHistory,
} from './queries';
