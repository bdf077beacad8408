import type { ReactNode } from 'react';

/** A description-list entry whose value is a hash, a key or an address, set as a fingerprint (monospace, breakable). */
export function HashEntry({ term, value }: { term: ReactNode; value: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>
        <code className="fingerprint">{value}</code>
      </dd>
    </>
  );
}
