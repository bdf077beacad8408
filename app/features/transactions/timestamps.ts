// The signature timestamps this browser obtained, kept so the evidence bundle made here can carry them:
// the ledger records the signed attributes and the signature, not the unsigned timestamp. A token holds
// only the hash of a signature and the TSA's own data, nothing of the terms or the memo.
import { bytesToHex, hexToBytes, type Address } from 'viem';

export type TimestampKey = { readonly chainId: number; readonly registry: Address; readonly id: bigint; readonly partyIndex: number };

const keyOf = ({ chainId, registry, id, partyIndex }: TimestampKey) => `signature-timestamp:v1:${chainId}:${registry.toLowerCase()}:${id}:${partyIndex}`;

export function saveTimestamp(key: TimestampKey, token: Uint8Array, storage: Storage | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(keyOf(key), bytesToHex(token));
  } catch {
    // A full or disabled storage only means the bundle made here lacks the timestamp; the signature stands.
  }
}

export function loadTimestamp(key: TimestampKey, storage: Storage | undefined = globalThis.localStorage): Uint8Array | undefined {
  const value = storage?.getItem(keyOf(key));
  return value && /^0x[0-9a-f]*$/i.test(value) ? hexToBytes(value as `0x${string}`) : undefined;
}
