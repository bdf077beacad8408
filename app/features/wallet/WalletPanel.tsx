import { useConnect, useConnection, useConnectors, useDisconnect, useSwitchChain } from 'wagmi';
import { developmentAccountLabel, ErrorMessage, useT } from '@/components';
import { useNetwork } from '@/config';
import { developmentAccountOfConnector, toLedgerError } from '@/ledger';

/** Connect a wallet (EIP-6963 injected wallets; development accounts on the embedded ledger). */
export function WalletPanel() {
  const t = useT();
  // A development account's connector is named in English by the wagmi config; people read it in their language.
  const connectorName = (connector: { readonly id: string; readonly name: string }) => {
    const account = developmentAccountOfConnector(connector.id);
    return account ? developmentAccountLabel(t, account) : connector.name;
  };
  const network = useNetwork();
  const connection = useConnection();
  const connectors = useConnectors();
  const connect = useConnect();
  const disconnect = useDisconnect();
  const switchChain = useSwitchChain();

  if (connection.status === 'connected') {
    const wrongNetwork = connection.chainId !== network.chainId;
    return (
      <div className="wallet" data-testid="wallet">
        <span>
          {t('wallet.connected', { name: connectorName(connection.connector) })} <code data-testid="wallet-address">{connection.address}</code>
        </span>
        {wrongNetwork ? (
          <span role="alert">
            {t('wallet.wrongNetwork', { chainId: network.chainId })}{' '}
            <button type="button" onClick={() => switchChain.mutate({ chainId: network.chainId })}>
              {t('wallet.switch')}
            </button>
          </span>
        ) : null}
        <button type="button" onClick={() => disconnect.mutate({})}>
          {t('wallet.disconnect')}
        </button>
        {switchChain.error ? <ErrorMessage error={toLedgerError(switchChain.error)} /> : null}
      </div>
    );
  }
  const injected = connectors.filter((c) => c.type !== 'development' && c.id !== 'injected');
  const development = connectors.filter((c) => c.type === 'development');
  return (
    <div className="wallet" data-testid="wallet">
      <span>{t('wallet.notConnected')}</span>
      {injected.length === 0 ? <span className="hint">{t('wallet.noneFound')}</span> : null}
      {[...injected, ...development].map((connector) => (
        <button key={connector.uid} type="button" disabled={connect.isPending} onClick={() => connect.mutate({ connector, chainId: network.chainId })}>
          {t('wallet.connectWith', { name: connectorName(connector) })}
        </button>
      ))}
      {connect.error ? <ErrorMessage error={toLedgerError(connect.error)} /> : null}
    </div>
  );
}
