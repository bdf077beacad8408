import type { Client } from 'viem';
import { trustStoreAbi } from '@abi/TrustStore';
import { _readContract } from '../_readContract';
import type { TrustStoreParameters } from './types';

export type GetMembersParameters = TrustStoreParameters;

export async function getMembers(client: Client, params: GetMembersParameters) {
  return _readContract(client, { abi: trustStoreAbi, address: params.address, functionName: 'members' });
}

export type GetMembersReturnType = Awaited<ReturnType<typeof getMembers>>;
