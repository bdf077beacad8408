import { useState } from 'react';
import { isAddress, type Address, type Hex } from 'viem';
import { memberName, useT } from '@/components';
import { useLedgerWrite, useNetwork } from '@/config';
import {
  AnchorStatus,
  bytes2ToCountry,
  proposeAddMember,
  proposeReinstateAnchor,
  proposeRemoveMember,
  proposeRetireAnchor,
  proposeThreshold,
  suspendAnchor,
  type Member,
} from '@/ledger';
import { useAllAnchors, useMembers } from '@/shared';
import { ActionStatus } from './ActionStatus';
import { AnchorLabel } from './AnchorLabel';

export function OtherProposals() {
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
  return (
    <section aria-labelledby="other-proposals" className="card">
      <h2 id="other-proposals">{t('governance.otherProposals')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const account = String(f.get('account'));
          const country = String(f.get('country')).toUpperCase();
          const ok = isAddress(account) && /^[A-Z]{2}$/.test(country);
          setInvalid(!ok);
          if (ok) addMember.mutate({ address, account: account as Address, country, name: String(f.get('name')) });
        }}
      >
        <h3>{t('governance.addMember')}</h3>
        <label>
          {t('trustStore.member.account')} <input name="account" required placeholder="0x…" />
        </label>
        <label>
          {t('trustStore.member.country')} <input name="country" required maxLength={2} placeholder="AR" />
        </label>
        <label>
          {t('trustStore.member.name')} <input name="name" required />
        </label>
        <button type="submit">{t('governance.propose')}</button>
        {invalid ? <p role="alert" className="error">{t('governance.invalidMember')}</p> : null}
        <ActionStatus action={addMember} />
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          removeMember.mutate({ address, account: String(new FormData(e.currentTarget).get('account')) as Address });
        }}
      >
        <h3>{t('governance.removeMember')}</h3>
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
        <button type="submit">{t('governance.propose')}</button>
        <ActionStatus action={removeMember} />
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          threshold.mutate({ address, threshold: Number(new FormData(e.currentTarget).get('threshold')) });
        }}
      >
        <h3>{t('governance.changeThreshold')}</h3>
        <label>
          {t('governance.thresholdValue')} <input name="threshold" type="number" min={0} defaultValue={0} required />
        </label>
        <button type="submit">{t('governance.propose')}</button>
        <ActionStatus action={threshold} />
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const anchorHash = String(f.get('anchor')) as Hex;
          if (f.get('what') === 'retire') retire.mutate({ address, anchorHash });
          else reinstate.mutate({ address, anchorHash });
        }}
      >
        <h3>{t('governance.retireOrReinstate')}</h3>
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
        <label>
          <input type="radio" name="what" value="retire" defaultChecked /> {t('governance.retire')}
        </label>
        <label>
          <input type="radio" name="what" value="reinstate" /> {t('governance.reinstate')}
        </label>
        <button type="submit">{t('governance.propose')}</button>
        <ActionStatus action={retire} />
        <ActionStatus action={reinstate} />
      </form>
    </section>
  );
}

export function Emergency({ me }: { me: Member }) {
  const t = useT();
  const network = useNetwork();
  const anchors = useAllAnchors();
  const suspend = useLedgerWrite(suspendAnchor);
  const own = anchors.data?.filter((a) => a.country === me.country && a.status === AnchorStatus.Active) ?? [];
  return (
    <form
      className="card"
      aria-labelledby="emergency"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        suspend.mutate({ address: network.contracts.trustStore, anchorHash: String(f.get('anchor')) as Hex, reason: String(f.get('reason')) });
      }}
    >
      <h2 id="emergency">{t('governance.emergency')}</h2>
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
    </form>
  );
}
