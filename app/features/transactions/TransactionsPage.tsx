import { useMemo, useState } from 'react';
import type { Address } from 'viem';
import { useConnection } from 'wagmi';
import { CardForm, ErrorMessage, useLocale, useT } from '@/components';
import { QueryState } from '@/shared';
import { useLedgerWrite, useNetwork, useRefreshLedgerOnNewBlocks } from '@/config';
import { bytes2ToCountry, bytes3ToCurrency, seatFor, unlistExpiredTransactions, type TransactionSummary } from '@/ledger';
import { selectSigner, useIdentitySession } from '@/store';
import { useAgreements, useMembers, useRegisteredIdentity } from '@/shared';
import { ComposeForm } from './ComposeForm';
import { DraftNotice } from './DraftNotice';
import { formatAmount } from './draft';
import { useExpiredOpen, useFinishedTransactions, useInbox, useTransactionRegistry } from './queries';
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
  // A counterparty's country is governed here (a member's) or reaches this ledger by route (an agreement's).
  const agreements = useAgreements();
  const countries = useMemo(
    () =>
      [
        ...new Set([
          ...(members.data ?? []).map((m) => bytes2ToCountry(m.country)),
          ...(agreements.data ?? []).filter((a) => a.active).flatMap((a) => a.countries.map(bytes2ToCountry)),
        ]),
      ].sort(),
    [members.data, agreements.data],
  );
  const myCountry = identity.data ? bytes2ToCountry(identity.data.country) : undefined;
  const inbox = useInbox(myCountry, account);
  const finished = useFinishedTransactions(myCountry, account);
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
        <>
          <TransactionList
            kind="inbox"
            query={inbox}
            myCountry={myCountry}
            account={account}
            onReview={signer ? (id, partyIndex) => setSigning({ id, partyIndex }) : undefined}
            onDetail={setDetail}
          />
          <TransactionList kind="history" query={finished} myCountry={myCountry} account={account} onDetail={setDetail} />
          <PruneExpired country={myCountry} />
        </>
      ) : null}
      <LookUp onLookUp={setDetail} />
      {detail !== undefined ? <TransactionDetail key={detail.toString()} id={detail} /> : null}
    </section>
  );
}

/**
 * Expired transactions still on this country's open list make every inbox read walk past them: any wallet
 * may take them off in one transaction (their status stays Expired). The lists refresh when it is mined.
 */
function PruneExpired({ country }: { country: string }) {
  const t = useT();
  const { address } = useTransactionRegistry();
  const expired = useExpiredOpen(country);
  const unlist = useLedgerWrite(unlistExpiredTransactions);
  const ids = expired.data?.ids ?? [];
  if (!address || (ids.length === 0 && !unlist.error)) return null;
  return (
    <section className="card" aria-labelledby="prune-title" data-testid="prune-expired">
      <h2 id="prune-title">{t('transactions.prune.title')}</h2>
      <p>{t('transactions.prune.explain', { count: ids.length.toString() })}</p>
      {ids.length > 0 ? (
        <button type="button" disabled={unlist.isPending} onClick={() => unlist.mutate({ address, ids })}>
          {t('transactions.prune.submit', { count: ids.length.toString() })}
        </button>
      ) : null}
      {unlist.isPending ? <p aria-live="polite">{t('transactions.prune.sending')}</p> : null}
      {unlist.error ? <ErrorMessage error={unlist.error} /> : null}
    </section>
  );
}

/** Anyone, wallet or not, can open a recorded transaction and re-verify it in the browser. */
function LookUp({ onLookUp }: { onLookUp: (id: bigint) => void }) {
  const t = useT();
  return (
    <CardForm
      titleId="lookup-title"
      title={t('transactions.lookup.title')}
      onSubmit={(fields) => {
        const value = String(fields.get('id') ?? '').trim();
        if (/^\d+$/.test(value) && value !== '0') onLookUp(BigInt(value));
      }}
    >
      <label>
        {t('transactions.lookup.label')} <input name="id" inputMode="numeric" pattern="[1-9][0-9]*" required />
      </label>
      <button type="submit">{t('transactions.lookup.submit')}</button>
    </CardForm>
  );
}

type ListQuery = {
  readonly data?: { readonly pages: readonly { readonly items: readonly TransactionSummary[] }[] };
  readonly error: Error | null;
  readonly isPending: boolean;
  readonly hasNextPage: boolean;
  readonly isFetchingNextPage: boolean;
  readonly fetchNextPage: () => unknown;
};

/**
 * The inbox (what waits for this person) or the history (finished ones): newest first, a page at a time,
 * each row from the one summary the list read (no read per row).
 */
function TransactionList(props: {
  readonly kind: 'inbox' | 'history';
  readonly query: ListQuery;
  readonly myCountry: string;
  readonly account: Address;
  readonly onReview?: (id: bigint, partyIndex: number) => void;
  readonly onDetail: (id: bigint) => void;
}) {
  const t = useT();
  const { query, kind } = props;
  // A transaction seen on two pages (its two seats' logs split by a page boundary) shows once.
  const items = [...new Map((query.data?.pages ?? []).flatMap((page) => page.items).map((item) => [item.id, item])).values()];
  const titleId = `${kind}-title`;
  return (
    <section aria-labelledby={titleId} data-testid={kind}>
      <h2 id={titleId}>{t(kind === 'inbox' ? 'transactions.inbox.waiting' : 'transactions.history.title')}</h2>
      <QueryState error={query.error} isPending={query.isPending} pending={t('app.loading')} />
      {query.data && items.length === 0 ? <p>{t(kind === 'inbox' ? 'transactions.inbox.nothingWaiting' : 'transactions.history.empty')}</p> : null}
      <ul>
        {items.map((tx) => {
          const seat = seatFor(tx, { country: props.myCountry, account: props.account });
          return (
            <li key={tx.id.toString()} data-testid="transaction" data-id={tx.id.toString()}>
              <InboxSummary summary={tx} myCountry={props.myCountry} /> <strong data-testid="transaction-status">{t(`transactions.status.${tx.status}`)}</strong>{' '}
              {seat !== undefined && props.onReview ? (
                <button type="button" onClick={() => props.onReview!(tx.id, seat)}>
                  {t('transactions.inbox.review', { id: tx.id.toString() })}
                </button>
              ) : null}{' '}
              <button type="button" onClick={() => props.onDetail(tx.id)}>
                {t('transactions.inbox.details', { id: tx.id.toString() })}
              </button>
            </li>
          );
        })}
      </ul>
      {query.hasNextPage ? (
        <button type="button" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {t('transactions.loadMore')}
        </button>
      ) : null}
    </section>
  );
}

/** A row as a person scans it: amount, reference, counterparty and deadline. */
function InboxSummary({ summary, myCountry }: { summary: TransactionSummary; myCountry: string }) {
  const t = useT();
  const locale = useLocale();
  const { terms, deadline, parties } = summary.transaction;
  const counterparty = [...new Set(parties.map((p) => bytes2ToCountry(p.country)).filter((c) => c !== myCountry))];
  return (
    <span data-testid="transaction-summary">
      {t('transactions.inbox.row', {
        id: summary.id.toString(),
        amount: `${formatAmount(terms.amount, terms.decimals, locale)} ${bytes3ToCurrency(terms.currency)}`,
        reference: terms.paymentReference,
        counterparty: counterparty.map((c) => t(`country.${c}`)).join(' + ') || '—',
        deadline: new Date(Number(deadline) * 1000).toLocaleDateString(locale, { timeZone: 'UTC' }),
      })}
    </span>
  );
}
