import type { Client } from 'viem';
import { readContract } from 'viem/actions';
import { trustStoreAbi } from '@abi/TrustStore';
import { toLedgerError } from '../errors';
import type { TrustStoreParameters } from './types';
import type { Hex } from 'viem';
export type GetRevocationParameters = TrustStoreParameters & { readonly anchorHash: Hex; readonly certificateHash: Hex };

export async function getRevocation(client: Client, params: GetRevocationParameters) {
  try {
    return await readContract(client, { abi: trustStoreAbi, address: params.address, functionName: 'revocation', args: [params.anchorHash, params.certificateHash] });
  } catch (error) {
    throw toLedgerError(error);
  }
}

export type GetRevocationReturnType = Awaited<ReturnType<typeof getRevocation>>;
