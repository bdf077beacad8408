import { useConnection } from 'wagmi';
import { countryName, memberName, useT } from '@/components';
import { useRefreshLedgerOnNewBlocks } from '@/config';
import { bytes2ToCountry } from '@/ledger';
import { useMembers } from '@/shared';
import { History } from './History';
import { OpenProposals } from './OpenProposals';
import { Emergency, OtherProposals } from './OtherProposals';
import { ProposeAnchor } from './ProposeAnchor';
import { RevokeCertificate } from './RevokeCertificate';

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
