import { hashTypedData, type Address, type Hex, type TypedDataDefinition } from 'viem';
import type { OnChainTerms } from './types';

/**
 * The EIP-712 types of a PKI signature, field for field as TransactionRegistry hashes them
 * (`_SIGN_TYPEHASH`, `_TERMS_TYPEHASH`). Changing either side breaks every signature: the test
 * "hashTypedData equals the contract's digestOf" guards them.
 */
export const signTypes = {
  Sign: [
    { name: 'transactionId', type: 'uint256' },
    { name: 'partyIndex', type: 'uint256' },
    { name: 'wallet', type: 'address' },
    { name: 'payloadHash', type: 'bytes32' },
    { name: 'terms', type: 'Terms' },
    { name: 'identity', type: 'bytes32' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint64' },
  ],
  Terms: [
    { name: 'amount', type: 'uint256' },
    { name: 'decimals', type: 'uint8' },
    { name: 'currency', type: 'bytes3' },
    { name: 'paymentReference', type: 'string' },
    { name: 'memoHash', type: 'bytes32' },
  ],
} as const;

/** The contract's EIP-712 domain name and version (its constructor's `EIP712(...)`). */
export const SIGN_DOMAIN_NAME = 'TransactionRegistry';
export const SIGN_DOMAIN_VERSION = '1';

export type SignTypedData = TypedDataDefinition<typeof signTypes, 'Sign'> & {
  readonly domain: { readonly name: string; readonly version: string; readonly chainId: number; readonly verifyingContract: Address };
};

export type SignTypedDataOfParameters = {
  readonly chainId: number;
  /** The TransactionRegistry. */
  readonly verifyingContract: Address;
  readonly transactionId: bigint;
  /** The party (seat) signed for. */
  readonly partyIndex: bigint;
  /** The wallet that submits the signature (the caller of `sign`). */
  readonly wallet: Address;
  readonly transaction: { readonly payloadHash: Hex; readonly terms: OnChainTerms; readonly deadline: bigint };
  /** SHA-256 of the signer certificate's tbsCertificate. */
  readonly identity: Hex;
  /** The signer key's current nonce in the registry ({@link getIdentityNonce}). */
  readonly nonce: bigint;
};

/** The typed data a party's national-PKI key signs (through its digest), ready to show and to hash. */
export function signTypedDataOf(params: SignTypedDataOfParameters): SignTypedData {
  const { terms } = params.transaction;
  return {
    domain: { name: SIGN_DOMAIN_NAME, version: SIGN_DOMAIN_VERSION, chainId: params.chainId, verifyingContract: params.verifyingContract },
    types: signTypes,
    primaryType: 'Sign',
    message: {
      transactionId: params.transactionId,
      partyIndex: params.partyIndex,
      wallet: params.wallet,
      payloadHash: params.transaction.payloadHash,
      terms: {
        amount: terms.amount,
        decimals: terms.decimals,
        currency: terms.currency,
        paymentReference: terms.paymentReference,
        memoHash: terms.memoHash,
      },
      identity: params.identity,
      nonce: params.nonce,
      deadline: params.transaction.deadline,
    },
  };
}

/**
 * The 32-byte EIP-712 digest of the typed data: the content of the CMS signature (its messageDigest
 * attribute is SHA-256 of these 32 bytes).
 */
export function signDigestOf(typedData: SignTypedData): Hex {
  return hashTypedData(typedData);
}
