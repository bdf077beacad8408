import type { Client } from 'viem';
import { trustStoreAbi } from '@abi/TrustStore';
import { _readContract } from '../_readContract';
import type { TrustStoreParameters } from './types';

export type GetRequiredApprovalsParameters = TrustStoreParameters;

export async function getRequiredApprovals(client: Client, params: GetRequiredApprovalsParameters) {
  return _readContract(client, { abi: trustStoreAbi, address: params.address, functionName: 'requiredApprovals' });
}

export type GetRequiredApprovalsReturnType = Awaited<ReturnType<typeof getRequiredApprovals>>;
