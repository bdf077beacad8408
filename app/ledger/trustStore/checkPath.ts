import type { Client, Hex } from 'viem';
import { trustStoreAbi } from '@abi/TrustStore';
import { _readContract } from '../_readContract';
import { PathStatus, type TrustStoreParameters } from './types';

export type CheckPathParameters = TrustStoreParameters & {
  /** SHA-256 of each certificate's DER, leaf first, the trust anchor last. */
  readonly certificateHashes: readonly Hex[];
  /** Unix seconds: the signing time, or now. */
  readonly atTime: bigint;
};

export type CheckPathReturnType = {
  readonly status: PathStatus;
  /** The index in `certificateHashes` the status concerns. */
  readonly index: number;
  readonly ok: boolean;
};

/** Asks the Trust Store whether a certification path's anchor was trusted and nothing revoked at a time. */
export async function checkPath(client: Client, params: CheckPathParameters): Promise<CheckPathReturnType> {
  const [status, index] = await _readContract(client, { abi: trustStoreAbi, address: params.address, functionName: 'checkPath', args: [params.certificateHashes, params.atTime] });
  return { status: status as PathStatus, index: Number(index), ok: status === PathStatus.Ok };
}
