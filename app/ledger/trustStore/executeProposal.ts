import type { Hash } from 'viem';

import { _writeTrustStore, type WriteClient } from './_write';
import type { TrustStoreParameters } from './types';

export type ExecuteProposalParameters = TrustStoreParameters & { readonly id: bigint };
export type ExecuteProposalReturnType = { readonly hash: Hash };

/** Executes an approved proposal; anyone may. */
export async function executeProposal(client: WriteClient, params: ExecuteProposalParameters): Promise<ExecuteProposalReturnType> {
  const { hash } = await _writeTrustStore(client, params.address, 'execute', [params.id]);
  return { hash };
}
