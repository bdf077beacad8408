// Over 300 lines: the governance page, read top to bottom by an authority; its sections share the proposal review
// and the confirmation state of final actions.
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { hexToBytes, isAddress, type Address, type Hex } from 'viem';
import { useConnection } from 'wagmi';
import { CardForm, countryName, memberName, useLocale, useT } from '@/components';

import { formatName, parseCertificate } from '@/pki';
import { useLedgerWrite, useNetwork, useRefreshLedgerOnNewBlocks } from '@/config';
import {
  AnchorStatus,
  approveProposal,
  bytes2ToCountry,
  executeProposal,
  proposeAddMember,
  proposeReinstateAnchor,
  proposeRemoveMember,
  proposeRetireAnchor,
  proposeThreshold,
  suspendAnchor,
  type Anchor,
  type Member,
  type Proposal,
} from '@/ledger';
import {
  QueryState,
  useCertificateSummary,
  useAllAnchors,
  useHasVoted,
  useMembers,
  useOpenProposals,
  useRequiredApprovals,
  useTrustStoreHistoryPages,
} from '@/shared';
import { ActionStatus, useExclusiveActions } from './ActionStatus';
import { declaredExceptions, reviewAnchor } from './anchorReview';
import { CertificateReview } from './CertificateReview';
import { decodeProposal } from './proposalData';
import { historyArgs } from './historyArgs';
import { ProposalForm } from './ProposalForm';
import { ProposeAnchor } from './ProposeAnchor';
import { RevokeCertificate } from './RevokeCertificate';

/** An anchor as a person recognises it: its common name (or hash) and country. */
function AnchorLabel({ anchor }: { anchor: Anchor }) {
  const { data } = useCertificateSummary(anchor.der);
  return `${data?.commonName ?? anchor.hash.slice(0, 18)} (${bytes2ToCountry(anchor.country)})`;
}

export function GovernancePage() {
  const t = useT();
  useRefreshLedgerOnNewBlocks();
  const { address } = useConnection();
  const members = useMembers();
  const me = members.data?.find((m) => m.active && address && m.account.toLowerCase() === address.toLowerCase());
  return (
    <section aria-labelledby="governance-title">
      <h1 id="governance-title">{t('governance.title')}</h1>
      {me ? (
        <p data-testid="membership">{t('governance.youAreMember', { name: memberName(t, me.name), country: countryName(t, bytes2ToCountry(me.country)) })}</p>
      ) : (
        <p data-testid="membership">{t('governance.readOnly')}</p>
      )}
      <OpenProposals me={me} />
      {me ? (
        <>
          <ProposeAnchor me={me} />
          <OtherProposals />
          <Emergency me={me} />
          <RevokeCertificate me={me} />
        </>
      ) : null}
      <History />
    </section>
  );
}

function OpenProposals({ me }: { me: Member | undefined }) {
  const t = useT();
  const proposals = useOpenProposals();
  const required = useRequiredApprovals();
  return (
    <section aria-labelledby="open-proposals">
      <h2 id="open-proposals">{t('governance.openProposals')}</h2>
      <QueryState error={proposals.error} isPending={proposals.isPending} pending={t('app.loading')} />
      {proposals.data?.length === 0 ? <p>{t('governance.noProposals')}</p> : null}
      <ul className="proposals">
        {proposals.data?.map((p) => (
          <ProposalItem key={String(p.id)} proposal={p} required={required.data ?? 0} me={me} />
        ))}
      </ul>
    </section>
  );
}

