import type { Hash, Hex } from 'viem';
import { identityRegistryAbi } from '@abi/IdentityRegistry';
import { pkiVerifierAbi } from '@abi/PkiVerifier';
import { _sendContract, type LedgerWriteClient } from '../_writeContract';
import type { PkiSignature } from '../pkiSignature';
import type { IdentityRegistryParameters } from './types';

/**
 * The registry's ABI with the errors of the PkiVerifier it calls (PkiSignature__*, CmsSignedAttributes__*,
 * Der__*, X509__*), so that a refused proof of possession decodes to its custom error.
 */
export const identityRegistryErrorsAbi = [
  ...identityRegistryAbi,
  ...pkiVerifierAbi.filter((item) => item.type === 'error' && !identityRegistryAbi.some((own) => own.type === 'error' && own.name === item.name)),
] as const;

/**
 * The proof of possession is a {@link PkiSignature} by the holder's key over the digest of
 * {@link possessionTypedDataOf}, its signingCertificateV2 naming `path[0]` as given here. No key type is
 * passed: the contract reads it from `path[0]` (RSA, P-256 or SM2, whose ZA it computes and stores).
 */
export type RegisterIdentityParameters = IdentityRegistryParameters & PkiSignature & {
  /**
   * The certification path as DER: the holder's certificate first, then each intermediate up to the
   * one the anchor issued. The anchor itself is not included (the Trust Store holds it).
   */
  readonly path: readonly Hex[];
  /** The Trust Store anchor that issued the last certificate of `path`: SHA-256 of its tbsCertificate. */
  readonly anchorHash: Hex;
};

export type RegisterIdentityReturnType = { readonly hash: Hash };

/**
 * Binds the caller's wallet to the holder's key after the contract verified the whole path and the proof
 * of possession on-chain (replacing the caller's previous identity). Refusals are IdentityRegistry__*
 * and PkiSignature__* errors.
 */
export async function registerIdentity(client: LedgerWriteClient, params: RegisterIdentityParameters): Promise<RegisterIdentityReturnType> {
  return _sendContract(client, { abi: identityRegistryErrorsAbi, address: params.address, functionName: 'register', args: [
    params.path,
    params.anchorHash,
    params.signedAttributes,
    params.signature,
  ] });
}
