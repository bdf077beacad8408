import type { Client } from 'viem';
import { readContract } from 'viem/actions';
import { trustStoreAbi } from '@abi/TrustStore';
import { toLedgerError } from '../errors';
import type { TrustStoreParameters } from './types';

export type GetAnchorsParameters = TrustStoreParameters & { readonly offset?: bigint; readonly limit?: bigint };

export async function getAnchors(client: Client, params: GetAnchorsParameters) {
  try {
    return await readContract(client, { abi: trustStoreAbi, address: params.address, functionName: 'anchors', args: [params.offset ?? 0n, params.limit ?? 100n] });
  } catch (error) {
    throw toLedgerError(error);
  }
}

export type GetAnchorsReturnType = Awaited<ReturnType<typeof getAnchors>>;
