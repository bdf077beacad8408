import type { Client } from 'viem';
import { readContract } from 'viem/actions';
import { trustStoreAbi } from '@abi/TrustStore';
import { toLedgerError } from '../errors';
import type { TrustStoreParameters } from './types';

export type GetOpenProposalsParameters = TrustStoreParameters;

export async function getOpenProposals(client: Client, params: GetOpenProposalsParameters) {
  try {
    return await readContract(client, { abi: trustStoreAbi, address: params.address, functionName: 'openProposals', args: [0n, 2n ** 256n - 1n] });
  } catch (error) {
    throw toLedgerError(error);
  }
}

export type GetOpenProposalsReturnType = Awaited<ReturnType<typeof getOpenProposals>>;
