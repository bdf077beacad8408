import type { Hash, Hex } from 'viem';
import { identityRegistryAbi } from '@abi/IdentityRegistry';
import { _writeContract, type LedgerWriteClient } from '../_writeContract';
import type { IdentityRegistryParameters } from './types';

export type RegisterIdentityParameters = IdentityRegistryParameters & {
  /**
   * The certification path as DER: the holder's certificate first, then each intermediate up to the
   * one the anchor issued. The anchor itself is not included (the Trust Store holds it).
   */
  readonly path: readonly Hex[];
  /** SHA-256 of the Trust Store anchor's DER that issued the last certificate of `path`. */
  readonly anchorHash: Hex;
};

export type RegisterIdentityReturnType = { readonly hash: Hash };

/**
 * Binds the caller's wallet to the holder certificate after the contract verified the whole path
 * on-chain (replacing the caller's previous identity). Refusals are IdentityRegistry__* errors.
 */
export async function registerIdentity(client: LedgerWriteClient, params: RegisterIdentityParameters): Promise<RegisterIdentityReturnType> {
  const { hash } = await _writeContract(client, identityRegistryAbi, params.address, 'register', [params.path, params.anchorHash]);
  return { hash };
}
