import type { Address, ContractFunctionReturnType } from 'viem';
import { ITrustStore } from '@abi/enums';
import type { trustStoreAbi } from '@abi/TrustStore';

type TrustStoreAbi = typeof trustStoreAbi;

export type Member = ContractFunctionReturnType<TrustStoreAbi, 'view', 'members'>[number];
export type Anchor = ContractFunctionReturnType<TrustStoreAbi, 'view', 'anchor'>;
export type Proposal = ContractFunctionReturnType<TrustStoreAbi, 'view', 'proposal'>;
export type Revocation = ContractFunctionReturnType<TrustStoreAbi, 'view', 'revocation'>;

/** ITrustStore.AnchorStatus (generated from the contract). */
export const AnchorStatus = ITrustStore.AnchorStatus;
export type AnchorStatus = (typeof AnchorStatus)[keyof typeof AnchorStatus];

/** ITrustStore.ProposalKind (generated from the contract). */
export const ProposalKind = ITrustStore.ProposalKind;
export type ProposalKind = (typeof ProposalKind)[keyof typeof ProposalKind];

/**
 * ITrustStore's ANCHOR_* flags: deliberate exceptions a proposer declares for an anchor (combine with
 * `|`). `proposeAddAnchor` needs exactly the flags the certificate calls for.
 */
export const AnchorException = {
  /** The certificate's subject has no single countryName equal to the anchor's country. */
  CountryDiffers: 1,
  /** The certificate's key (SPKI) is that of an anchor already known to the store (a re-issued root). */
  KeyReused: 2,
} as const;
/** A combination of `AnchorException` flags; 0 for none. */
export type AnchorExceptions = number;

/** RFC 5280 CRLReason, as `revokeCertificate` and `proposeRevokeCertificate` take it (0..10 but 7). */
export const RevocationReason = {
  Unspecified: 0,
  KeyCompromise: 1,
  CaCompromise: 2,
  AffiliationChanged: 3,
  Superseded: 4,
  CessationOfOperation: 5,
  CertificateHold: 6,
  RemoveFromCrl: 8,
  PrivilegeWithdrawn: 9,
  AaCompromise: 10,
} as const;
export type RevocationReason = (typeof RevocationReason)[keyof typeof RevocationReason];

/** ITrustStore.PathStatus (generated from the contract). */
export const PathStatus = ITrustStore.PathStatus;
export type PathStatus = (typeof PathStatus)[keyof typeof PathStatus];

export type TrustStoreParameters = {
  /** The TrustStore contract. */
  readonly address: Address;
};
