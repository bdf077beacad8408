import type { Client } from 'viem';
import { readContract } from 'viem/actions';
import { trustStoreAbi } from '@abi/TrustStore';
import { toLedgerError } from '../errors';
import type { TrustStoreParameters } from './types';
import type { Hex } from 'viem';
export type WasTrustedAtParameters = TrustStoreParameters & { readonly anchorHash: Hex; readonly time: bigint };

export async function wasTrustedAt(client: Client, params: WasTrustedAtParameters) {
  try {
    return await readContract(client, { abi: trustStoreAbi, address: params.address, functionName: 'wasTrustedAt', args: [params.anchorHash, params.time] });
  } catch (error) {
    throw toLedgerError(error);
  }
}

export type WasTrustedAtReturnType = Awaited<ReturnType<typeof wasTrustedAt>>;
