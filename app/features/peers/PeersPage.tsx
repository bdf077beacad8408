import { hexToBytes } from 'viem';
import { useBlock } from 'wagmi';
import { ColumnHeads, countryName, countryOf, useLocale, useT } from '@/components';
import { useNetwork, useRefreshLedgerOnNewBlocks } from '@/config';
import { bytes2ToCountry, RouteStatus, type Peer, type ReceivedRoute } from '@/ledger';
import {
  formatDuration,
  holderName,
  QueryState,
  routeVerdict,
  useAgreements,
  useCertificateView,
  useInboundPeerings,
  useLedgerName,
  useReceivedRoutes,
  type RouteVerdict,
} from '@/shared';

/** The peering agreements of the ledger the page works on, what it last proved of each peer, and the routes it received. */
export function PeersPage() {
  const t = useT();
  useRefreshLedgerOnNewBlocks();
  const configured = useInboundPeerings();
  const agreements = useAgreements();
  const list = agreements.data ?? [];
  // A ledger without a PeerTrust (older deployments) never runs the query: it has no agreement.
  const loading = agreements.isPending && agreements.fetchStatus !== 'idle';
  // Peerings network.json names whose agreement this ledger's governance has not voted (yet).
  const missing = configured.filter((p) => !list.some((a) => Number(a.chainId) === p.from));
  return (
    <section aria-labelledby="peers-title">
      <h1 id="peers-title">{t('peers.title')}</h1>
      <p>{t('peers.intro')}</p>
      <QueryState error={agreements.error} isPending={loading} pending={t('app.loading')} />
      {list.length === 0 && missing.length === 0 && !loading ? <p data-testid="peers-none">{t('peers.none')}</p> : null}
      {list.map((a) => (
        <Agreement key={a.ledgerId} agreement={a} />
      ))}
      {missing.map((p) => (
        <NotDeployed key={p.from} chainId={p.from} />
      ))}
    </section>
  );
}

function NotDeployed({ chainId }: { chainId: number }) {
  const t = useT();
  const nameOf = useLedgerName();
  return (
    <article className="peering" data-testid={`peering-${chainId}`}>
      <h2>{nameOf(chainId)}</h2>
      <p data-testid="last-proven">{t('peers.notDeployed')}</p>
    </article>
  );
}

/** An agreement's freshness as the contract decides it: this ledger's latest block time against the proven time plus the hold timer. */
function freshness(agreement: Peer, now: bigint | undefined): 'fresh' | 'stale' | 'removed' | 'never' | undefined {
  if (!agreement.active) return 'removed';
  if (agreement.provenNumber === 0n) return 'never';
  if (now === undefined) return undefined;
  return now > agreement.provenTime + agreement.holdTime ? 'stale' : 'fresh';
}

function Agreement({ agreement }: { agreement: Peer }) {
  const t = useT();
  const locale = useLocale();
  const network = useNetwork();
  const nameOf = useLedgerName();
  // The age is this ledger's time minus the peer's proven block time: what the hold timer measures.
  const latest = useBlock({ chainId: network.chainId, watch: true });
  const now = latest.data?.timestamp;
  const state = freshness(agreement, now);
  const hold = Number(agreement.holdTime);
  const age = now !== undefined ? Math.max(0, Number(now - agreement.provenTime)) : undefined;
  const chainId = Number(agreement.chainId);
  return (
    <article className="peering" data-testid={`peering-${chainId}`} data-active={agreement.active}>
      <h2>{nameOf(chainId)}</h2>
      <dl>
        <dt>{t('peers.peer')}</dt>
        <dd>{t('peers.chain', { chainId })}</dd>
        <dt>{t('peers.countries')}</dt>
        <dd>{agreement.countries.map((c) => countryName(t, bytes2ToCountry(c))).join(', ')}</dd>
        <dt>{t('peers.holdTimer')}</dt>
        <dd data-testid="hold-timer">{formatDuration(locale, hold)}</dd>
        <dt>{t('peers.lastProven')}</dt>
        <dd data-testid="last-proven">
          {agreement.provenNumber === 0n
            ? t('peers.neverProven')
            : age !== undefined
              ? t('peers.provenAt', { block: agreement.provenNumber.toString(), age: formatDuration(locale, age) })
              : t('app.loading')}
        </dd>
        <dt>{t('peers.agreement')}</dt>
        <dd data-testid="route-freshness" data-state={state ?? 'checking'}>
          {state === 'removed' ? t('peers.removed') : state === 'stale' ? t('peers.stale') : state === 'fresh' ? t('peers.fresh') : state === 'never' ? t('peers.neverProven') : t('app.loading')}
        </dd>
      </dl>
      <h3 id={`routes-${chainId}`}>{t('peers.routes')}</h3>
      <Routes agreement={agreement} now={now} ledger={nameOf(chainId)} labelledBy={`routes-${chainId}`} />
    </article>
  );
}

