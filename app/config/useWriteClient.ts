import type { Account, Chain, Transport, WalletClient } from 'viem';
import { useConnectorClient } from 'wagmi';

/** The connected wallet as a viem wallet client, or undefined when no wallet is connected. */
export function useWriteClient(): WalletClient<Transport, Chain, Account> | undefined {
  const { data } = useConnectorClient();
  return data as WalletClient<Transport, Chain, Account> | undefined;
}
