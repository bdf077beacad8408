import type { Client, Hex } from 'viem';
import { trustStoreAbi } from '@abi/TrustStore';
import { _readContract } from '../_readContract';
import type { Revocation, TrustStoreParameters } from './types';

export type GetRevocationParameters = TrustStoreParameters & {
  readonly anchorHash: Hex;
  /** SHA-256 of the certificate's tbsCertificate. */
  readonly certificateHash: Hex;
};
export type GetRevocationReturnType = Revocation;

/** The revocation record of a certificate under one anchor; `version` 0 when it was never revoked there. */
export async function getRevocation(client: Client, params: GetRevocationParameters): Promise<GetRevocationReturnType> {
  return _readContract(client, { abi: trustStoreAbi, address: params.address, functionName: 'revocation', args: [params.anchorHash, params.certificateHash] });
}
