import { createContext, useContext } from 'react';
import type { NetworkConfig } from '@/ledger';

export const NetworkContext = createContext<NetworkConfig | undefined>(undefined);

export function useNetwork(): NetworkConfig {
  const network = useContext(NetworkContext);
  if (!network) throw new Error('useNetwork must be used inside <NetworkContext.Provider>.');
  return network;
}
