import type { Address, ContractFunctionReturnType } from 'viem';
import type { identityRegistryAbi } from '@abi/IdentityRegistry';

type IdentityRegistryAbi = typeof identityRegistryAbi;

/** IIdentityRegistry.Identity: the certificate a wallet is bound to (all zero when none). */
export type Identity = ContractFunctionReturnType<IdentityRegistryAbi, 'view', 'identityOf'>;

/** IIdentityRegistry.KeyType */
export const KeyType = { None: 0, Rsa: 1, P256: 2 } as const;
export type KeyType = (typeof KeyType)[keyof typeof KeyType];

export type IdentityRegistryParameters = {
  /** The IdentityRegistry contract. */
  readonly address: Address;
};
