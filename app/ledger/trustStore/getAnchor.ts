import type { Client } from 'viem';
import { trustStoreAbi } from '@abi/TrustStore';
import { _readContract } from '../_readContract';
import type { TrustStoreParameters } from './types';
import type { Hex } from 'viem';
export type GetAnchorParameters = TrustStoreParameters & { readonly anchorHash: Hex };

export async function getAnchor(client: Client, params: GetAnchorParameters) {
  return _readContract(client, { abi: trustStoreAbi, address: params.address, functionName: 'anchor', args: [params.anchorHash] });
}

export type GetAnchorReturnType = Awaited<ReturnType<typeof getAnchor>>;
