import { encodeAbiParameters, keccak256, type Hex } from 'viem';
import type { RouteEntry } from './types';

/** ITrustStore.RouteEntry as an ABI tuple, in the contract's field order. */
const routeEntryParameter = {
  type: 'tuple',
  components: [
    { name: 'chainId', type: 'uint64' },
    { name: 'seq', type: 'uint64' },
    { name: 'kind', type: 'uint8' },
    { name: 'country', type: 'bytes2' },
    { name: 'anchorHash', type: 'bytes32' },
    { name: 'spkiHash', type: 'bytes32' },
    { name: 'certificateHash', type: 'bytes32' },
    { name: 'at', type: 'uint64' },
  ],
} as const;

/** The zero head of an empty export chain. */
export const EMPTY_EXPORT_HEAD: Hex = `0x${'0'.repeat(64)}`;

/**
 * The export head after `entry` is appended (RouteExport.link): keccak256(abi.encode(head, entry)). A
 * relayer checks its entries against a proven head with it before sending them.
 */
export function exportLink(head: Hex, entry: RouteEntry): Hex {
  return keccak256(encodeAbiParameters([{ type: 'bytes32' }, routeEntryParameter], [head, entry]));
}
