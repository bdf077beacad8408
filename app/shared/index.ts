// What several features share: thin React hooks over the ledger's query options, a certificate's summary,
// and the identity verdict (path + Trust Store). Features import this, never each other.
export { summariseCertificate, useCertificateSummary, type CertificateSummary } from './certificateSummary';
export { useRegisteredIdentity } from './identity';
export {
  useAllAnchors,
  useAnchorsByCountry,
  useHasVoted,
  useMembers,
  useOpenProposals,
  useRequiredApprovals,
  useTrustStoreHistory,
} from './trustStore';
export { assessIdentity, trustStoreRevocationChecker, type AssessIdentityParameters, type AssessIdentityReturnType, type IdentityVerdict } from './verdict';
export { getEvidenceBundle, type GetEvidenceBundleParameters } from './evidence';
