import type { Client } from 'viem';
import { trustStoreAbi } from '@abi/TrustStore';
import { _readContract } from '../_readContract';
import type { TrustStoreParameters } from './types';

export type GetAnchorsParameters = TrustStoreParameters & { readonly offset?: bigint; readonly limit?: bigint };

export async function getAnchors(client: Client, params: GetAnchorsParameters) {
  return _readContract(client, { abi: trustStoreAbi, address: params.address, functionName: 'anchors', args: [params.offset ?? 0n, params.limit ?? 100n] });
}

export type GetAnchorsReturnType = Awaited<ReturnType<typeof getAnchors>>;
