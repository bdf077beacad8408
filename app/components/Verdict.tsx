import type { ReactNode } from 'react';
import { useT } from './useT';

/** The four states a trust verdict can be in, each shown with a word and a symbol as well as a colour. */
export type VerdictState = 'trusted' | 'untrusted' | 'unknown' | 'checking';

const symbols: Readonly<Record<VerdictState, string>> = { trusted: '✓', untrusted: '✕', unknown: '?', checking: '…' };

/**
 * A verdict as a person reads it at a glance: the state in words (never colour alone), then the
 * sentence that explains it.
 */
export function Verdict({ state, children, testId = 'verdict' }: { state: VerdictState; children?: ReactNode; testId?: string }) {
  const t = useT();
  return (
    <p role="status" className={`verdict verdict-${state}`} data-state={state} data-testid={testId} aria-busy={state === 'checking' ? true : undefined}>
      <span className="verdict-word">
        <span aria-hidden="true" className="verdict-symbol">
          {symbols[state]}
        </span>{' '}
        {t(`verdict.state.${state}`)}
      </span>{' '}
      {children}
    </p>
  );
}

/** A small inline badge of the same states, for lists (a party of a record, a certificate of a path). */
export function VerdictBadge({ state, label }: { state: VerdictState | 'neutral'; label: string }) {
  return (
    <span className={`badge badge-${state}`} data-state={state}>
      {state !== 'neutral' ? (
        <span aria-hidden="true" className="verdict-symbol">
          {symbols[state]}{' '}
        </span>
      ) : null}
      {label}
    </span>
  );
}
