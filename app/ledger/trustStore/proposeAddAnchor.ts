import type { Hash, Hex } from 'viem';
import { countryToBytes2 } from '../countries';
import { _writeTrustStore, type WriteClient } from './_write';
import type { AnchorExceptions, TrustStoreParameters } from './types';

export type ProposeAddAnchorParameters = TrustStoreParameters & {
  /** The root certificate's DER: a self-issued CA certificate. */
  readonly der: Hex;
  /** The proposer's country (ISO 3166-1 alpha-2). */
  readonly country: string;
  /**
   * The `AnchorException` flags the certificate needs, exactly (0 for an ordinary root of `country`):
   * the contract refuses a missing flag and a superfluous one alike.
   */
  readonly exceptions: AnchorExceptions;
};
export type ProposeAddAnchorReturnType = { readonly hash: Hash; readonly proposalId: bigint };

/** Proposes a root certificate (DER) as a trust anchor of the proposer's country; the proposer's vote counts. */
export async function proposeAddAnchor(client: WriteClient, params: ProposeAddAnchorParameters): Promise<ProposeAddAnchorReturnType> {
  const { hash, result } = await _writeTrustStore(client, params.address, 'proposeAddAnchor', [
    params.der,
    countryToBytes2(params.country),
    params.exceptions,
  ]);
  return { hash, proposalId: result };
}
