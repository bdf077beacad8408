import type { Hash, Hex } from 'viem';
import { _writeTrustStore, type WriteClient } from './_write';
import type { RevocationReason, TrustStoreParameters } from './types';

export type RevokeCertificateParameters = TrustStoreParameters & {
  /** The anchor (of the member's country) the certificate is revoked under. */
  readonly anchorHash: Hex;
  /** SHA-256 of the certificate's tbsCertificate. */
  readonly certificateHash: Hex;
  readonly reason: RevocationReason;
};
export type RevokeCertificateReturnType = { readonly hash: Hash };

/**
 * A member revokes, alone, a certificate under an anchor of its country, effective from this block on.
 * An earlier effect (key compromise) needs a vote: `proposeRevokeCertificate`.
 */
export async function revokeCertificate(client: WriteClient, params: RevokeCertificateParameters): Promise<RevokeCertificateReturnType> {
  const { hash } = await _writeTrustStore(client, params.address, 'revokeCertificate', [params.anchorHash, params.certificateHash, params.reason]);
  return { hash };
}
