import { useQuery } from '@tanstack/react-query';
import { useLedgerClient, useLedgers, useNetwork } from '@/config';
import { latestHeaderQueryOptions, type LedgerPeering, type NetworkConfig } from '@/ledger';

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

/** The newest header of `peering`'s peer accepted by this ledger's light client (disabled until deployed). */
export function useLastProvenHeader(peering: InboundPeering) {
  const network = useNetwork();
  const client = useLedgerClient();
  const address = network.contracts.lightClient;
  const options = latestHeaderQueryOptions(client, { chainId: network.chainId, address: address ?? '0x0000000000000000000000000000000000000000', ledgerId: peering.ledgerId ?? `0x${'00'.repeat(32)}` });
  return useQuery({ ...options, enabled: !!address && !!peering.ledgerId });
}
