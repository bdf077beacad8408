import { isMessageKey } from '@/i18n';
import { useT } from './useT';

type Translatable = { messageKey?: unknown; messageValues?: unknown };

/** One clear sentence in the user's language, never a stack trace or an RPC dump. */
export function ErrorMessage({ error }: { error: unknown }) {
  const t = useT();
  const e = (typeof error === 'object' && error !== null ? error : {}) as Translatable;
  const key = typeof e.messageKey === 'string' ? e.messageKey : 'ledger.failed';
  const values = (typeof e.messageValues === 'object' && e.messageValues !== null ? e.messageValues : {}) as Record<string, string>;
  const text = isMessageKey(key) ? t(key, values) : key.startsWith('ledger.refused.') ? t('ledger.refused', values) : t('ledger.failed');
  return (
    <p role="alert" className="error">
      {text}
    </p>
  );
}
