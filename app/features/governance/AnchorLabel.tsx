import { bytes2ToCountry, type Anchor } from '@/ledger';
import { useCertificateSummary } from '@/shared';

/** An anchor as a person recognises it: its common name (or hash) and country. */
export function AnchorLabel({ anchor }: { anchor: Anchor }) {
  const { data } = useCertificateSummary(anchor.der);
  return `${data?.commonName ?? anchor.hash.slice(0, 18)} (${bytes2ToCountry(anchor.country)})`;
}

/** A long hash or address as its head and tail, enough to tell entries apart. */
export const shortHex = (v: string) => (v.length > 14 ? `${v.slice(0, 8)}…${v.slice(-6)}` : v);
