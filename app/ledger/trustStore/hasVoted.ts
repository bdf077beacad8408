import type { Client } from 'viem';
import { trustStoreAbi } from '@abi/TrustStore';
import { _readContract } from '../_readContract';
import type { TrustStoreParameters } from './types';
import type { Address } from 'viem';
export type HasVotedParameters = TrustStoreParameters & { readonly id: bigint; readonly member: Address };

export async function hasVoted(client: Client, params: HasVotedParameters) {
  return _readContract(client, { abi: trustStoreAbi, address: params.address, functionName: 'hasVoted', args: [params.id, params.member] });
}

export type HasVotedReturnType = Awaited<ReturnType<typeof hasVoted>>;
