import type { Client, Hex } from 'viem';
import { trustStoreAbi } from '@abi/TrustStore';
import { _readContract } from '../_readContract';
import type { TrustStoreParameters } from '../trustStore/types';

export type GetExportHeadParameters = TrustStoreParameters & {
  /** The block to read at (default: latest); a relayer reads the block it proves. */
  readonly blockNumber?: bigint;
};
export type GetExportHeadReturnType = { readonly head: Hex; readonly seq: bigint };

/** A TrustStore's export hash chain: its head and how many entries it holds. */
export async function getExportHead(client: Client, params: GetExportHeadParameters): Promise<GetExportHeadReturnType> {
  const [head, seq] = await _readContract(client, {
    abi: trustStoreAbi,
    address: params.address,
    functionName: 'exportHead',
    ...(params.blockNumber === undefined ? {} : { blockNumber: params.blockNumber }),
  });
  return { head, seq };
}
