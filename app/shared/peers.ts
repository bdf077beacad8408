import { useQuery } from '@tanstack/react-query';
import type { Address, Client, Hex } from 'viem';
import { useBlockNumber, useClient } from 'wagmi';
import { countryOf, useT } from '@/components';
import { useLedgerClient, useLedgers, useNetwork } from '@/config';
import {
  agreementsQueryOptions,
  bytes2ToCountry,
  checkRoutedPath,
  getAgreements,
  getRouteNow,
  peerTrustAddressQueryOptions,
  receivedRoutesQueryOptions,
  recordFromPeerQueryOptions,
  type LedgerPeering,
  type NetworkConfig,
  type Peer,
  type RoutedAnchor,
} from '@/ledger';
import { routeSnapshotOf, type RouteSnapshot } from './routes';
import type { AssessIdentityParameters } from './verdict';

/** A peering into the ledger the page works on: which peer, and what this ledger proved of it. */
export type InboundPeering = LedgerPeering & { readonly peer: NetworkConfig };

/** The agreements of the ledger the page works on: the peers whose routes it receives. */
export function useInboundPeerings(): readonly InboundPeering[] {
  const network = useNetwork();
  const { ledgers, peerings } = useLedgers();
  return peerings.flatMap((p) => {
    const peer = ledgers.find((l) => l.chainId === p.from);
    return p.to === network.chainId && peer ? [{ ...p, peer }] : [];
  });
}

type Translate = ReturnType<typeof useT>;

/**
 * Keeps showing a read's previous answer while the same read is made at a newer block (no flicker at
 * every block), never another read's answer (another ledger, agreement or transaction).
 */
const previousAtAnotherBlock = <T,>(previous: T | undefined, query: { readonly queryKey: readonly unknown[] } | undefined, key: readonly unknown[]) =>
  query && JSON.stringify(query.queryKey.slice(0, -1)) === JSON.stringify(key.slice(0, -1)) ? previous : undefined;

/** A ledger's name for people: "Ledger of Brazil" for a country's ledger, its configured name, else its chain. */
export function ledgerName(t: Translate, ledgers: readonly NetworkConfig[], chainId: number | bigint): string {
  const ledger = ledgers.find((l) => l.chainId === Number(chainId));
  if (!ledger) return t('peers.chain', { chainId: chainId.toString() });
  return ledger.country ? t('ledger.ofCountry', { of: countryOf(t, ledger.country) }) : ledger.name;
}

/** Names ledgers by chain id as the page words them. */
export function useLedgerName(): (chainId: number | bigint) => string {
  const t = useT();
  const { ledgers } = useLedgers();
  return (chainId) => ledgerName(t, ledgers, chainId);
}

/** The newest block of the ledger the page works on (watched): route reads are keyed by it. */
export function useLatestBlockNumber(chainId?: number): bigint | undefined {
  const network = useNetwork();
  return useBlockNumber({ chainId: chainId ?? network.chainId, watch: true }).data;
}

/** The PeerTrust of a ledger's Trust Store (default: the ledger the page works on). */
export function usePeerTrustAddress(ledger?: NetworkConfig) {
  const network = useNetwork();
  const target = ledger ?? network;
  const client = useClient({ chainId: target.chainId });
  return useQuery({ ...peerTrustAddressQueryOptions(client as Client, { chainId: target.chainId, trustStore: target.contracts.trustStore }), enabled: client !== undefined });
}

/** Every peering agreement of the ledger the page works on, re-read at each new block (a sync emits nothing it watches). */
export function useAgreements() {
  const network = useNetwork();
  const address = usePeerTrustAddress().data;
  const atBlock = useLatestBlockNumber();
  const options = agreementsQueryOptions(useLedgerClient(), { chainId: network.chainId, address, atBlock });
  return useQuery({ ...options, placeholderData: (previous, query) => previousAtAnotherBlock(previous, query, options.queryKey) });
}

/** The routes one agreement received, re-read when a sync proved a newer block of the peer. */
export function useReceivedRoutes(agreement: Peer) {
  const network = useNetwork();
  const address = usePeerTrustAddress().data;
  const options = receivedRoutesQueryOptions(useLedgerClient(), {
    chainId: network.chainId,
    address,
    ledgerId: agreement.ledgerId,
    provenNumber: agreement.provenNumber,
    fromBlock: network.fromBlock,
    maxRange: network.logRange,
  });
  // The key ends with fromBlock: keep the previous routes only for the same agreement.
  return useQuery({ ...options, placeholderData: (previous, query) => (query && query.queryKey[5] === agreement.ledgerId ? previous : undefined) });
}

/**
 * The route of `anchorHash` now, named for people: read at the latest block with that block's time, the
 * same comparison the contract makes (its block.timestamp against the proven time plus the hold timer).
 */
export async function readRouteSnapshot(
  client: Client,
  params: { readonly peerTrust: Address; readonly anchorHash: Hex; readonly nameOf: (chainId: bigint) => string },
): Promise<RouteSnapshot> {
  const [route, agreements] = await Promise.all([getRouteNow(client, { address: params.peerTrust, anchorHash: params.anchorHash }), getAgreements(client, { address: params.peerTrust })]);
  const agreement = agreements.find((a) => a.ledgerId.toLowerCase() === route.ledgerId.toLowerCase());
  return routeSnapshotOf(route, agreement ? params.nameOf(agreement.chainId) : '—', /^0x0+$/.test(route.country) ? '' : bytes2ToCountry(route.country));
}

/** The trust routes as assessIdentity asks them, on ledger `client` whose PeerTrust is `peerTrust`. */
export function routesOf(
  client: Client,
  params: { readonly peerTrust: Address; readonly anchors: readonly RoutedAnchor[]; readonly nameOf: (chainId: bigint) => string },
): NonNullable<AssessIdentityParameters['routes']> {
  return {
    anchors: params.anchors,
    checkRoutedPath: (certificateHashes, atTime) => checkRoutedPath(client, { address: params.peerTrust, certificateHashes, atTime }),
    routeOf: (anchorHash) => readRouteSnapshot(client, { peerTrust: params.peerTrust, anchorHash, nameOf: params.nameOf }),
  };
}

/** The ledgers that receive routes from the ledger the page works on: those that can verify its records. */
export function useOutboundPeers(): readonly NetworkConfig[] {
  const network = useNetwork();
  const { ledgers, peerings } = useLedgers();
  return peerings.flatMap((p) => {
    const to = ledgers.find((l) => l.chainId === p.to);
    return p.from === network.chainId && to ? [to] : [];
  });
}

/**
 * Transaction `txId` of the ledger the page works on (A) verified from each ledger that peers with it
 * (B): B's light client checks A's storage proof of the record (PeerTrust.verifyRecord, a free eth_call).
 */
export function useRecordFromPeer(verifier: NetworkConfig, txId: bigint) {
  const network = useNetwork();
  const source = useLedgerClient();
  const client = useClient({ chainId: verifier.chainId });
  const address = usePeerTrustAddress(verifier).data;
  const atBlock = useLatestBlockNumber(verifier.chainId);
  const options = recordFromPeerQueryOptions(client as Client, {
    chainId: verifier.chainId,
    address,
    source,
    sourceChainId: network.chainId,
    transactionRegistry: network.contracts.transactionRegistry,
    txId,
    atBlock,
  });
  return useQuery({ ...options, enabled: options.enabled && client !== undefined, placeholderData: (previous, query) => previousAtAnotherBlock(previous, query, options.queryKey) });
}

