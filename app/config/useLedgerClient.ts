import type { Client } from 'viem';
import { useClient } from 'wagmi';

/** The viem client of the configured ledger network; our config always has exactly one chain. */
export function useLedgerClient(): Client {
  const client = useClient();
  if (!client) throw new Error('No ledger client: the wagmi config has no chain.');
  return client;
}
