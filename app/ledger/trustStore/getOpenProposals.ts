import type { Client } from 'viem';
import { readContract } from 'viem/actions';
import { trustStoreAbi } from '@abi/TrustStore';
import { toLedgerError } from '../errors';
import type { Proposal, TrustStoreParameters } from './types';

/** Proposals read per call when no `limit` is given. */
const PAGE = 50n;

export type GetOpenProposalsParameters = TrustStoreParameters & {
  /** Skips this many open proposals (oldest first). */
  readonly offset?: bigint;
  /** At most this many; without it, every open proposal from `offset` on, read page by page. */
  readonly limit?: bigint;
};
export type GetOpenProposalsReturnType = readonly Proposal[];

/** Proposals neither executed nor expired, oldest first; stale ones (no longer executable) are flagged `stale`. */
export async function getOpenProposals(client: Client, params: GetOpenProposalsParameters): Promise<GetOpenProposalsReturnType> {
  const read = (offset: bigint, limit: bigint) =>
    readContract(client, { abi: trustStoreAbi, address: params.address, functionName: 'openProposals', args: [offset, limit] });
  try {
    const offset = params.offset ?? 0n;
    if (params.limit !== undefined) return await read(offset, params.limit);
    const all: Proposal[] = [];
    for (let next = offset; ; next += PAGE) {
      const page = await read(next, PAGE);
      all.push(...page);
      if (BigInt(page.length) < PAGE) return all;
    }
  } catch (error) {
    throw toLedgerError(error);
  }
}
