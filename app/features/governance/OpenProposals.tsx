import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { hexToBytes, type Hex } from 'viem';
import { useLocale, useT } from '@/components';
import { formatName, nameAttributes, NameOid, parseCertificate } from '@/pki';
import { useLedgerWrite, useNetwork } from '@/config';
import { approveProposal, executeProposal, type Member, type Proposal } from '@/ledger';
import { useAllAnchors, useHasVoted, useOpenProposals, useRequiredApprovals } from '@/shared';
import { ActionStatus } from './ActionStatus';
import { AnchorLabel, shortHex } from './AnchorLabel';
import { declaredExceptions, reviewAnchor } from './anchorReview';
import { CertificateReview } from './CertificateReview';
import { LedgerSection } from './LedgerSection';
import { decodeProposal } from './proposalData';

export function OpenProposals({ me }: { me: Member | undefined }) {
  const t = useT();
  const proposals = useOpenProposals();
  const required = useRequiredApprovals();
  return (
    <LedgerSection id="open-proposals" title={t('governance.openProposals')} error={proposals.error}>
      {proposals.data?.length === 0 ? <p>{t('governance.noProposals')}</p> : null}
      <ul className="proposals">
        {proposals.data?.map((p) => (
          <ProposalItem key={String(p.id)} proposal={p} required={required.data ?? 0} me={me} />
        ))}
      </ul>
    </LedgerSection>
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
  const proposedAnchor = useQuery({
    queryKey: ['certificate', subject.kind === 'AddAnchor' ? subject.der : undefined],
    queryFn: () => parseCertificate(hexToBytes((subject as { der: Hex }).der)),
    enabled: subject.kind === 'AddAnchor',
    staleTime: Infinity,
  });
  const anchorName = (hash: Hex) => {
    const anchor = anchors.data?.find((a) => a.hash.toLowerCase() === hash.toLowerCase());
    return anchor ? <AnchorLabel anchor={anchor} /> : shortHex(hash);
  };
  const what = (() => {
    switch (subject.kind) {
      case 'AddAnchor': {
        const c = proposedAnchor.data;
        const name = c ? (nameAttributes(c.subject, NameOid.commonName)[0] ?? formatName(c.subject)) : '…';
        return t('governance.kind.AddAnchor', { name, country: t(`country.${subject.country}`) });
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
      <p>
        {t('governance.approvals', { approvals: proposal.approvals, required })} · {t('governance.expires', { when: expires })}
      </p>
      {proposal.stale ? (
        <p role="status" className="warning" data-testid="proposal-stale">
          {t('governance.stale')}
        </p>
      ) : null}
      {me ? (
        <div className="actions">
          <button type="button" disabled={voted.data !== false || approve.isPending || proposal.stale} onClick={() => approve.mutate({ address: network.contracts.trustStore, id: proposal.id })}>
            {voted.data ? t('governance.voted') : t('governance.approve')}
          </button>
          <button
            type="button"
            disabled={proposal.approvals < required || execute.isPending || proposal.stale}
            onClick={() => execute.mutate({ address: network.contracts.trustStore, id: proposal.id })}
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