function ProposalItem({ proposal, required, me }: { proposal: Proposal; required: number; me: Member | undefined }) {
  const t = useT();
  const locale = useLocale();
  const network = useNetwork();
  const anchors = useAllAnchors();
  const subject = useMemo(() => decodeProposal(proposal.kind, proposal.data), [proposal.kind, proposal.data]);
  const voted = useHasVoted(proposal.id, me?.account);
  const approve = useLedgerWrite(approveProposal);
  const execute = useLedgerWrite(executeProposal);
  // The certificate a voter decides on: the one proposed, or the anchor a retire/reinstate is about.
  const targetAnchor =
    subject.kind === 'RetireAnchor' || subject.kind === 'ReinstateAnchor' ? anchors.data?.find((a) => a.hash.toLowerCase() === subject.anchorHash.toLowerCase()) : undefined;
  const der = subject.kind === 'AddAnchor' ? subject.der : targetAnchor?.der;
  const proposedAnchor = useQuery({
    queryKey: ['certificate', der],
    queryFn: () => parseCertificate(hexToBytes(der!)),
    enabled: der !== undefined,
    staleTime: Infinity,
  });
  const start = useExclusiveActions(approve, execute);
  // Retiring is final: approving or executing it is confirmed first, like proposing it.
  const final = subject.kind === 'RetireAnchor';
  const [confirmed, setConfirmed] = useState(false);
  const anchorName = (hash: Hex) => {
    const anchor = anchors.data?.find((a) => a.hash.toLowerCase() === hash.toLowerCase());
    return anchor ? <AnchorLabel anchor={anchor} /> : shortHex(hash);
  };
  const what = (() => {
    switch (subject.kind) {
      case 'AddAnchor': {
        const c = proposedAnchor.data;
        const name = c ? (c.subject.rdns.flat().find((a) => a.type === '2.5.4.3')?.text ?? formatName(c.subject)) : '…';
        return t('governance.kind.AddAnchor', { name, country: countryName(t, subject.country) });
      }
      case 'RetireAnchor':
      case 'ReinstateAnchor':
        return (
          <>
            {t(`governance.kind.${subject.kind}`)} {anchorName(subject.anchorHash)}
          </>
        );
      case 'AddMember':
        return t('governance.kind.AddMember', { name: subject.name, country: subject.country, account: subject.account });
      case 'RemoveMember':
        return t('governance.kind.RemoveMember', { account: subject.account });
      case 'ChangeThreshold':
        return t('governance.kind.ChangeThreshold', { threshold: subject.threshold });
      case 'RevokeCertificate':
        return (
          <>
            {t('governance.kind.RevokeCertificate', {
              certificate: shortHex(subject.certificateHash),
              reason: t(`crlReason.${subject.reason}`),
              when: new Date(Number(subject.effectiveAt) * 1000).toLocaleString(locale),
            })}{' '}
            {anchorName(subject.anchorHash)}
          </>
        );
      case 'AnnulRevocation':
        return (
          <>
            {t('governance.kind.AnnulRevocation', { certificate: shortHex(subject.certificateHash) })} {anchorName(subject.anchorHash)}
          </>
        );
      case 'AddPeering':
        return t('governance.kind.AddPeering', {
          ledger: shortHex(subject.ledgerId),
          chainId: String(subject.chainId),
          countries: subject.countries.map((c) => countryName(t, c)).join(', '),
          hold: String(Number(subject.holdTime) / 60),
        });
      case 'RemovePeering':
        return t('governance.kind.RemovePeering', { ledger: shortHex(subject.ledgerId) });
    }
  })();
  const expires = new Date(Number(proposal.expiresAt) * 1000).toLocaleString(locale);
  // The voter sees what the proposer declared and what the browser finds, by the contract's own rules.
  const review =
    subject.kind === 'AddAnchor' && proposedAnchor.data && anchors.data
      ? reviewAnchor({ certificate: proposedAnchor.data, country: subject.country, knownAnchors: anchors.data, now: new Date() })
      : undefined;
  return (
    <li className="proposal" data-testid="proposal">
      <strong>
        #{String(proposal.id)} · {what}
      </strong>
      {subject.kind === 'AddAnchor' && proposedAnchor.data ? (
        <CertificateReview certificate={proposedAnchor.data} warnings={[...new Set([...(review?.warnings ?? []), ...declaredExceptions(subject.exceptions)])]} />
      ) : null}
      {targetAnchor && proposedAnchor.data ? (
        <CertificateReview certificate={proposedAnchor.data} anchorStatus={t(`anchorStatus.${targetAnchor.status}`)} />
      ) : null}
      <p>
        {t('governance.approvals', { approvals: proposal.approvals, required })} · {t('governance.expires', { when: expires })}
      </p>
      {proposal.stale ? (
        <p role="status" className="warning" data-testid="proposal-stale">
          {t('governance.stale')}
        </p>
      ) : null}
      {final ? (
        <p className="warning" data-testid="retire-final">
          {t('governance.retireFinal')}
          {me ? (
            <>
              {' '}
              <label>
                <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> {t('governance.retireConfirmShort')}
              </label>
            </>
          ) : null}
        </p>
      ) : null}
      {me ? (
        <div className="actions">
          <button type="button" disabled={voted.data !== false || approve.isPending || proposal.stale || (final && !confirmed)} onClick={() => start(approve, { address: network.contracts.trustStore, id: proposal.id })}>
            {voted.data ? t('governance.voted') : t('governance.approve')}
          </button>
          <button
            type="button"
            disabled={proposal.approvals < required || execute.isPending || proposal.stale || (final && !confirmed)}
            onClick={() => start(execute, { address: network.contracts.trustStore, id: proposal.id })}
          >
            {t('governance.execute')}
          </button>
        </div>
      ) : null}
      <ActionStatus action={approve} />
      <ActionStatus action={execute} />
    </li>
  );
}

