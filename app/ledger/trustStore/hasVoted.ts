import type { Client } from 'viem';
import { readContract } from 'viem/actions';
import { trustStoreAbi } from '@abi/TrustStore';
import { toLedgerError } from '../errors';
import type { TrustStoreParameters } from './types';
import type { Address } from 'viem';
export type HasVotedParameters = TrustStoreParameters & { readonly id: bigint; readonly member: Address };

export async function hasVoted(client: Client, params: HasVotedParameters) {
  try {
    return await readContract(client, { abi: trustStoreAbi, address: params.address, functionName: 'hasVoted', args: [params.id, params.member] });
  } catch (error) {
    throw toLedgerError(error);
  }
}

export type HasVotedReturnType = Awaited<ReturnType<typeof hasVoted>>;
