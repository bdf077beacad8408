import { http, createConfig, createConnector, type CreateConnectorFn } from 'wagmi';
import type { Chain, Transport } from 'viem';
import { injected, mock, walletConnect } from 'wagmi/connectors';
import { environment } from './env';
import { chainOf, developmentAccounts, type NetworkFile } from '@/ledger';

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

/** The one wagmi config of the app, built once from the validated network file: one chain per ledger. */
export function createWagmiConfig(file: NetworkFile) {
  const [first, ...rest] = file.ledgers;
  const chains: readonly [Chain, ...Chain[]] = [chainOf(first), ...rest.map(chainOf)];
  // Reads started together go as one JSON-RPC batch (the indexer's list page: head, block and summaries in one request).
  const transports: Record<number, Transport> = Object.fromEntries(file.ledgers.map((l) => [l.chainId, http(l.rpcUrl, { batch: true })]));
  return createConfig({
    chains,
    // EIP-6963 discovery finds every injected wallet (MetaMask and the like).
    multiInjectedProviderDiscovery: true,
    connectors: [
      injected(),
      // The WalletConnect provider is imported by the connector only when the user picks it.
      ...(environment.walletConnectProjectId ? [walletConnect({ projectId: environment.walletConnectProjectId, showQrModal: true })] : []),
      ...(first.embedded ? developmentConnectors() : []),
    ],
    transports,
  });
}

export type WagmiConfig = ReturnType<typeof createWagmiConfig>;

declare module 'wagmi' {
  interface Register {
    config: WagmiConfig;
  }
}
