import type { Client } from 'viem';
import { readContract } from 'viem/actions';
import { trustStoreAbi } from '@abi/TrustStore';
import { toLedgerError } from '../errors';
import type { TrustStoreParameters } from './types';
import type { Hex } from 'viem';
export type GetAnchorParameters = TrustStoreParameters & { readonly anchorHash: Hex };

export async function getAnchor(client: Client, params: GetAnchorParameters) {
  try {
    return await readContract(client, { abi: trustStoreAbi, address: params.address, functionName: 'anchor', args: [params.anchorHash] });
  } catch (error) {
    throw toLedgerError(error);
  }
}

export type GetAnchorReturnType = Awaited<ReturnType<typeof getAnchor>>;
