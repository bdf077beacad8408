// Trust routes between ledgers, as the page words them: "trusted by route from <ledger>, proven at
// block N (age)", or one sentence saying why not. Pure functions (the hooks are in ./peers.ts).
import type { MessageKey } from '@/i18n';
import { RouteStatus, type RouteNow } from '@/ledger';

/** What the page knows of one route: B's last proof of A and the agreement's hold timer. */
export type RouteState = {
  /** The peer ledger's display name. */
  readonly ledger: string;
  /** The last block of the peer that was proven here, and its time (seconds, the peer's block time). */
  readonly provenBlock: bigint;
  readonly provenAt: bigint;
  readonly holdSeconds: number;
  /** The peer withdrew the anchor (suspended or retired it on its own ledger) and that was relayed. */
  readonly withdrawn?: boolean;
  /**
   * What the contract said of the route beyond its age: no live agreement routes it any more
   * ('unknown'), or this ledger has come to govern its country itself ('overridden').
   */
  readonly refused?: 'unknown' | 'overridden';
};

export type RouteVerdict = {
  readonly status: 'trusted' | 'stale' | 'withdrawn' | 'unknown' | 'overridden';
  readonly key: MessageKey;
  readonly params: { readonly ledger: string; readonly block: string; readonly ageSeconds: number; readonly holdSeconds: number };
};

/**
 * The verdict of a route at `nowSeconds`: this ledger's latest block time, the `block.timestamp` the
 * contract compares with (PeerTrust: stale when now > provenTime + holdTime), never the browser's clock.
 * A route older than its hold timer fails closed, as the contract decides it.
 */
export function routeVerdict(route: RouteState, nowSeconds: bigint): RouteVerdict {
  const ageSeconds = Math.max(0, Number(nowSeconds - route.provenAt));
  const params = { ledger: route.ledger, block: route.provenBlock.toString(), ageSeconds, holdSeconds: route.holdSeconds };
  if (route.refused === 'unknown') return { status: 'unknown', key: 'route.unknown', params };
  if (route.refused === 'overridden') return { status: 'overridden', key: 'route.overridden', params };
  if (route.withdrawn) return { status: 'withdrawn', key: 'route.withdrawn', params };
  if (nowSeconds > route.provenAt + BigInt(route.holdSeconds)) return { status: 'stale', key: 'route.stale', params };
  return { status: 'trusted', key: 'route.trusted', params };
}

/** A route as read at one block (`getRouteNow`), named for the page: what `routeVerdict` takes, and that block's time. */
export type RouteSnapshot = RouteState & { readonly country: string; readonly now: bigint; readonly blockNumber: bigint };

/** The page's view of a route read from the contract at one block; `ledger` names the peer for people. */
export function routeSnapshotOf(route: RouteNow, ledger: string, country: string): RouteSnapshot {
  const status = Number(route.status);
  return {
    ledger,
    country,
    provenBlock: route.provenNumber,
    provenAt: route.provenTime,
    holdSeconds: Number(route.holdTime),
    withdrawn: status === RouteStatus.Withdrawn,
    ...(status === RouteStatus.Unknown ? { refused: 'unknown' as const } : status === RouteStatus.Overridden ? { refused: 'overridden' as const } : {}),
    now: route.blockTime,
    blockNumber: route.blockNumber,
  };
}

/** An age or a duration in the person's language, in the largest whole unit ("42 seconds", "3 minutes"). */
export function formatDuration(locale: string, seconds: number): string {
  const [value, unit] =
    seconds < 120 ? [seconds, 'second'] : seconds < 7_200 ? [Math.floor(seconds / 60), 'minute'] : seconds < 172_800 ? [Math.floor(seconds / 3_600), 'hour'] : [Math.floor(seconds / 86_400), 'day'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** A route verdict's sentence in the person's language. */
export function routeVerdictText(verdict: RouteVerdict, t: (key: string, values?: Readonly<Record<string, string | number>>) => string, locale: string): string {
  const { params } = verdict;
  return t(verdict.key, { ...params, age: formatDuration(locale, params.ageSeconds), hold: formatDuration(locale, params.holdSeconds) });
}
