// What several features share: thin React hooks over the ledger's query options, a certificate's summary,
// and the identity verdict (path + Trust Store). Features import this, never each other.
export { summariseCertificate, useCertificateSummary, type CertificateSummary } from './certificateSummary';
export { useCertificateView, useHolderName, useIdentityVerdict, useRegisteredIdentity, useVerdictRoutes } from './identity';
export { certificateName, describeVerdict, holderName, organisationOf, pathNodes, pathOf, stripIcpBrasilNumber } from './present';
export { QueryState } from './QueryState';
export { markVerdictEnd, markVerdictStart } from './verdictTiming';
export {
  useAllAnchors,
  useAnchorsByCountry,
  useHasVoted,
  useMembers,
  useOpenProposals,
  useRequiredApprovals,
  useTrustStoreHistory,
  useTrustStoreHistoryPages,
} from './trustStore';
export { assessIdentity, assessRoute, trustStoreRevocationChecker, type RoutedVerdict, type AssessIdentityParameters, type AssessIdentityReturnType, type IdentityVerdict } from './verdict';
export { getEvidenceBundle, type GetEvidenceBundleParameters } from './evidence';
export { formatDuration, routeSnapshotOf, routeVerdict, routeVerdictText, type RouteSnapshot, type RouteState, type RouteVerdict } from './routes';
export {
  ledgerName,
  readRouteSnapshot,
  routesOf,
  useAgreements,
  useInboundPeerings,
  useLatestBlockNumber,
  useLedgerName,
  useOutboundPeers,
  usePeerTrustAddress,
  useReceivedRoutes,
  useRecordFromPeer,
  type InboundPeering,
} from './peers';
// app13: signature timestamps through the relay
export { checkSignatureTimestamp, timestampOver, timestampSignature, type CheckSignatureTimestampParameters, type SignatureTimestamp, type TimestampSignatureParameters } from './timestamp';
export { relayOffersTimestamps } from './relay-client';
