import type { Hash } from 'viem';
import type { Hex } from 'viem';
import { _writeTrustStore, type WriteClient } from './_write';
import type { TrustStoreParameters } from './types';

export type RevokeCertificateParameters = TrustStoreParameters & { readonly certificateHash: Hex; readonly anchorHash: Hex; readonly reason: number };
export type RevokeCertificateReturnType = { readonly hash: Hash };

/** Revokes a certificate under an anchor of the member's country, effective from this block. */
export async function revokeCertificate(client: WriteClient, params: RevokeCertificateParameters): Promise<RevokeCertificateReturnType> {
  const { hash } = await _writeTrustStore(client, params.address, 'revokeCertificate', [params.anchorHash, params.certificateHash, params.reason]);
  return { hash };
}
