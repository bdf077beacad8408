import type { Hash } from 'viem';

import { _writeTrustStore, type WriteClient } from './_write';
import type { TrustStoreParameters } from './types';

export type ApproveProposalParameters = TrustStoreParameters & { readonly id: bigint };
export type ApproveProposalReturnType = { readonly hash: Hash };

/** Approves an open proposal with the member's one vote. */
export async function approveProposal(client: WriteClient, params: ApproveProposalParameters): Promise<ApproveProposalReturnType> {
  const { hash } = await _writeTrustStore(client, params.address, 'approve', [params.id]);
  return { hash };
}
