import { encodeAbiParameters, getAbiItem, keccak256, type Hex } from 'viem';
import { peerTrustAbi } from '@abi/PeerTrust';
import type { RouteEntry } from './types';

/** ITrustStore.RouteEntry as an ABI tuple, as the contract's ABI spells it (`sync` takes a list of them). */
const routeEntryParameter = { type: 'tuple', components: getAbiItem({ abi: peerTrustAbi, name: 'sync' }).inputs[4].components } as const;

/** The zero head of an empty export chain. */
export const EMPTY_EXPORT_HEAD: Hex = `0x${'0'.repeat(64)}`;

/**
 * The export head after `entry` is appended (RouteExport.link): keccak256(abi.encode(head, entry)). A
 * relayer checks its entries against a proven head with it before sending them.
 */
export function exportLink(head: Hex, entry: RouteEntry): Hex {
  return keccak256(encodeAbiParameters([{ type: 'bytes32' }, routeEntryParameter], [head, entry]));
}
