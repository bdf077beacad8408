import type { Address } from 'viem';
import { ErrorMessage, HashEntry, useLocale, useT, Verdict } from '@/components';
import { QueryState } from '@/shared';
import { describeVerdict, useHolderName, useIdentityVerdict } from '@/shared';
import { bytes3ToCurrency } from '@/ledger';
import type { CertificateSigner } from '@/signers';
import { download, json } from './download';
import { formatAmount } from './draft';
import { useSignTypedData } from './queries';
import { TimestampVerdict } from './TimestampVerdict';
import { useSignFlow, type SignStep } from './useSignFlow';

const allSteps: readonly SignStep[] = ['token', 'timestamp', 'wallet', 'mined', 'confirmed'];

/** The exact EIP-712 data of one party's signature, readable, then signed with the certificate and the wallet. */
export function SignPanel({ id, partyIndex, signer, account }: { id: bigint; partyIndex: number; signer: CertificateSigner; account: Address }) {
  const t = useT();
  const locale = useLocale();
  const typed = useSignTypedData(id, partyIndex, account);
  const flow = useSignFlow();
  const holder = useHolderName(signer);
  // What the browser already knows of this certificate: signing an untrusted one would only ask the key
  // (a PIN on a token) for a signature the ledger refuses.
  const verdict = useIdentityVerdict(signer);
  if (!typed.data) return <QueryState error={typed.error} isPending={typed.isPending} pending={t('app.loading')} />;
  const { typedData, digest } = typed.data;
  const { domain, message } = typedData;
  const currency = bytes3ToCurrency(message.terms.currency);
  const done = flow.data;
  // The timestamp step shows only where a time-stamping authority is configured.
  const steps = flow.timestamping ? allSteps : allSteps.filter((s) => s !== 'timestamp');
  return (
    <section aria-labelledby={`sign-${id}`} data-testid="sign-panel">
      <h3 id={`sign-${id}`}>{t('transactions.sign.title', { id: id.toString() })}</h3>
      <p>{t('transactions.sign.intro')}</p>
      <dl className="typed-data" data-testid="typed-data">
        <dt>{t('transactions.sign.domain')}</dt>
        <dd>
          {domain.name} v{domain.version} · {t('network.chain', { chainId: domain.chainId })} · <code>{domain.verifyingContract}</code>
        </dd>
        <dt>transactionId / partyIndex</dt>
        <dd>
          {message.transactionId.toString()} / {message.partyIndex.toString()}
        </dd>
        <HashEntry term="wallet" value={message.wallet} />
        <dt>terms.amount / decimals / currency</dt>
        <dd data-testid="typed-amount">
          {formatAmount(message.terms.amount, message.terms.decimals, locale)} {currency} ({message.terms.amount.toString()} / {message.terms.decimals} / {currency})
        </dd>
        <dt>terms.paymentReference</dt>
        <dd>{message.terms.paymentReference}</dd>
        <HashEntry term="terms.memoHash" value={message.terms.memoHash} />
        <HashEntry term="payloadHash" value={message.payloadHash} />
        <HashEntry term="identity" value={message.identity} />
        <dt>nonce</dt>
        <dd>{message.nonce.toString()}</dd>
        <dt>deadline</dt>
        <dd>{new Date(Number(message.deadline) * 1000).toLocaleString(locale, { timeZone: 'UTC', timeZoneName: 'short' })}</dd>
        <HashEntry term={t('transactions.sign.digest')} value={digest} />
      </dl>
      {!done && verdict.data && !verdict.data.verdict.trusted ? (
        <div data-testid="sign-blocked">
          <Verdict state="untrusted" testId="sign-verdict">
            {describeVerdict(verdict.data, t, locale).text}
          </Verdict>
          <p>{t('transactions.sign.blocked')}</p>
        </div>
      ) : null}
      {!done && !verdict.data ? <p className="hint">{t('transactions.sign.waitVerdict')}</p> : null}
      {!done ? (
        <button type="button" disabled={flow.isPending || !verdict.data?.verdict.trusted} onClick={() => flow.mutate({ id, partyIndex, signer, account })}>
          {t('transactions.sign.asHolder', { holder: holder ?? signer.label })}
        </button>
      ) : null}
      {flow.step ? (
        <ol className="progress" aria-label={t('transactions.sign.progress')}>
          {steps.map((s) => {
            const reached = steps.indexOf(s) <= steps.indexOf(flow.step!);
            const current = s === flow.step && !done;
            return (
              <li key={s} aria-current={current ? 'step' : undefined} data-testid={`step-${s}`} data-reached={reached}>
                {t(`transactions.step.${s}`)} {reached && !current ? '✓' : ''}
              </li>
            );
          })}
        </ol>
      ) : null}
      {flow.error ? <ErrorMessage error={flow.error} /> : null}
      {done ? (
        <div role="status" data-testid="signed">
          <p>{t(`transactions.status.${done.status}`)}</p>
          {done.timestamp?.ok ? <TimestampVerdict timestamp={done.timestamp.timestamp} testId="signature-timestamp" /> : null}
          {done.timestamp && !done.timestamp.ok ? (
            <div data-testid="signature-timestamp-failed">
              <p>{t('transactions.timestamp.failed')}</p>
              <ErrorMessage error={done.timestamp.error} />
            </div>
          ) : null}
          <button type="button" onClick={() => download(`transaction-${id}-party-${partyIndex}.p7s`, done.contentInfo.slice(), 'application/pkcs7-signature')}>
            {t('transactions.evidence.p7s')}
          </button>{' '}
          <button type="button" onClick={() => download(`transaction-${id}-eip712.json`, json({ typedData, digest }), 'application/json')}>
            {t('transactions.evidence.eip712')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
