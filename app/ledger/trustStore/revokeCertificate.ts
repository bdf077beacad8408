import type { Hash } from 'viem';
import type { Hex } from 'viem';
import { _writeTrustStore, type WriteClient } from './_write';
import type { TrustStoreParameters } from './types';

export type RevokeCertificateParameters = TrustStoreParameters & { readonly certificateHash: Hex; readonly anchorHash: Hex; readonly reason: number; readonly effectiveAt: bigint };
export type RevokeCertificateReturnType = { readonly hash: Hash };

/** Revokes, permanently, a CA certificate issued under an anchor of the member's country. */
export async function revokeCertificate(client: WriteClient, params: RevokeCertificateParameters): Promise<RevokeCertificateReturnType> {
  const { hash } = await _writeTrustStore(client, params.address, 'revokeCertificate', [params.certificateHash, params.anchorHash, params.reason, params.effectiveAt]);
  return { hash };
}
