import { useState, type ChangeEvent } from 'react';
import { bytesToHex } from 'viem';
import { CardForm, countryOf, ErrorMessage, useT } from '@/components';
import { useLedgerWrite, useNetwork } from '@/config';
import { bytes2ToCountry, proposeAddAnchor, type Member } from '@/ledger';
import type { Certificate } from '@/pki';
import { useAllAnchors } from '@/shared';
import { reviewAnchor } from './anchorReview';
import { readCertificateFile } from './certificateFile';
import { CertificateReview } from './CertificateReview';
import { ActionStatus } from './ActionStatus';

/**
 * Proposes a root certificate of the member's country: the file is read and reviewed by the rules the
 * Trust Store applies before anything is sent, and the exceptions it needs are declared for voters.
 */
export function ProposeAnchor({ me }: { me: Member }) {
  const t = useT();
  const network = useNetwork();
  const anchors = useAllAnchors();
  const propose = useLedgerWrite(proposeAddAnchor);
  const [certificate, setCertificate] = useState<Certificate>();
  const [fileError, setFileError] = useState<unknown>();
  const country = bytes2ToCountry(me.country);
  const review = certificate && anchors.data ? reviewAnchor({ certificate, country, knownAnchors: anchors.data, now: new Date() }) : undefined;

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    setFileError(undefined);
    setCertificate(undefined);
    propose.reset();
    if (!file) return;
    try {
      const [first] = await readCertificateFile(file);
      setCertificate(first);
    } catch (error) {
      setFileError(error);
    }
  }

  return (
    <CardForm
      titleId="propose-anchor"
      title={t('governance.proposeAnchor', { countryOf: countryOf(t, country) })}
      onSubmit={() => {
        if (certificate && review && !review.blocked) {
          propose.mutate({ address: network.contracts.trustStore, der: bytesToHex(certificate.der), country, exceptions: review.exceptions });
        }
      }}
    >
      <label>
        {t('governance.rootCertificate')} <input type="file" name="certificate" accept=".pem,.crt,.cer,.der" required onChange={(e) => void onFile(e)} />
      </label>
      {certificate && review ? <CertificateReview certificate={certificate} warnings={review.warnings} testId="propose-review" /> : null}
      {review?.blocked ? (
        <p role="alert" className="error">
          {t('governance.notRoot')}
        </p>
      ) : null}
      {review && !review.blocked && review.exceptions !== 0 ? <p>{t('governance.exceptionsDeclared')}</p> : null}
      <button type="submit" disabled={!review || review.blocked || propose.isPending}>
        {t('governance.propose')}
      </button>
      {fileError ? <ErrorMessage error={fileError} /> : null}
      <ActionStatus action={propose} />
    </CardForm>
  );
}
