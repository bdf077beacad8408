import type { ReactNode } from 'react';
import { ErrorMessage } from '@/components';

/** A titled section over one ledger read: the heading, then the read's error in one sentence if it failed. */
export function LedgerSection({ id, title, error, children }: { id: string; title: string; error: unknown; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {error ? <ErrorMessage error={error} /> : null}
      {children}
    </section>
  );
}
