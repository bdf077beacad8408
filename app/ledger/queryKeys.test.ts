import type { Client } from 'viem';
import { describe, expect, it } from 'vitest';
import { identityQueryOptions, identityRegistryKeys } from './identity';
import { ledgerKeys } from './queryKeys';
import { transactionQueryOptions, transactionRegistryKeys } from './transactions';
import { membersQueryOptions, trustStoreKeys } from './trustStore';

const client = {} as Client;
const trustStore = '0x00000000000000000000000000000000000000Aa';
const registry = '0x00000000000000000000000000000000000000Bb';
const startsWith = (key: readonly unknown[], prefix: readonly unknown[]) => expect(key.slice(0, prefix.length)).toEqual(prefix);

describe('ledger query keys', () => {
  it('puts every contract of a ledger under the ledger key, and every read of a contract under the contract key', () => {
    startsWith(trustStoreKeys(1, trustStore), ledgerKeys(1));
    startsWith(identityRegistryKeys(1, registry), ledgerKeys(1));
    startsWith(membersQueryOptions(client, { chainId: 1, address: trustStore }).queryKey, trustStoreKeys(1, trustStore));
    startsWith(identityQueryOptions(client, { chainId: 1, address: registry, account: trustStore }).queryKey, identityRegistryKeys(1, registry));
    startsWith(transactionQueryOptions(client, { chainId: 1, address: registry, id: 1n }).queryKey, transactionRegistryKeys(1, registry));
  });

  it('keeps ledgers and contracts apart, whatever the address case', () => {
    expect(trustStoreKeys(1, trustStore)).not.toEqual(trustStoreKeys(2, trustStore));
    expect(trustStoreKeys(1, trustStore)).toEqual(trustStoreKeys(1, trustStore.toLowerCase() as `0x${string}`));
    expect(identityRegistryKeys(1, registry)).not.toEqual(transactionRegistryKeys(1, registry));
  });

  it('disables reads of a contract the network does not have', () => {
    expect(transactionQueryOptions(client, { chainId: 1, address: undefined, id: 1n }).enabled).toBe(false);
    expect(identityQueryOptions(client, { chainId: 1, address: registry, account: undefined }).enabled).toBe(false);
  });
});
