import { useMemo } from 'react';
import { ColumnHeads, countryOf, ErrorMessage, HashEntry, memberName, useLocale, useT } from '@/components';
import { useRefreshLedgerOnNewBlocks } from '@/config';
import { QueryState } from '@/shared';
import { bytes2ToCountry } from '@/ledger';
import type { Anchor } from '@/ledger';
import { useAnchorsByCountry, useCertificateSummary, useMembers, useRequiredApprovals } from '@/shared';

export function TrustStorePage() {
  const t = useT();
  useRefreshLedgerOnNewBlocks();
  const members = useMembers();
  const required = useRequiredApprovals();
  const countries = useMemo(
    () => [...new Set((members.data ?? []).map((m) => bytes2ToCountry(m.country)))].sort(),
    [members.data],
  );
  return (
    <section aria-labelledby="trust-store-title">
      <h1 id="trust-store-title">{t('trustStore.title')}</h1>
      <p>{t('trustStore.intro')}</p>
      <section aria-labelledby="start-title" data-testid="start-here">
        <h2 id="start-title">{t('home.title')}</h2>
        <ol className="steps">
          <li>{t('home.step1')}</li>
          <li>
            {t('home.step2')} <a href="#/identity">{t('nav.identity')}</a>
          </li>
          <li>
            {t('home.step3')} <a href="#/transactions">{t('nav.transactions')}</a>
          </li>
        </ol>
        <p className="hint">
          {t('home.authorities')} <a href="#/governance">{t('nav.governance')}</a>
        </p>
      </section>
      <h2>{t('trustStore.members')}</h2>
      <QueryState error={members.error} isPending={members.isPending} pending={t('app.loading')} />
      {members.data ? (
        <table className="members">
          <ColumnHeads labels={[t('trustStore.member.country'), t('trustStore.member.name'), t('trustStore.member.account'), t('trustStore.anchor.status')]} />
          <tbody>
            {members.data.map((m) => (
              <tr key={m.account} data-testid="member">
                <td>{t(`country.${bytes2ToCountry(m.country)}`)}</td>
                <td>{memberName(t, m.name)}</td>
                <td>
                  <code>{m.account}</code>
                </td>
                <td>{m.active ? t('trustStore.member.active') : t('trustStore.member.inactive')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {required.data !== undefined ? <p>{t('trustStore.threshold', { count: required.data })}</p> : null}
      {countries.map((country) => (
        <CountryAnchors key={country} country={country} />
      ))}
    </section>
  );
}

function CountryAnchors({ country }: { country: string }) {
  const t = useT();
  const anchors = useAnchorsByCountry(country);
  return (
    <section aria-labelledby={`anchors-${country}`} data-testid={`anchors-${country}`}>
      <h2 id={`anchors-${country}`}>{t('trustStore.anchors', { countryOf: countryOf(t, country) })}</h2>
      <QueryState error={anchors.error} />
      {anchors.data?.length === 0 ? <p>{t('trustStore.noAnchors')}</p> : null}
      <ul className="anchors">
        {anchors.data?.map((a) => (
          <AnchorCard key={a.hash} anchor={a} />
        ))}
      </ul>
    </section>
  );
}

function AnchorCard({ anchor }: { anchor: Anchor }) {
  const t = useT();
  const locale = useLocale();
  const { data: summary, error } = useCertificateSummary(anchor.der);
  const date = (d: Date) => d.toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric' });
  if (error) return <li className="anchor" data-testid="anchor"><ErrorMessage error={error} /></li>;
  if (!summary) return <li className="anchor" data-testid="anchor" aria-busy="true" />;
  return (
    <li className="anchor" data-testid="anchor">
      <h3>{summary.commonName ?? summary.subject}</h3>
      <dl>
        <dt>{t('trustStore.anchor.subject')}</dt>
        <dd>{summary.subject}</dd>
        <dt>{t('trustStore.anchor.validity')}</dt>
        <dd>
          {date(summary.notBefore)} – {date(summary.notAfter)}
        </dd>
        <HashEntry term={t('trustStore.anchor.fingerprint')} value={summary.fingerprint} />
        <dt>{t('trustStore.anchor.status')}</dt>
        <dd>
          {t(`anchorStatus.${anchor.status}`)} · {t('trustStore.anchor.added', { proposal: String(anchor.proposalId) })}
        </dd>
      </dl>
    </li>
  );
}
