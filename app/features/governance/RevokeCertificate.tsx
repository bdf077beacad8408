import { useState, type ChangeEvent } from 'react';
import { CardForm, countryName, countryOf, ErrorMessage, useT } from '@/components';
import { useLedgerWrite, useNetwork } from '@/config';
import { bytes2ToCountry, proposeAnnulRevocation, proposeRevokeCertificate, RevocationReason, revokeCertificate, type Anchor, type Member } from '@/ledger';
import { formatName } from '@/pki';
import { useAllAnchors, useCertificateSummary } from '@/shared';
import { ActionStatus } from './ActionStatus';
import { readCertificateFile } from './certificateFile';
import { locateAnchor, type LocateAnchorReturnType } from './locateAnchor';

const crlReasons: readonly RevocationReason[] = Object.values(RevocationReason);

function AnchorName({ anchor }: { anchor: Anchor }) {
  const { data } = useCertificateSummary(anchor.der);
  return <>{data?.commonName ?? data?.subject ?? anchor.hash}</>;
}

/**
 * Revokes a certificate under the anchor its path ends in, which the browser finds by building the
 * path: only that anchor's country may revoke it. Alone, a member revokes from now on; a revocation
 * effective in the past, and the annulment of one made in error, go to a vote.
 */
export function RevokeCertificate({ me }: { me: Member }) {
  const t = useT();
  const network = useNetwork();
  const anchors = useAllAnchors();
  const revokeNow = useLedgerWrite(revokeCertificate);
  const revokeBackdated = useLedgerWrite(proposeRevokeCertificate);
  const annul = useLedgerWrite(proposeAnnulRevocation);
  const [located, setLocated] = useState<LocateAnchorReturnType>();
  const [fileError, setFileError] = useState<unknown>();
  const [mode, setMode] = useState<'now' | 'backdated' | 'annul'>('now');
  const address = network.contracts.trustStore;

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    setFileError(undefined);
    setLocated(undefined);
    for (const action of [revokeNow, revokeBackdated, annul]) action.reset();
    if (!file || !anchors.data) return;
    try {
      setLocated(await locateAnchor({ certificates: await readCertificateFile(file), anchors: anchors.data, time: new Date() }));
    } catch (error) {
      setFileError(error);
    }
  }

  const anchor = located?.anchor;
  const otherCountry = anchor !== undefined && anchor.country !== me.country;
  const ready = located !== undefined && anchor !== undefined && !otherCountry;

  return (
    <CardForm
      titleId="revoke"
      title={t('governance.revoke')}
      onSubmit={(f) => {
        if (!ready) return;
        const certificateHash = `0x${located.target.identity}` as const;
        const reason = crlReasons.find((r) => r === Number(f.get('reason'))) ?? RevocationReason.Unspecified;
        if (mode === 'now') revokeNow.mutate({ address, anchorHash: anchor.hash, certificateHash, reason });
        else if (mode === 'annul') annul.mutate({ address, anchorHash: anchor.hash, certificateHash });
        else revokeBackdated.mutate({ address, anchorHash: anchor.hash, certificateHash, reason, effectiveAt: BigInt(Math.floor(new Date(String(f.get('effectiveAt'))).getTime() / 1000)) });
      }}
    >
      <p>{t('governance.revokeHelp')}</p>
      <label>
        {t('governance.caCertificate')} <input type="file" name="certificate" accept=".pem,.crt,.cer,.der,.p7b" required onChange={(e) => void onFile(e)} />
      </label>
      {located ? (
        <p data-testid="revoke-target">
          {t('governance.revokeTarget', { subject: formatName(located.target.subject) })}{' '}
          {anchor ? (
            <>
              {t('governance.revokeUnder')} <AnchorName anchor={anchor} /> ({t(`country.${bytes2ToCountry(anchor.country)}`)})
            </>
          ) : null}
        </p>
      ) : null}
      {located && !anchor ? (
        <p role="alert" className="error">
          {t('governance.revokeNoAnchor')}
        </p>
      ) : null}
      {otherCountry ? (
        <p role="alert" className="error" data-testid="revoke-other-country">
          {t('governance.revokeOtherCountry', { country: countryName(t, bytes2ToCountry(anchor.country)), countryOf: countryOf(t, bytes2ToCountry(anchor.country)) })}
        </p>
      ) : null}
      <fieldset>
        <legend>{t('governance.revokeMode')}</legend>
        <label>
          <input type="radio" name="mode" value="now" checked={mode === 'now'} onChange={() => setMode('now')} /> {t('governance.revokeNow')}
        </label>
        <label>
          <input type="radio" name="mode" value="backdated" checked={mode === 'backdated'} onChange={() => setMode('backdated')} /> {t('governance.revokeBackdated')}
        </label>
        <label>
          <input type="radio" name="mode" value="annul" checked={mode === 'annul'} onChange={() => setMode('annul')} /> {t('governance.annul')}
        </label>
      </fieldset>
      {mode !== 'annul' ? (
        <label>
          {t('governance.reason')}{' '}
          <select name="reason" defaultValue={1}>
            {crlReasons.map((r) => (
              <option key={r} value={r}>
                {t(`crlReason.${r}`)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {mode === 'backdated' ? (
        <label>
          {t('governance.effectiveAt')} <input type="datetime-local" name="effectiveAt" required />
        </label>
      ) : null}
      <button type="submit" className="danger" disabled={!ready}>
        {mode === 'now' ? t('governance.revokeButton') : t('governance.propose')}
      </button>
      {fileError ? <ErrorMessage error={fileError} /> : null}
      <ActionStatus action={revokeNow} />
      <ActionStatus action={revokeBackdated} />
      <ActionStatus action={annul} />
    </CardForm>
  );
}