function OtherProposals() {
  const t = useT();
  const network = useNetwork();
  const anchors = useAllAnchors();
  const members = useMembers();
  const addMember = useLedgerWrite(proposeAddMember);
  const removeMember = useLedgerWrite(proposeRemoveMember);
  const threshold = useLedgerWrite(proposeThreshold);
  const retire = useLedgerWrite(proposeRetireAnchor);
  const reinstate = useLedgerWrite(proposeReinstateAnchor);
  const address = network.contracts.trustStore;
  const [invalid, setInvalid] = useState(false);
  const [what, setWhat] = useState<'retire' | 'reinstate'>();
  const [confirmed, setConfirmed] = useState(false);
  const startAnchorAction = useExclusiveActions(retire, reinstate);
  return (
    <section aria-labelledby="other-proposals" className="card">
      <h2 id="other-proposals">{t('governance.otherProposals')}</h2>
      <ProposalForm
        title={t('governance.addMember')}
        actions={[addMember]}
        notice={invalid ? <p role="alert" className="error">{t('governance.invalidMember')}</p> : null}
        onSubmit={(f) => {
          const account = String(f.get('account'));
          const country = String(f.get('country')).toUpperCase();
          const ok = isAddress(account) && /^[A-Z]{2}$/.test(country);
          setInvalid(!ok);
          if (ok) addMember.mutate({ address, account: account as Address, country, name: String(f.get('name')) });
        }}
      >
        <label>
          {t('trustStore.member.account')} <input name="account" required placeholder="0x…" />
        </label>
        <label>
          {t('trustStore.member.country')} <input name="country" required maxLength={2} placeholder="AR" />
        </label>
        <label>
          {t('trustStore.member.name')} <input name="name" required />
        </label>
      </ProposalForm>
      <ProposalForm
        title={t('governance.removeMember')}
        actions={[removeMember]}
        onSubmit={(f) => removeMember.mutate({ address, account: String(f.get('account')) as Address })}
      >
        <label>
          {t('trustStore.member.name')}{' '}
          <select name="account">
            {members.data?.filter((m) => m.active).map((m) => (
              <option key={m.account} value={m.account}>
                {memberName(t, m.name)} ({bytes2ToCountry(m.country)})
              </option>
            ))}
          </select>
        </label>
      </ProposalForm>
      <ProposalForm
        title={t('governance.changeThreshold')}
        actions={[threshold]}
        onSubmit={(f) => threshold.mutate({ address, threshold: Number(f.get('threshold')) })}
      >
        <label>
          {t('governance.thresholdValue')} <input name="threshold" type="number" min={0} defaultValue={0} required />
        </label>
      </ProposalForm>
      <ProposalForm
        title={t('governance.retireOrReinstate')}
        actions={[retire, reinstate]}
        disabled={what === undefined || (what === 'retire' && !confirmed)}
        onSubmit={(f) => {
          const anchorHash = String(f.get('anchor')) as Hex;
          if (what === 'retire' && confirmed) startAnchorAction(retire, { address, anchorHash });
          if (what === 'reinstate') startAnchorAction(reinstate, { address, anchorHash });
        }}
      >
        <label>
          {t('governance.anchor')}{' '}
          <select name="anchor">
            {anchors.data?.filter((a) => a.status !== AnchorStatus.Retired).map((a) => (
              <option key={a.hash} value={a.hash}>
                <AnchorLabel anchor={a} /> · {t(`anchorStatus.${a.status}`)}
              </option>
            ))}
          </select>
        </label>
        {/* No default: retiring is final, so it is chosen, then confirmed, never submitted by accident. */}
        <fieldset className="choice">
          <legend>{t('governance.chooseRetireOrReinstate')}</legend>
          <label>
            <input type="radio" name="what" value="reinstate" checked={what === 'reinstate'} onChange={() => (setWhat('reinstate'), setConfirmed(false))} /> {t('governance.reinstate')}
          </label>
          <label>
            <input type="radio" name="what" value="retire" checked={what === 'retire'} onChange={() => setWhat('retire')} /> {t('governance.retire')}
          </label>
        </fieldset>
        {what === 'retire' ? (
          <p className="warning">
            <label>
              <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> {t('governance.retireConfirm')}
            </label>
          </p>
        ) : null}
      </ProposalForm>
    </section>
  );
}

