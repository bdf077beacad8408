import type { Client } from 'viem';
import { trustStoreAbi } from '@abi/TrustStore';
import { _readContract } from '../_readContract';
import type { TrustStoreParameters } from './types';

export type GetProposalParameters = TrustStoreParameters & { readonly id: bigint };

export async function getProposal(client: Client, params: GetProposalParameters) {
  return _readContract(client, { abi: trustStoreAbi, address: params.address, functionName: 'proposal', args: [params.id] });
}

export type GetProposalReturnType = Awaited<ReturnType<typeof getProposal>>;
