import { useBlock } from 'wagmi';
import { countryOf, useLocale, useT } from '@/components';
import { useNetwork } from '@/config';
import { formatDuration, QueryState, useInboundPeerings, useLastProvenHeader, type InboundPeering } from '@/shared';

/** The peering agreements of the ledger the page works on, what it last proved of each peer, and the routes it received. */
export function PeersPage() {
  const t = useT();
  const peerings = useInboundPeerings();
  return (
    <section aria-labelledby="peers-title">
      <h1 id="peers-title">{t('peers.title')}</h1>
      <p>{t('peers.intro')}</p>
      {peerings.length === 0 ? <p>{t('peers.none')}</p> : peerings.map((p) => <Peering key={p.from} peering={p} />)}
    </section>
  );
}

function Peering({ peering }: { peering: InboundPeering }) {
  const t = useT();
  const locale = useLocale();
  const network = useNetwork();
  const header = useLastProvenHeader(peering);
  // The age is this ledger's time minus the peer's proven block time: what the hold timer measures.
  const latest = useBlock({ chainId: network.chainId, watch: true });
  const peerName = peering.peer.country ? t('ledger.ofCountry', { of: countryOf(t, peering.peer.country) }) : peering.peer.name;
  const deployed = !!network.contracts.lightClient && !!peering.ledgerId;
  const age = header.data && latest.data ? Math.max(0, Number(latest.data.timestamp - header.data.timestamp)) : undefined;
  return (
    <article className="peering" data-testid={`peering-${peering.from}`}>
      <h2>{peerName}</h2>
      <dl>
        <dt>{t('peers.peer')}</dt>
        <dd>{t('peers.chain', { chainId: peering.from })}</dd>
        {peering.holdSeconds ? (
          <>
            <dt>{t('peers.holdTimer')}</dt>
            <dd>{formatDuration(locale, peering.holdSeconds)}</dd>
          </>
        ) : null}
        <dt>{t('peers.lastProven')}</dt>
        <dd data-testid="last-proven">
          {!deployed ? (
            t('peers.notDeployed')
          ) : header.data && age !== undefined ? (
            t('peers.provenAt', { block: header.data.number.toString(), age: formatDuration(locale, age) })
          ) : header.isError ? (
            t('peers.neverProven')
          ) : (
            <QueryState error={null} isPending pending={t('app.loading')} />
          )}
        </dd>
      </dl>
      <h3>{t('peers.routes')}</h3>
      <p>{t('peers.routesNone')}</p>
    </article>
  );
}
