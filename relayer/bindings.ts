/**
 * The relayer's bindings to the export chain of TrustStore and to PeerTrust. They come from the peering
 * actions (app/ledger/peering, branch routes); until those are merged every call says so.
 */
import type { PeeringBindings } from './ledgers.ts';

const notYet = (what: string) => async (): Promise<never> => {
  throw new Error(`${what} is not available: the PeerTrust and export-chain actions (app/ledger/peering) are not merged yet`);
};

export const peeringBindings: PeeringBindings = {
  exportHeadSlot: `0x${'00'.repeat(32)}`,
  exportEntries: notYet('reading the export chain'),
  peerState: notYet('PeerTrust.peerState'),
  sync: notYet('PeerTrust.sync'),
};
