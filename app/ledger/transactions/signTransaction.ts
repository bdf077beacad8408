import type { Hash, Hex } from 'viem';
import { transactionRegistryAbi } from '@abi/TransactionRegistry';
import { _writeContract, type LedgerWriteClient } from '../_writeContract';
import type { TransactionRegistryParameters } from './types';

export type SignTransactionParameters = TransactionRegistryParameters & {
  readonly id: bigint;
  /** The party the caller signs for (its country must be the caller identity's). */
  readonly partyIndex: number;
  /**
   * The CMS signer's signed attributes, DER as signed (a SET OF, tag 0x31), with messageDigest =
   * SHA-256 of the 32-byte EIP-712 digest and a signingCertificateV2 naming the caller's certificate.
   */
  readonly signedAttributes: Hex;
  /** The PKI signature over the signed attributes: RSA PKCS#1 v1.5, or ECDSA P-256 DER-encoded. */
  readonly signature: Hex;
};

export type SignTransactionReturnType = { readonly hash: Hash };

/** Submits the caller's national-PKI signature for one party; the contract verifies it with the bound key. */
export async function signTransaction(client: LedgerWriteClient, params: SignTransactionParameters): Promise<SignTransactionReturnType> {
  const { hash } = await _writeContract(client, { abi: transactionRegistryAbi, address: params.address, functionName: 'sign', args: [
    params.id,
    BigInt(params.partyIndex),
    params.signedAttributes,
    params.signature,
  ] });
  return { hash };
}
