import { useConnection, useSwitchChain } from 'wagmi';
import { countryOf, useT } from '@/components';
import { useLedgers, useNetwork } from '@/config';
import type { NetworkConfig } from '@/ledger';

/** Chooses the ledger the page works on, when network.json has several; a connected wallet follows. */
export function LedgerSwitcher() {
  const t = useT();
  const network = useNetwork();
  const { ledgers, select } = useLedgers();
  const connection = useConnection();
  const switchChain = useSwitchChain();
  if (ledgers.length < 2) return null;
  const name = (l: NetworkConfig) => (l.country ? t('ledger.ofCountry', { of: countryOf(t, l.country) }) : l.name);
  return (
    <label className="ledger">
      <span>{t('ledger.switcher')}</span>{' '}
      <select
        data-testid="ledger-switcher"
        value={network.chainId}
        onChange={(e) => {
          const chainId = Number(e.target.value);
          select(chainId);
          if (connection.status === 'connected' && connection.chainId !== chainId) switchChain.mutate({ chainId });
        }}
      >
        {ledgers.map((l) => (
          <option key={l.chainId} value={l.chainId}>
            {name(l)}
          </option>
        ))}
      </select>
    </label>
  );
}
