import type { Hex } from 'viem';
import { useT } from '@/components';
import { bytes2ToCountry } from '@/ledger';
import { useTrustStoreHistory } from '@/shared';
import { shortHex } from './AnchorLabel';
import { LedgerSection } from './LedgerSection';

export function History() {
  const t = useT();
  const history = useTrustStoreHistory();
  return (
    <LedgerSection id="history" title={t('governance.history')} error={history.error}>
      <ol className="history" reversed>
        {[...(history.data ?? [])].reverse().map((e) => (
          <li key={`${e.transactionHash}-${e.logIndex}`} data-testid="history-event">
            <span className="event">{t(`event.${e.eventName}`)}</span>
            {describeArgs(e.args as Record<string, unknown>).map((part) => ` · ${part}`)} · {t('governance.block', { block: String(e.blockNumber) })}
          </li>
        ))}
      </ol>
    </LedgerSection>
  );
}

/** The arguments of a Trust Store event a reader needs, in a stable order; DER bodies are left out. */
function describeArgs(args: Record<string, unknown>): string[] {
  const order = ['id', 'proposalId', 'anchorHash', 'certificateHash', 'country', 'name', 'account', 'member', 'proposer', 'executor', 'by', 'reason', 'approvals', 'previous', 'current'];
  return order
    .filter((k) => args[k] !== undefined && args[k] !== '')
    .map((k) => {
      const v = args[k];
      if (k === 'country' && typeof v === 'string') return bytes2ToCountry(v as Hex);
      if (k === 'id' || k === 'proposalId') return `#${String(v)}`;
      return typeof v === 'string' && v.startsWith('0x') ? shortHex(v) : String(v);
    });
}
