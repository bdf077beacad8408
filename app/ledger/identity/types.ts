import type { Address, ContractFunctionReturnType } from 'viem';
import { IIdentityRegistry } from '@abi/enums';
import type { identityRegistryAbi } from '@abi/IdentityRegistry';

type IdentityRegistryAbi = typeof identityRegistryAbi;

/** IIdentityRegistry.Identity: the certificate a wallet is bound to (all zero when none). */
export type Identity = ContractFunctionReturnType<IdentityRegistryAbi, 'view', 'identityOf'>;

/** IIdentityRegistry.KeyType (generated from the contract). */
export const KeyType = IIdentityRegistry.KeyType;
export type KeyType = (typeof KeyType)[keyof typeof KeyType];

export type IdentityRegistryParameters = {
  /** The IdentityRegistry contract. */
  readonly address: Address;
};
