import type { Address, Client, Hex } from 'viem';
import { contractKeys, ledgerKeys, type LedgerQueryOptions } from '../queryKeys';
import { trustStoreKeys } from '../trustStore/queries';
import { getAgreements } from './getAgreements';
import { getPeerTrustAddress } from './getPeerTrustAddress';
import { getReceivedRoutes } from './getReceivedRoutes';
import { getRouteNow } from './getRouteNow';
import { getRoutedAnchors } from './getRoutedAnchors';
import { verifyRecordFromPeer } from './verifyRecordFromPeer';

/** Which PeerTrust, on which ledger (undefined until the Trust Store named it: the query waits). */
export type PeerTrustQueryParameters = { readonly chainId: number; readonly address: Address | undefined };

/** Every read of one PeerTrust lives under this key. */
export const peerTrustKeys = (chainId: number, address: Address | undefined) => contractKeys(chainId, 'peerTrust', address);

const options = <const name extends string, data>(
  { chainId, address }: PeerTrustQueryParameters,
  name: name,
  parts: readonly unknown[],
  queryFn: (address: Address) => Promise<data>,
): LedgerQueryOptions<readonly [...ReturnType<typeof peerTrustKeys>, name, ...unknown[]], data> => ({
  queryKey: [...peerTrustKeys(chainId, address), name, ...parts],
  queryFn: () => (address ? queryFn(address) : Promise.reject(new Error('no PeerTrust yet'))),
  enabled: address !== undefined,
});

/** The PeerTrust a Trust Store deployed (immutable: read once). */
export const peerTrustAddressQueryOptions = (client: Client, params: { readonly chainId: number; readonly trustStore: Address }) => ({
  queryKey: [...trustStoreKeys(params.chainId, params.trustStore), 'peerTrust'] as const,
  queryFn: () => getPeerTrustAddress(client, { address: params.trustStore }),
  enabled: true,
  staleTime: Infinity,
});

/**
 * Every peering agreement with its last proven block. `atBlock` (the newest block the page saw) is in
 * the key: a sync changes what was proven without any event of the contracts the page watches.
 */
export const agreementsQueryOptions = (client: Client, params: PeerTrustQueryParameters & { readonly atBlock?: bigint }) =>
  options(params, 'agreements', [params.atBlock?.toString()], (address) => getAgreements(client, { address }));

/** The routed anchors whose certificate was published here (the pool of paths to routed anchors). */
export const routedAnchorsQueryOptions = (
  client: Client,
  params: PeerTrustQueryParameters & { readonly fromBlock?: bigint; readonly maxRange?: bigint; readonly atBlock?: bigint },
) => options(params, 'routedAnchors', [params.fromBlock?.toString(), params.atBlock?.toString()], (address) => getRoutedAnchors(client, { ...params, address }));

/** The routes received from one peer; `provenNumber` (its last sync) in the key: a sync is what changes them. */
export const receivedRoutesQueryOptions = (
  client: Client,
  params: PeerTrustQueryParameters & { readonly ledgerId: Hex; readonly provenNumber: bigint; readonly fromBlock?: bigint; readonly maxRange?: bigint },
) =>
  options(params, 'receivedRoutes', [params.ledgerId, params.provenNumber.toString(), params.fromBlock?.toString()], (address) =>
    getReceivedRoutes(client, { ...params, address }),
  );

/** An anchor's route at the newest block `atBlock` the page saw, with that block's time (a new block, a new read). */
export const routeNowQueryOptions = (client: Client, params: PeerTrustQueryParameters & { readonly anchorHash: Hex | undefined; readonly atBlock?: bigint }) => ({
  ...options(params, 'routeNow', [params.anchorHash, params.atBlock?.toString()], (address) => getRouteNow(client, { address, anchorHash: params.anchorHash! })),
  enabled: params.address !== undefined && params.anchorHash !== undefined,
});

/**
X
 * record's keys too? No: under B's ledger, with A and the transaction named, and B's newest block seen.
 */
export const recordFromPeerQueryOptions = (
  client: Client,
  params: PeerTrustQueryParameters & {
    readonly source: Client;
    readonly sourceChainId: number;
    readonly transactionRegistry: Address | undefined;
    readonly txId: bigint;
    readonly atBlock?: bigint;
  },
) => ({
  queryKey: [...ledgerKeys(params.chainId), 'recordFromPeer', params.address?.toLowerCase(), params.sourceChainId, params.transactionRegistry?.toLowerCase(), params.txId.toString(), params.atBlock?.toString()] as const,
  queryFn: () =>
    verifyRecordFromPeer(client, {
      address: params.address!,
      source: params.source,
      sourceChainId: params.sourceChainId,
      transactionRegistry: params.transactionRegistry!,
      txId: params.txId,
    }),
  enabled: params.address !== undefined && params.transactionRegistry !== undefined,
});
