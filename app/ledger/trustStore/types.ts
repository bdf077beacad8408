import type { Address, ContractFunctionReturnType } from 'viem';
import type { trustStoreAbi } from '@abi/TrustStore';

type TrustStoreAbi = typeof trustStoreAbi;

export type Member = ContractFunctionReturnType<TrustStoreAbi, 'view', 'members'>[number];
export type Anchor = ContractFunctionReturnType<TrustStoreAbi, 'view', 'anchor'>;
export type Proposal = ContractFunctionReturnType<TrustStoreAbi, 'view', 'proposal'>;
export type Revocation = ContractFunctionReturnType<TrustStoreAbi, 'view', 'revocation'>;

/** ITrustStore.AnchorStatus */
export const AnchorStatus = { None: 0, Active: 1, Suspended: 2, Retired: 3 } as const;
export type AnchorStatus = (typeof AnchorStatus)[keyof typeof AnchorStatus];

/** ITrustStore.ProposalKind */
export const ProposalKind = {
  AddAnchor: 0,
  RetireAnchor: 1,
  ReinstateAnchor: 2,
  AddMember: 3,
  RemoveMember: 4,
  ChangeThreshold: 5,
  RevokeCertificate: 6,
  AnnulRevocation: 7,
} as const;
export type ProposalKind = (typeof ProposalKind)[keyof typeof ProposalKind];

/** ITrustStore's ANCHOR_* exception flags a proposal declares for an unusual anchor. */
export const ANCHOR_COUNTRY_DIFFERS = 1;
export const ANCHOR_KEY_REUSED = 2;

/** ITrustStore.PathStatus */
export const PathStatus = {
  Ok: 0,
  EmptyPath: 1,
  UnknownAnchor: 2,
  AnchorNotYetTrusted: 3,
  AnchorSuspended: 4,
  AnchorRetired: 5,
  CertificateRevoked: 6,
} as const;
export type PathStatus = (typeof PathStatus)[keyof typeof PathStatus];

export type TrustStoreParameters = {
  /** The TrustStore contract. */
  readonly address: Address;
};