/** A received route's standing now: the contract's refusals, else the withdrawal, else the hold timer against the ledger's time. */
function standing(route: ReceivedRoute, agreement: Peer, ledger: string, now: bigint): RouteVerdict {
  const status = Number(route.route.status);
  return routeVerdict(
    {
      ledger,
      provenBlock: agreement.provenNumber,
      provenAt: agreement.provenTime,
      holdSeconds: Number(agreement.holdTime),
      withdrawn: route.kind === 'withdrawn',
      ...(status === RouteStatus.Unknown ? { refused: 'unknown' as const } : status === RouteStatus.Overridden ? { refused: 'overridden' as const } : {}),
    },
    now,
  );
}

function Routes({ agreement, now, ledger, labelledBy }: { agreement: Peer; now: bigint | undefined; ledger: string; labelledBy: string }) {
  const t = useT();
  const routes = useReceivedRoutes(agreement);
  if (!routes.data) return <QueryState error={routes.error} isPending={routes.isPending} pending={t('app.loading')} />;
  if (routes.data.length === 0) return <p data-testid="routes-none">{t('peers.routesNone')}</p>;
  return (
    <table className="routes" data-testid="routes-table" aria-labelledby={labelledBy}>
      <ColumnHeads labels={[t('peers.route.country'), t('peers.route.anchor'), t('peers.route.entry'), t('peers.route.seq'), t('peers.route.now')]} />
      <tbody>
        {routes.data.map((route) => {
          const verdict = now !== undefined ? standing(route, agreement, ledger, now) : undefined;
          return (
            <tr key={route.anchorHash} data-testid="route-row" data-anchor={route.anchorHash} data-entry={route.kind} data-status={verdict?.status ?? 'checking'}>
              <td>{countryOf(t, route.country)}</td>
              <td>
                <AnchorName route={route} />
              </td>
              <td data-testid="route-entry">{t(route.kind === 'announced' ? 'peers.route.announced' : 'peers.route.withdrawn')}</td>
              <td data-testid="route-seq">{route.seq.toString()}</td>
              <td data-testid="route-status">{verdict ? t(`peers.route.status.${verdict.status}`) : t('app.loading')}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The anchor's subject and SHA-256 fingerprint once its certificate is published here; its hash before. */
function AnchorName({ route }: { route: ReceivedRoute }) {
  const t = useT();
  if (route.der === '0x') return <span data-testid="route-anchor">{t('peers.route.unpublished', { hash: route.anchorHash })}</span>;
  return <PublishedAnchor der={route.der} hash={route.anchorHash} />;
}

function PublishedAnchor({ der, hash }: { der: `0x${string}`; hash: string }) {
  const view = useCertificateView(hexToBytes(der), hash);
  if (!view.data) return <span aria-busy="true">…</span>;
  return (
    <span data-testid="route-anchor">
      {holderName(view.data)}
      <br />
      <code className="fingerprint" data-testid="route-fingerprint">
        {view.data.fingerprints.sha256}
      </code>
    </span>
  );
}
