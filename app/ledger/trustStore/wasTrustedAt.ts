import type { Client } from 'viem';
import { trustStoreAbi } from '@abi/TrustStore';
import { _readContract } from '../_readContract';
import type { TrustStoreParameters } from './types';
import type { Hex } from 'viem';
export type WasTrustedAtParameters = TrustStoreParameters & { readonly anchorHash: Hex; readonly time: bigint };

export async function wasTrustedAt(client: Client, params: WasTrustedAtParameters) {
  return _readContract(client, { abi: trustStoreAbi, address: params.address, functionName: 'wasTrustedAt', args: [params.anchorHash, params.time] });
}

export type WasTrustedAtReturnType = Awaited<ReturnType<typeof wasTrustedAt>>;
