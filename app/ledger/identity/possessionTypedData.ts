import { hashTypedData, type Address, type Hex } from 'viem';
import { _eip712Domain, type Eip712Target, type RegistryTypedData } from '../_eip712';

/**
 * The EIP-712 types of the proof of possession, field for field as IdentityRegistry hashes them
 * (`_REGISTER_TYPEHASH`). The test "hashTypedData equals the contract's possessionDigestOf" guards them.
 */
export const possessionTypes = {
  Register: [
    { name: 'wallet', type: 'address' },
    { name: 'identity', type: 'bytes32' },
    { name: 'nonce', type: 'uint256' },
  ],
} as const;

/** The contract's EIP-712 domain name and version (its constructor's `EIP712(...)`). */
const possessionDomain = { name: 'IdentityRegistry', version: '1' };

export type PossessionTypedData = RegistryTypedData<typeof possessionTypes, 'Register'>;

export type PossessionTypedDataOfParameters = Eip712Target & {
  /** The wallet the key is to be bound to (the caller of `register`). */
  readonly wallet: Address;
  /** SHA-256 of the holder certificate's tbsCertificate. */
  readonly identity: Hex;
  /** The wallet's registration nonce ({@link getRegistrationNonce}). */
  readonly nonce: bigint;
};

/** The typed data the holder's national-PKI key signs (through its digest) to register `wallet`. */
export function possessionTypedDataOf(params: PossessionTypedDataOfParameters): PossessionTypedData {
  return {
    domain: _eip712Domain(possessionDomain, params),
    types: possessionTypes,
    primaryType: 'Register',
    message: { wallet: params.wallet, identity: params.identity, nonce: params.nonce },
  };
}

/**
 * The 32-byte EIP-712 digest of the proof of possession: the content of the CMS signature (its
 * messageDigest attribute is SHA-256 of these 32 bytes).
 */
export const possessionDigestOf: (typedData: PossessionTypedData) => Hex = hashTypedData;
