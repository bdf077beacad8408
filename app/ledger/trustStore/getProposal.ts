import type { Client } from 'viem';
import { readContract } from 'viem/actions';
import { trustStoreAbi } from '@abi/TrustStore';
import { toLedgerError } from '../errors';
import type { TrustStoreParameters } from './types';

export type GetProposalParameters = TrustStoreParameters & { readonly id: bigint };

export async function getProposal(client: Client, params: GetProposalParameters) {
  try {
    return await readContract(client, { abi: trustStoreAbi, address: params.address, functionName: 'proposal', args: [params.id] });
  } catch (error) {
    throw toLedgerError(error);
  }
}

export type GetProposalReturnType = Awaited<ReturnType<typeof getProposal>>;
