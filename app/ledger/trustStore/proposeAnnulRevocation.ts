import type { Hash, Hex } from 'viem';
import { _writeTrustStore, type WriteClient } from './_write';
import type { TrustStoreParameters } from './types';

export type ProposeAnnulRevocationParameters = TrustStoreParameters & {
  readonly anchorHash: Hex;
  /** SHA-256 of the certificate's tbsCertificate. */
  readonly certificateHash: Hex;
};
export type ProposeAnnulRevocationReturnType = { readonly hash: Hash; readonly proposalId: bigint };

/** Proposes to annul a revocation record made in error (void for every time once executed); any member. */
export async function proposeAnnulRevocation(
  client: WriteClient,
  params: ProposeAnnulRevocationParameters,
): Promise<ProposeAnnulRevocationReturnType> {
  const { hash, result } = await _writeTrustStore(client, params.address, 'proposeAnnulRevocation', [params.anchorHash, params.certificateHash]);
  return { hash, proposalId: result };
}
