import type { Address, Client } from 'viem';
import { contractKeys, type LedgerQueryOptions } from '../queryKeys';
import { getAnchors } from './getAnchors';
import { getAnchorsByCountry } from './getAnchorsByCountry';
import { getMembers } from './getMembers';
import { getOpenProposals } from './getOpenProposals';
import { getRequiredApprovals } from './getRequiredApprovals';
import { getTrustStoreHistory, getTrustStoreHistoryPage, type GetTrustStoreHistoryPageReturnType } from './getTrustStoreHistory';
import type { LogCache, LogPosition } from '../logs';
import { hasVoted } from './hasVoted';

/** Which Trust Store, on which ledger. */
export type TrustStoreQueryParameters = { readonly chainId: number; readonly address: Address };

/** Every read of one Trust Store lives under this key, so one invalidation refreshes them all. */
export const trustStoreKeys = (chainId: number, address: Address) => contractKeys(chainId, 'trustStore', address);

const options = <const name extends string, data>(
  { chainId, address }: TrustStoreQueryParameters,
  name: name,
  parts: readonly unknown[],
  queryFn: () => Promise<data>,
): LedgerQueryOptions<readonly [...ReturnType<typeof trustStoreKeys>, name, ...unknown[]], data> => ({
  queryKey: [...trustStoreKeys(chainId, address), name, ...parts],
  queryFn,
  enabled: true,
});

export const membersQueryOptions = (client: Client, params: TrustStoreQueryParameters) =>
  options(params, 'members', [], () => getMembers(client, params));

export const requiredApprovalsQueryOptions = (client: Client, params: TrustStoreQueryParameters) =>
  options(params, 'requiredApprovals', [], () => getRequiredApprovals(client, params));

export const anchorsByCountryQueryOptions = (client: Client, params: TrustStoreQueryParameters & { readonly country: string }) =>
  options(params, 'anchorsByCountry', [params.country], () => getAnchorsByCountry(client, params));

/** All anchors (the first 500), whatever their status. */
export const anchorsQueryOptions = (client: Client, params: TrustStoreQueryParameters) =>
  options(params, 'anchors', [], () => getAnchors(client, { address: params.address, offset: 0n, limit: 500n }));

export const openProposalsQueryOptions = (client: Client, params: TrustStoreQueryParameters) =>
  options(params, 'openProposals', [], () => getOpenProposals(client, params));

export const trustStoreHistoryQueryOptions = (client: Client, params: TrustStoreQueryParameters & { readonly fromBlock?: bigint }) =>
  options(params, 'history', [params.fromBlock?.toString()], () => getTrustStoreHistory(client, params));

/** Whether `member` voted for proposal `id` (disabled without a member). */
export const hasVotedQueryOptions = (client: Client, params: TrustStoreQueryParameters & { readonly id: bigint; readonly member: Address | undefined }) => ({
  ...options(params, 'hasVoted', [params.id.toString(), params.member], () => hasVoted(client, { address: params.address, id: params.id, member: params.member! })),
  enabled: params.member !== undefined,
});

/** Options for useInfiniteQuery: the governance events newest first, `pageSize` a page, read back only as far as shown. */
export const trustStoreHistoryPagesQueryOptions = (
  client: Client,
  params: TrustStoreQueryParameters & { readonly fromBlock?: bigint; readonly maxRange?: bigint; readonly cache?: LogCache; readonly pageSize: number },
) => ({
  queryKey: [...trustStoreKeys(params.chainId, params.address), 'historyPages', params.fromBlock?.toString(), params.pageSize] as const,
  enabled: true,
  initialPageParam: undefined as LogPosition | undefined,
  queryFn: ({ pageParam }: { readonly pageParam: LogPosition | undefined }) =>
    getTrustStoreHistoryPage(client, { ...params, before: pageParam, limit: params.pageSize }),
  getNextPageParam: (last: GetTrustStoreHistoryPageReturnType) => last.next,
});
