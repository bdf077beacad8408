import type { Hash, Hex } from 'viem';
import { _writeTrustStore, type WriteClient } from './_write';
import type { RevocationReason, TrustStoreParameters } from './types';

export type ProposeRevokeCertificateParameters = TrustStoreParameters & {
  /** The anchor (of the proposer's country) the certificate is revoked under. */
  readonly anchorHash: Hex;
  /** SHA-256 of the certificate's tbsCertificate. */
  readonly certificateHash: Hex;
  readonly reason: RevocationReason;
  /** Unix seconds, after the epoch and not after now: e.g. the time of a key compromise. */
  readonly effectiveAt: bigint;
};
export type ProposeRevokeCertificateReturnType = { readonly hash: Hash; readonly proposalId: bigint };

/** Proposes a revocation effective from a past time; executed, it replaces the record in force, if any. */
export async function proposeRevokeCertificate(
  client: WriteClient,
  params: ProposeRevokeCertificateParameters,
): Promise<ProposeRevokeCertificateReturnType> {
  const { hash, result } = await _writeTrustStore(client, params.address, 'proposeRevokeCertificate', [
    params.anchorHash,
    params.certificateHash,
    params.reason,
    params.effectiveAt,
  ]);
  return { hash, proposalId: result };
}
