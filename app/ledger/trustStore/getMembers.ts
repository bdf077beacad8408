import type { Client } from 'viem';
import { readContract } from 'viem/actions';
import { trustStoreAbi } from '@abi/TrustStore';
import { toLedgerError } from '../errors';
import type { TrustStoreParameters } from './types';

export type GetMembersParameters = TrustStoreParameters;

export async function getMembers(client: Client, params: GetMembersParameters) {
  try {
    return await readContract(client, { abi: trustStoreAbi, address: params.address, functionName: 'members' });
  } catch (error) {
    throw toLedgerError(error);
  }
}

export type GetMembersReturnType = Awaited<ReturnType<typeof getMembers>>;
