import type { Client } from 'viem';
import { readContract } from 'viem/actions';
import { trustStoreAbi } from '@abi/TrustStore';
import { toLedgerError } from '../errors';
import type { TrustStoreParameters } from './types';

export type GetRequiredApprovalsParameters = TrustStoreParameters;

export async function getRequiredApprovals(client: Client, params: GetRequiredApprovalsParameters) {
  try {
    return await readContract(client, { abi: trustStoreAbi, address: params.address, functionName: 'requiredApprovals' });
  } catch (error) {
    throw toLedgerError(error);
  }
}

export type GetRequiredApprovalsReturnType = Awaited<ReturnType<typeof getRequiredApprovals>>;
