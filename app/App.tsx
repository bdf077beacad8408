import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { WagmiProvider } from 'wagmi';
import { LanguageSwitcher, useT } from '@/components';
import { createWagmiConfig, NetworkContext } from '@/config';
import { TrustStorePage } from '@/features/trust-store';
import { WalletPanel } from '@/features/wallet';
import type { NetworkConfig } from '@/ledger';

export function App({ network }: { network: NetworkConfig }) {
  const [wagmiConfig] = useState(() => createWagmiConfig(network));
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 4_000 } } }));
  return (
    <NetworkContext.Provider value={network}>
      <WagmiProvider config={wagmiConfig}>
        <QueryClientProvider client={queryClient}>
          <Shell network={network} />
        </QueryClientProvider>
      </WagmiProvider>
    </NetworkContext.Provider>
  );
}

function Shell({ network }: { network: NetworkConfig }) {
  const t = useT();
  return (
    <>
      <header className="top">
        <div>
          <strong>{t('app.title')}</strong> <span className="tagline">{t('app.tagline')}</span>
        </div>
        <div className="network">{network.embedded ? t('network.embedded') : t('network.chain', { chainId: network.chainId })}</div>
        <LanguageSwitcher />
      </header>
      <WalletPanel />
      <main>
        <TrustStorePage />
      </main>
    </>
  );
}

export function StartupError() {
  const t = useT();
  return (
    <main>
      <p role="alert" className="error">
        {t('app.networkError')}
      </p>
    </main>
  );
}
