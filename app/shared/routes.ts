// Trust routes between ledgers, as the page words them: "trusted by route from <ledger>, proven at
// block N (age)", or one sentence saying why not. Pure functions (the hooks are in ./peers.ts).
import type { MessageKey } from '@/i18n';

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
};

export type RouteVerdict = {
  readonly status: 'trusted' | 'stale' | 'withdrawn';
  readonly key: MessageKey;
  readonly params: { readonly ledger: string; readonly block: string; readonly ageSeconds: number; readonly holdSeconds: number };
};

/**
 * The verdict of a route at `nowSeconds` (this ledger's time). A route older than its hold timer fails
 * closed, as the contract decides it: the page says so rather than showing a trust it no longer has.
 */
export function routeVerdict(route: RouteState, nowSeconds: bigint): RouteVerdict {
  const ageSeconds = Math.max(0, Number(nowSeconds - route.provenAt));
  const params = { ledger: route.ledger, block: route.provenBlock.toString(), ageSeconds, holdSeconds: route.holdSeconds };
  if (route.withdrawn) return { status: 'withdrawn', key: 'route.withdrawn', params };
  if (ageSeconds > route.holdSeconds) return { status: 'stale', key: 'route.stale', params };
  return { status: 'trusted', key: 'route.trusted', params };
}

/** An age or a duration in the person's language, in the largest whole unit ("42 seconds", "3 minutes"). */
export function formatDuration(locale: string, seconds: number): string {
  const [value, unit] =
    seconds < 120 ? [seconds, 'second'] : seconds < 7_200 ? [Math.floor(seconds / 60), 'minute'] : seconds < 172_800 ? [Math.floor(seconds / 3_600), 'hour'] : [Math.floor(seconds / 86_400), 'day'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
