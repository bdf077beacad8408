/**
 * The relayer's bindings to the contracts: A's TrustStore export chain (RouteExported events, the
 * export-head slot) and B's PeerTrust (peer state, sync, anchor certificates), through the peering
 * actions of app/ledger/peering.
 */
import { bytesToHex, type Hex } from 'viem';
import { getContractEvents, readContract, waitForTransactionReceipt } from 'viem/actions';
import { peerTrustAbi } from '../contracts-abi/PeerTrust.ts';
import { trustStoreAbi } from '../contracts-abi/TrustStore.ts';
import { EXPORT_HEAD_SLOT, RouteKind, publishAnchorCertificate, syncRoutes, syncRoutesWithHeader, type RouteEntry } from '../app/ledger/peering/index.ts';
import { getAnchor } from '../app/ledger/trustStore/getAnchor.ts';
import type { PeeringBindings } from './ledgers.ts';
import type { ExportEntry } from './ports.ts';

/** An export entry as read from A: the contract's RouteEntry, and the anchor's DER for announcements. */
type RoutedEntry = ExportEntry & { readonly entry: RouteEntry; readonly der?: Hex };

const routeEntryOf = (e: ExportEntry): RouteEntry => {
  const entry = (e as Partial<RoutedEntry>).entry;
  if (!entry) throw new Error(`export entry ${e.seq} was not read from a TrustStore`);
  return entry;
};

export const peeringBindings: PeeringBindings = {
  exportHeadSlot: EXPORT_HEAD_SLOT,
  exportEntries: async (client, { trustStore, afterSeq, fromBlock, toBlock }) => {
    const logs = await getContractEvents(client, { abi: trustStoreAbi, address: trustStore, eventName: 'RouteExported', fromBlock, toBlock, strict: true });
    const entries: RoutedEntry[] = [];
    for (const log of logs) {
      const entry = log.args.entry;
      if (entry.seq <= afterSeq) continue;
      const der = entry.kind === RouteKind.Announce ? (await getAnchor(client, { address: trustStore, anchorHash: entry.anchorHash })).der : undefined;
      entries.push({ seq: entry.seq, blockNumber: log.blockNumber, entry, ...(der ? { der } : {}) });
    }
    return entries.sort((a, b) => (a.seq < b.seq ? -1 : 1));
  },
  peerState: async (client, { peerTrust, ledgerId }) => {
    const peer = await readContract(client, { abi: peerTrustAbi, address: peerTrust, functionName: 'peer', args: [ledgerId] });
    return { number: peer.provenNumber, timestamp: peer.provenTime, seq: peer.seq };
  },
  sync: async (wallet, { peerTrust, ledgerId, number, accountProof, storageProof, entries }) =>
    (await syncRoutes(wallet, { address: peerTrust, ledgerId, blockNumber: number, accountProof, storageProof, entries: entries.map(routeEntryOf) })).hash,
  syncWithHeader: async (wallet, { peerTrust, ledgerId, headerRlp, accountProof, storageProof, entries }) =>
    (await syncRoutesWithHeader(wallet, { address: peerTrust, ledgerId, headerRlp, accountProof, storageProof, entries: entries.map(routeEntryOf) })).hash,
  publishCertificates: async (client, wallet, { peerTrust, entries }) => {
    for (const e of entries as readonly Partial<RoutedEntry>[]) {
      if (!e.der || !e.entry) continue;
      const known = await readContract(client, { abi: peerTrustAbi, address: peerTrust, functionName: 'anchorCertificate', args: [e.entry.anchorHash] });
      if (known !== '0x') continue;
      // A refusal (e.g. the route was refused for its country) is B's decision: the relay goes on.
      try {
        const { hash } = await publishAnchorCertificate(wallet, { address: peerTrust, der: typeof e.der === 'string' ? e.der : bytesToHex(e.der) });
        await waitForTransactionReceipt(client, { hash });
      } catch {
        continue;
      }
    }
  },
};
