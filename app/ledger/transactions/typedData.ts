import { getAbiItem, hashTypedData, type Address, type Hex } from 'viem';
import { transactionRegistryAbi } from '@abi/TransactionRegistry';
import { _eip712Domain, _eip712Fields, type Eip712Target, type RegistryTypedData } from '../_eip712';
import type { OnChainTerms } from './types';

/**
 * The EIP-712 types of a PKI signature, field for field as TransactionRegistry hashes them
 * (`_SIGN_TYPEHASH`, `_TERMS_TYPEHASH`; Terms is the contract's struct, read from its ABI). Changing
 * either side breaks every signature: the test "hashTypedData equals the contract's digestOf" guards them.
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
  Terms: _eip712Fields(getAbiItem({ abi: transactionRegistryAbi, name: 'create' }).inputs[2].components),
} as const;

/** The contract's EIP-712 domain name and version (its constructor's `EIP712(...)`). */
const signDomain = { name: 'TransactionRegistry', version: '1' };

export type SignTypedData = RegistryTypedData<typeof signTypes, 'Sign'>;

export type SignTypedDataOfParameters = Eip712Target & {
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
    domain: _eip712Domain(signDomain, params),
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
export const signDigestOf: (typedData: SignTypedData) => Hex = hashTypedData;
