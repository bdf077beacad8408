import type { Client } from 'viem';
import { useClient } from 'wagmi';
import { useNetwork } from './NetworkContext';

/** The viem client of the ledger the page works on (the wagmi config has one chain per ledger). */
export function useLedgerClient(): Client {
  const network = useNetwork();
  const client = useClient({ chainId: network.chainId });
  if (!client) throw new Error(`No ledger client for chain ${network.chainId}: the wagmi config lacks it.`);
  return client;
}
