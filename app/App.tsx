import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { WagmiProvider } from 'wagmi';
import { LanguageSwitcher, useHashRoute, useT } from '@/components';
import { createWagmiConfig, NetworkContext } from '@/config';
import { TrustStorePage } from '@/features/trust-store';
import { LedgerStatus, WalletPanel } from '@/features/wallet';
import type { NetworkConfig } from '@/ledger';

export function App({ network }: { network: NetworkConfig }) {
  const [wagmiConfig] = useState(() => createWagmiConfig(network));
  const [queryClient] = useState(
    () =>
      new QueryClient({
        // A failed read is retried with exponential backoff (1 s, 2 s, 4 s, then every 8 s at most), so a
        // node that is down is not asked many times a second; the ledger banner says why at once.
        defaultOptions: { queries: { retry: 3, retryDelay: ledgerRetryDelay, staleTime: 4_000 } },
      }),
  );
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

/** Exponential backoff between retries of a ledger read, capped at 8 s. */
export const ledgerRetryDelay = (attempt: number) => Math.min(1_000 * 2 ** attempt, 8_000);

const routes = ['trust-store', 'governance', 'identity', 'transactions'] as const;
// The signing pages (PKCS#12, CMS, path building, Fortify) and governance (which builds paths to find a
// certificate's anchor) load when first opened, not with the app.
const GovernancePage = lazy(() => import('@/features/governance').then((m) => ({ default: m.GovernancePage })));
const IdentityPage = lazy(() => import('@/features/identity').then((m) => ({ default: m.IdentityPage })));
const TransactionsPage = lazy(() => import('@/features/transactions').then((m) => ({ default: m.TransactionsPage })));

const pages = { 'trust-store': TrustStorePage, governance: GovernancePage, identity: IdentityPage, transactions: TransactionsPage } as const;
const navKeys = { 'trust-store': 'nav.trustStore', governance: 'nav.governance', identity: 'nav.identity', transactions: 'nav.transactions' } as const;

function Shell({ network }: { network: NetworkConfig }) {
  const t = useT();
  const route = useHashRoute(routes, 'trust-store');
  const Page = pages[route];
  return (
    <>
      <header className="top">
        <div>
          <strong>{t('app.title')}</strong> <span className="tagline">{t('app.tagline')}</span>
        </div>
        <div className="network">{network.embedded ? t('network.embedded') : t('network.chain', { chainId: network.chainId })}</div>
        <LanguageSwitcher />
      </header>
      <nav aria-label={t('nav.main')} className="sections">
        {routes.map((r) => (
          <a key={r} href={`#/${r}`} aria-current={r === route ? 'page' : undefined}>
            {t(navKeys[r])}
          </a>
        ))}
      </nav>
      <WalletPanel />
      <LedgerStatus />
      <main>
        <Suspense fallback={<p aria-busy="true">{t('app.loading')}</p>}>
          <Page />
        </Suspense>
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
