import type { Client, Hex } from 'viem';
import { identityRegistryAbi } from '@abi/IdentityRegistry';
import { _readContract } from '../_readContract';
import type { IdentityRegistryParameters } from './types';

export type IsVerifiedIntermediateParameters = IdentityRegistryParameters & {
  /** SHA-256 of the CA certificate's DER. */
  readonly certificateHash: Hex;
  /** SHA-256 of the issuer's SubjectPublicKeyInfo DER. */
  readonly issuerSpkiHash: Hex;
};
export type IsVerifiedIntermediateReturnType = boolean;

/** Whether the registry cached this CA certificate as verified under that issuer key (later paths skip its signature). */
export async function isVerifiedIntermediate(client: Client, params: IsVerifiedIntermediateParameters): Promise<IsVerifiedIntermediateReturnType> {
  return _readContract(client, { abi: identityRegistryAbi, address: params.address, functionName: 'isVerifiedIntermediate', args: [params.certificateHash, params.issuerSpkiHash] });
}
