import { createContext, useContext } from 'react';
import type { NetworkConfig, NetworkFile } from '@/ledger';

/** The ledger the page works on: one of the network file's ledgers, chosen with the ledger switcher. */
export const NetworkContext = createContext<NetworkConfig | undefined>(undefined);

export function useNetwork(): NetworkConfig {
  const network = useContext(NetworkContext);
  if (!network) throw new Error('useNetwork must be used inside <NetworkContext.Provider>.');
  return network;
}

/** Every ledger of network.json, their peerings, and the choice of the ledger the page works on. */
export type Ledgers = NetworkFile & { readonly select: (chainId: number) => void };

export const LedgersContext = createContext<Ledgers | undefined>(undefined);

export function useLedgers(): Ledgers {
  const ledgers = useContext(LedgersContext);
  if (!ledgers) throw new Error('useLedgers must be used inside <LedgersContext.Provider>.');
  return ledgers;
}
