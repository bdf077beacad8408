import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState } from 'react';
import { WagmiProvider } from 'wagmi';
import { LanguageSwitcher, useHashRoute, useT } from '@/components';
import { createWagmiConfig, LedgersContext, NetworkContext } from '@/config';
import { TrustStorePage } from '@/features/trust-store';
import { LedgerStatus, LedgerSwitcher, WalletPanel } from '@/features/wallet';
import type { NetworkFile } from '@/ledger';
import { selectLedgerChainId, selectSetLedgerChainId, usePreferences } from '@/store';

export function App({ file }: { file: NetworkFile }) {
  const [wagmiConfig] = useState(() => createWagmiConfig(file));
  // The ledger the page works on: the one chosen last (if network.json still has it), else the default.
  const chosen = usePreferences(selectLedgerChainId);
  const select = usePreferences(selectSetLedgerChainId);
  const network = file.ledgers.find((l) => l.chainId === chosen) ?? file.ledgers[0];
  const ledgers = useMemo(() => ({ ...file, select }), [file, select]);
  const [queryClient] = useState(
    () =>
      new QueryClient({
        // A failed read is retried with exponential backoff (1 s, 2 s, 4 s, then every 8 s at most), so a
        // node that is down is not asked many times a second; the ledger banner says why at once.
        defaultOptions: { queries: { retry: 3, retryDelay: ledgerRetryDelay, staleTime: 4_000 } },
      }),
  );
  return (
    <LedgersContext.Provider value={ledgers}>
      <NetworkContext.Provider value={network}>
        <WagmiProvider config={wagmiConfig}>
          <QueryClientProvider client={queryClient}>
            <Shell network={network} peered={file.peerings.length > 0} />
          </QueryClientProvider>
        </WagmiProvider>
      </NetworkContext.Provider>
    </LedgersContext.Provider>
  );
}

/** Exponential backoff between retries of a ledger read, capped at 8 s. */
export const ledgerRetryDelay = (attempt: number) => Math.min(1_000 * 2 ** attempt, 8_000);

const routes = ['trust-store', 'governance', 'identity', 'transactions', 'peers'] as const;
// The signing pages (PKCS#12, CMS, path building, Fortify) and governance (which builds paths to find a
// certificate's anchor) load when first opened, not with the app.
const GovernancePage = lazy(() => import('@/features/governance').then((m) => ({ default: m.GovernancePage })));
const IdentityPage = lazy(() => import('@/features/identity').then((m) => ({ default: m.IdentityPage })));
const TransactionsPage = lazy(() => import('@/features/transactions').then((m) => ({ default: m.TransactionsPage })));
const PeersPage = lazy(() => import('@/features/peers').then((m) => ({ default: m.PeersPage })));

const pages = { 'trust-store': TrustStorePage, governance: GovernancePage, identity: IdentityPage, transactions: TransactionsPage, peers: PeersPage } as const;
const navKeys = { 'trust-store': 'nav.trustStore', governance: 'nav.governance', identity: 'nav.identity', transactions: 'nav.transactions', peers: 'nav.peers' } as const;

function Shell({ network, peered }: { network: NetworkFile['ledgers'][number]; peered: boolean }) {
  const t = useT();
  const route = useHashRoute(routes, 'trust-store');
  // The Peers page exists only where there are peers.
  const shown = routes.filter((r) => r !== 'peers' || peered);
  const Page = pages[route];
  return (
    <>
      <header className="top">
        <div>
          <strong>{t('app.title')}</strong> <span className="tagline">{t('app.tagline')}</span>
        </div>
        <div className="network">{network.embedded ? t('network.embedded') : t('network.chain', { chainId: network.chainId })}</div>
        <LedgerSwitcher />
        <LanguageSwitcher />
      </header>
      <nav aria-label={t('nav.main')} className="sections">
        {shown.map((r) => (
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
