import { useMemo, useState } from 'react';
import { useConnection } from 'wagmi';
import { useLocale, useT } from '@/components';
import { QueryState } from '@/shared';
import { useNetwork, useRefreshLedgerOnNewBlocks } from '@/config';
import { bytes2ToCountry, bytes3ToCurrency, TransactionStatus } from '@/ledger';
import { selectSigner, useIdentitySession } from '@/store';
import { useMembers, useRegisteredIdentity } from '@/shared';
import { ComposeForm } from './ComposeForm';
import { DraftNotice } from './DraftNotice';
import { formatAmount } from './draft';
import { usePartyTransactions, useTransaction } from './queries';
import { SignPanel } from './SignPanel';
import { TransactionDetail } from './TransactionDetail';

export function TransactionsPage() {
  const t = useT();
  useRefreshLedgerOnNewBlocks();
  const network = useNetwork();
  const signer = useIdentitySession(selectSigner);
  const connection = useConnection();
  const account = connection.status === 'connected' ? connection.address : undefined;
  const identity = useRegisteredIdentity(account);
  const members = useMembers();
  const countries = useMemo(() => [...new Set((members.data ?? []).map((m) => bytes2ToCountry(m.country)))].sort(), [members.data]);
  const myCountry = identity.data ? bytes2ToCountry(identity.data.country) : undefined;
  const transactions = usePartyTransactions(myCountry, account);
  const [signing, setSigning] = useState<{ id: bigint; partyIndex: number }>();
  const [detail, setDetail] = useState<bigint>();

  const ready = signer && account && identity.data && myCountry;
  return (
    <section aria-labelledby="transactions-title">
      <h1 id="transactions-title">{t('transactions.title')}</h1>
      <p>{t('transactions.intro')}</p>
      <DraftNotice />
      {!network.contracts.transactionRegistry ? <p role="alert">{t('transactions.noRegistry')}</p> : null}
      {!account ? <p>{t('transactions.connect')}</p> : null}
      {account && identity.isSuccess && !identity.data ? (
        <p>
          {t('transactions.needIdentity')} <a href="#/identity">{t('nav.identity')}</a>
        </p>
      ) : null}
      {identity.data && !signer ? (
        <p>
          {t('transactions.needSigner')} <a href="#/identity">{t('nav.identity')}</a>
        </p>
      ) : null}
      <QueryState error={identity.error} />
      {ready ? (
        <>
          <ComposeForm myCountry={myCountry} account={account} countries={countries} onCreated={(id) => setSigning({ id, partyIndex: 0 })} />
          {signing ? <SignPanel key={signing.id.toString()} id={signing.id} partyIndex={signing.partyIndex} signer={signer} account={account} /> : null}
        </>
      ) : null}
      {account && myCountry ? (
        <section aria-labelledby="inbox-title" data-testid="inbox">
          <h2 id="inbox-title">{t('transactions.inbox.title')}</h2>
          <QueryState error={transactions.error} isPending={transactions.isPending} pending={t('app.loading')} />
          {transactions.data?.length === 0 ? <p>{t('transactions.inbox.empty')}</p> : null}
          <ul>
            {transactions.data?.map((tx) => {
              const open = (tx.status === TransactionStatus.Proposed || tx.status === TransactionStatus.PartiallySigned) && tx.signingParty !== undefined;
              return (
                <li key={tx.id.toString()} data-testid="transaction" data-id={tx.id.toString()}>
                  <InboxSummary id={tx.id} deadline={tx.deadline} counterparty={tx.parties.map((p) => bytes2ToCountry(p.country)).filter((c) => c !== myCountry)} />{' '}
                  <strong data-testid="transaction-status">{t(`transactions.status.${tx.status}`)}</strong>{' '}
                  {open && signer ? (
                    <button type="button" onClick={() => setSigning({ id: tx.id, partyIndex: tx.signingParty! })}>
                      {t('transactions.inbox.review', { id: tx.id.toString() })}
                    </button>
                  ) : null}{' '}
                  <button type="button" onClick={() => setDetail(tx.id)}>
                    {t('transactions.inbox.details', { id: tx.id.toString() })}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      <LookUp onLookUp={setDetail} />
      {detail !== undefined ? <TransactionDetail key={detail.toString()} id={detail} /> : null}
    </section>
  );
}

/** Anyone, wallet or not, can open a recorded transaction and re-verify it in the browser. */
function LookUp({ onLookUp }: { onLookUp: (id: bigint) => void }) {
  const t = useT();
  return (
    <form
      className="card"
      aria-labelledby="lookup-title"
      onSubmit={(e) => {
        e.preventDefault();
        const value = String(new FormData(e.currentTarget).get('id') ?? '').trim();
        if (/^\d+$/.test(value) && value !== '0') onLookUp(BigInt(value));
      }}
    >
      <h2 id="lookup-title">{t('transactions.lookup.title')}</h2>
      <label>
        {t('transactions.lookup.label')} <input name="id" inputMode="numeric" pattern="[1-9][0-9]*" required />
      </label>
      <button type="submit">{t('transactions.lookup.submit')}</button>
    </form>
  );
}

/** An inbox row as a person scans it: amount, reference, counterparty and deadline. */
function InboxSummary({ id, deadline, counterparty }: { id: bigint; deadline: bigint; counterparty: readonly string[] }) {
  const t = useT();
  const locale = useLocale();
  const transaction = useTransaction(id);
  const terms = transaction.data?.terms;
  return (
    <span data-testid="transaction-summary">
      {t('transactions.inbox.row', {
        id: id.toString(),
        amount: terms ? `${formatAmount(terms.amount, terms.decimals, locale)} ${bytes3ToCurrency(terms.currency)}` : '…',
        reference: terms?.paymentReference ?? '…',
        counterparty: counterparty.map((c) => t(`country.${c}`)).join(' + ') || '—',
        deadline: new Date(Number(deadline) * 1000).toLocaleDateString(locale, { timeZone: 'UTC' }),
      })}
    </span>
  );
}