function Emergency({ me }: { me: Member }) {
  const t = useT();
  const network = useNetwork();
  const anchors = useAllAnchors();
  const suspend = useLedgerWrite(suspendAnchor);
  const own = anchors.data?.filter((a) => a.country === me.country && a.status === AnchorStatus.Active) ?? [];
  return (
    <CardForm
      titleId="emergency"
      title={t('governance.emergency')}
      onSubmit={(f) => suspend.mutate({ address: network.contracts.trustStore, anchorHash: String(f.get('anchor')) as Hex, reason: String(f.get('reason')) })}
    >
      <p>{t('governance.emergencyHelp')}</p>
      <label>
        {t('governance.anchor')}{' '}
        <select name="anchor" required>
          {own.map((a) => (
            <option key={a.hash} value={a.hash}>
              <AnchorLabel anchor={a} />
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('governance.reason')} <input name="reason" required />
      </label>
      <button type="submit" className="danger" disabled={own.length === 0}>
        {t('governance.suspend')}
      </button>
      <ActionStatus action={suspend} />
    </CardForm>
  );
}

const HISTORY_PAGE = 10;

/** The Trust Store's events, newest first, ten a page, each argument labelled and anchors and members named. */
function History() {
  const t = useT();
  const history = useTrustStoreHistoryPages(HISTORY_PAGE);
  const anchors = useAllAnchors();
  const members = useMembers();
  const [page, setPage] = useState(0);
  const loaded = history.data?.pages ?? [];
  const current = Math.min(page, Math.max(0, loaded.length - 1));
  const shown = loaded[current]?.items ?? [];
  const hasOlder = current < loaded.length - 1 || history.hasNextPage;
  const value = (key: string, v: unknown) => {
    if (key === 'country' && typeof v === 'string') return countryName(t, bytes2ToCountry(v as Hex));
    if (key === 'id' || key === 'proposalId') return `#${String(v)}`;
    if (key === 'kind') return t(`governance.kindName.${String(v)}`);
    if (key === 'reason' && typeof v === 'number') return t(`crlReason.${v}`);
    if (key === 'anchorHash' && typeof v === 'string') {
      const anchor = anchors.data?.find((a) => a.hash.toLowerCase() === v.toLowerCase());
      if (anchor) return <AnchorLabel anchor={anchor} />;
    }
    if (typeof v === 'string' && isAddress(v)) {
      const member = members.data?.find((m) => m.account.toLowerCase() === v.toLowerCase());
      if (member) return `${memberName(t, member.name)} (${shortHex(v)})`;
    }
    return typeof v === 'string' && v.startsWith('0x') ? shortHex(v) : String(v);
  };
  return (
    <section aria-labelledby="history">
      <h2 id="history">{t('governance.history')}</h2>
      <QueryState error={history.error} isPending={history.isPending} pending={t('app.loading')} />
      {shown.length > 0 ? (
        <p data-testid="history-page">{t('governance.historyShown', { from: current * HISTORY_PAGE + 1, to: current * HISTORY_PAGE + shown.length })}</p>
      ) : null}
      <ol className="history">
        {shown.map((e) => (
          <li key={`${e.transactionHash}-${e.logIndex}`} data-testid="history-event">
            <span className="event">{t(`event.${e.eventName}`)}</span> · {t('governance.block', { block: String(e.blockNumber) })}
            <dl className="event-args">
              {historyArgs(e.args as Record<string, unknown>).map((key) => (
                <div key={key}>
                  <dt>{t(`governance.arg.${key}`)}</dt>
                  <dd>{value(key, (e.args as Record<string, unknown>)[key])}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ol>
      {current > 0 || hasOlder ? (
        <nav aria-label={t('governance.history')} className="pager">
          <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)}>
            {t('governance.historyNewer')}
          </button>{' '}
          <button
            type="button"
            disabled={!hasOlder || history.isFetchingNextPage}
            onClick={() => {
              // The next page is read from the ledger only when asked for.
              if (current === loaded.length - 1) void history.fetchNextPage().then(() => setPage(current + 1));
              else setPage(current + 1);
            }}
          >
            {t('governance.historyOlder')}
          </button>
        </nav>
      ) : null}
    </section>
  );
}

const shortHex = (v: string) => (v.length > 14 ? `${v.slice(0, 8)}…${v.slice(-6)}` : v);
