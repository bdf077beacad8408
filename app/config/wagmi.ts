import { http, createConfig, createConnector, type CreateConnectorFn } from 'wagmi';
import { injected, mock, walletConnect } from 'wagmi/connectors';
import { environment } from './env';
import { chainOf, developmentAccounts, type NetworkConfig } from '@/ledger';

/**
 * On the embedded ledger only: one connector per development account. anvil holds these accounts
 * unlocked, so transactions go to it as eth_sendTransaction; no key is in the page.
 */
function developmentConnectors(): CreateConnectorFn[] {
  return developmentAccounts.map((a) => {
    const base = mock({ accounts: [a.address], features: { reconnect: true } });
    return createConnector((config) => ({ ...base(config), id: `dev-${a.index}`, name: `${a.label} (#${a.index})`, type: 'development' }));
  });
}

/** The one wagmi config of the app, built from the validated network configuration. */
export function createWagmiConfig(network: NetworkConfig) {
  const chain = chainOf(network);
  return createConfig({
    chains: [chain],
    // EIP-6963 discovery finds every injected wallet (MetaMask and the like).
    multiInjectedProviderDiscovery: true,
    connectors: [
      injected(),
      // The WalletConnect provider is imported by the connector only when the user picks it.
      ...(environment.walletConnectProjectId ? [walletConnect({ projectId: environment.walletConnectProjectId, showQrModal: true })] : []),
      ...(network.embedded ? developmentConnectors() : []),
    ],
    transports: { [chain.id]: http(network.rpcUrl) },
  });
}

export type WagmiConfig = ReturnType<typeof createWagmiConfig>;

declare module 'wagmi' {
  interface Register {
    config: WagmiConfig;
  }
}
