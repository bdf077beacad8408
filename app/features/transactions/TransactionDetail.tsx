import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { hexToBytes, type Hex } from 'viem';
import { CertificationPath, countryName, countryOf, ErrorMessage, useLocale, useT, Verdict } from '@/components';
import { QueryState } from '@/shared';
import { useLedgerClient, useNetwork } from '@/config';
import {
  bytes2ToCountry,
  bytes3ToCurrency,
  checkPath,
  getAnchors,
  getBlockTime,
  getPeerTrustAddress,
  getRoutedAnchors,
  getIdentityHistory,
  getRevocation,
  getTransaction,
  getTransactionHistory,
  LedgerError,
  ledgerKeys,
  signDigestOf,
  signTypedDataOf,
} from '@/ledger';
import { assessIdentity, certificateName, checkSignatureTimestamp, getEvidenceBundle, organisationOf, pathNodes, routesOf, useLedgerName, type SignatureTimestamp } from '@/shared';
import { parseCertificate, verifyPartySignature } from '@/pki';
import { CheckCopy } from './CheckCopy';
import { CrossLedgerRecord } from './CrossLedgerRecord';
import { download } from './download';
import { formatAmount } from './draft';
import { partyP7s } from './partyP7s';
import { loadTimestamp } from './timestamps';
import { TimestampVerdict } from './TimestampVerdict';
import { VerifyFile } from './VerifyFile';

/**
 * The signature timestamp this browser kept for a party, checked as the sign page checked it (over the
 * recorded signature, before the block that recorded it, its TSA against network.json's tsaRoots); a
 * token that fails is not shown, as it is left out of the evidence.
 */
async function keptTimestamp(token: Uint8Array | undefined, signature: Uint8Array, recordedAt: Date, tsaRoots: readonly string[] | undefined): Promise<SignatureTimestamp | undefined> {
  if (!token) return undefined;
  return checkSignatureTimestamp({ token, signature, notAfter: recordedAt, ...(tsaRoots ? { tsaRoots } : {}) }).catch(() => undefined);
}

/** Every recorded signature of a transaction, re-verified in this browser from the ledger's events. */
function useVerifiedTransaction(id: bigint) {
  const network = useNetwork();
  const client = useLedgerClient();
  const { transactionRegistry, identityRegistry, trustStore } = network.contracts;
  const nameOf = useLedgerName();
  return useQuery({
    queryKey: [...ledgerKeys(network.chainId), 'verifiedTransaction', transactionRegistry, id.toString()],
    enabled: transactionRegistry !== undefined && identityRegistry !== undefined,
    queryFn: async () => {
      const [transaction, history, identities, anchors] = await Promise.all([
        getTransaction(client, { address: transactionRegistry!, id }),
        getTransactionHistory(client, { address: transactionRegistry!, id, fromBlock: network.fromBlock }),
        getIdentityHistory(client, { address: identityRegistry!, fromBlock: network.fromBlock }),
        getAnchors(client, { address: trustStore, offset: 0n, limit: 500n }),
      ]);
      // A party whose root this ledger knows by route (issue 15): judged by the route as it stands now.
      const peerTrust = await getPeerTrustAddress(client, { address: trustStore }).catch(() => undefined);
      const routed = peerTrust ? await getRoutedAnchors(client, { address: peerTrust, fromBlock: network.fromBlock, maxRange: network.logRange }).catch(() => []) : [];
      const routes = peerTrust ? routesOf(client, { peerTrust, anchors: routed, nameOf }) : undefined;
      if (!transaction) throw new LedgerError('No transaction has this id.', { details: String(id), messageKey: 'ledger.unknownTransaction' });
      const certificates = new Map<string, Hex>();
      const intermediates: Uint8Array[] = [];
      for (const event of identities) {
        if (event.eventName === 'IdentityRegistered') certificates.set(event.args.certificateHash!.toLowerCase(), event.args.certificate!);
        if (event.eventName === 'IntermediateVerified') intermediates.push(hexToBytes(event.args.certificate!));
      }
      const signed = history.flatMap((e) => (e.eventName === 'TransactionSigned' ? [e] : []));
      const parties = await Promise.all(
        signed.map(async (event) => {
          const args = event.args as { partyIndex: bigint; account: Hex; certificateHash: Hex; nonce: bigint; digest: Hex; signedAttributes: Hex; signature: Hex };
          const signedAt = new Date(Number(await getBlockTime(client, { blockHash: event.blockHash! })) * 1000);
          const typedData = signTypedDataOf({
            chainId: network.chainId,
            verifyingContract: transactionRegistry!,
            transactionId: id,
            partyIndex: args.partyIndex,
            wallet: args.account,
            transaction,
            identity: args.certificateHash,
            nonce: args.nonce,
          });
          const certificateHex = certificates.get(args.certificateHash.toLowerCase());
          const timestamp = await keptTimestamp(loadTimestamp({ chainId: network.chainId, registry: transactionRegistry!, id, partyIndex: Number(args.partyIndex) }), hexToBytes(args.signature), signedAt, network.tsaRoots);
          if (!certificateHex) return { args, signedAt, typedData, digestMatches: false, certificate: undefined, holder: undefined, check: undefined, assessment: undefined, timestamp };
          const certificate = hexToBytes(certificateHex);
          const [holder, check, assessment] = await Promise.all([
            parseCertificate(certificate),
            verifyPartySignature({ certificate, signedAttributes: args.signedAttributes, signature: args.signature, digest: args.digest }),
            // The path and the Trust Store's verdict at the time the ledger recorded the signature.
            assessIdentity({
              certificate,
              chain: intermediates,
              anchors,
              time: signedAt,
              revocationOf: (anchorHash, certificateHash) => getRevocation(client, { address: trustStore, anchorHash, certificateHash }),
              checkPath: (certificateHashes, atTime) => checkPath(client, { address: trustStore, certificateHashes, atTime }),
              relayUrl: network.relayUrl,
              ...(routes ? { routes } : {}),
            }),
          ]);
          return { args, signedAt, typedData, digestMatches: signDigestOf(typedData) === args.digest, certificate, holder, check, assessment, timestamp };
        }),
      );
      return { transaction, parties };
    },
  });
}

export function TransactionDetail({ id }: { id: bigint }) {
  const t = useT();
  const locale = useLocale();
  const verified = useVerifiedTransaction(id);
  const network = useNetwork();
  const client = useLedgerClient();
  const [evidenceError, setEvidenceError] = useState<unknown>(undefined);
  if (!verified.data) return <QueryState error={verified.error} isPending={verified.isPending} pending={t('record.verifying')} />;
  const { transaction, parties } = verified.data;
  const { terms } = transaction;
  const p7s = async (partyIndex: bigint, certificate: Uint8Array, path: readonly Uint8Array[], args: { signedAttributes: Hex; signature: Hex }) => {
    const storedTimestamp = loadTimestamp({ chainId: network.chainId, registry: network.contracts.transactionRegistry!, id, partyIndex: Number(partyIndex) });
    const der = await partyP7s({ signedAttributes: hexToBytes(args.signedAttributes), signature: hexToBytes(args.signature), certificate, certificates: path, storedTimestamp });
    download(`transaction-${id}-party-${Number(partyIndex) + 1}.p7s`, der.slice(), 'application/pkcs7-signature');
  };
  const evidence = async () => {
    const { transactionRegistry, identityRegistry, trustStore } = network.contracts;
    try {
      const bundle = await getEvidenceBundle(client, {
        chainId: network.chainId,
        transactionRegistry: transactionRegistry!,
        identityRegistry: identityRegistry!,
        trustStore,
        id,
        fromBlock: network.fromBlock,
        // The signature timestamps obtained in this browser (the ledger does not keep them).
        signatureTimestampOf: (partyIndex) => loadTimestamp({ chainId: network.chainId, registry: transactionRegistry!, id, partyIndex }),
      });
      download(`transaction-${id}-evidence.tar`, bundle.slice(), 'application/x-tar');
      setEvidenceError(undefined);
    } catch (error) {
      setEvidenceError(error);
    }
  };
  const date = (seconds: bigint) => new Date(Number(seconds) * 1000).toLocaleString(locale, { timeZone: 'UTC', timeZoneName: 'short' });
  const currency = bytes3ToCurrency(terms.currency);
  return (
    <section aria-labelledby={`detail-${id}`} data-testid="detail">
      <h3 id={`detail-${id}`}>{t('transactions.detail.title', { id: id.toString() })}</h3>
      <dl className="record-terms" data-testid="record-terms">
        <dt>{t('transactions.compose.amount')}</dt>
        <dd data-testid="record-amount">
          {formatAmount(terms.amount, terms.decimals, locale)} {currency}
        </dd>
        <dt>{t('transactions.compose.reference')}</dt>
        <dd>{terms.paymentReference}</dd>
        <dt>{t('transactions.review.parties')}</dt>
        <dd>{transaction.parties.map((p) => t(`country.${bytes2ToCountry(p.country)}`)).join(' + ')}</dd>
        <dt>{t('transactions.compose.deadline')}</dt>
        <dd>{date(transaction.deadline)}</dd>
        <dt>{t('record.documentHash')}</dt>
        <dd>
          <code className="fingerprint" data-testid="record-payload-hash">{transaction.payloadHash}</code>
        </dd>
        <dt>{t('record.memoHash')}</dt>
        <dd>
          {/^0x0+$/.test(terms.memoHash) ? t('record.noMemo') : <code className="fingerprint" data-testid="record-memo-hash">{terms.memoHash}</code>}
        </dd>
      </dl>
      <h4>{t('record.whoSigned')}</h4>
      <ul className="parties">
        {transaction.parties.map((party, index) => {
          const p = parties.find((x) => Number(x.args.partyIndex) === index);
          const country = t(`country.${bytes2ToCountry(party.country)}`);
          if (!p) {
            return (
              <li key={index} className="party" data-testid="party-unsigned">
                <Verdict state="unknown" testId="party-verdict">
                  {t('record.unsigned', { party: index + 1, country })}
                </Verdict>
              </li>
            );
          }
          const ok = p.digestMatches && p.check?.messageDigestMatches && p.check.signatureValid && p.assessment?.verdict.trusted;
          const organisation = p.holder ? organisationOf(p.holder) : undefined;
          return (
            <li key={index} className="party" data-testid="party-verification">
              <Verdict state={ok ? 'trusted' : 'untrusted'} testId="party-verdict">
                {t(ok ? 'transactions.detail.verified' : 'transactions.detail.notVerified', {
                  party: (index + 1).toString(),
                  when: p.signedAt.toLocaleString(locale),
                  country: p.assessment?.verdict.trusted ? countryName(t, p.assessment.verdict.country) : '—',
                  countryOf: p.assessment?.verdict.trusted ? countryOf(t, p.assessment.verdict.country) : '—',
                })}
                {!ok ? ` (${p.check?.reason ?? (p.digestMatches ? '' : 'EIP-712 digest')})` : ''}
              </Verdict>
              <dl>
                <dt>{t('identity.certificate.name')}</dt>
                <dd data-testid="party-holder">{p.holder ? certificateName(p.holder) : '—'}</dd>
                {organisation ? (
                  <>
                    <dt>{t('identity.certificate.organisation')}</dt>
                    <dd data-testid="party-organisation">{organisation}</dd>
                  </>
                ) : null}
                <dt>{t('record.country')}</dt>
                <dd>{country}</dd>
                <dt>{t('record.wallet')}</dt>
                <dd>
                  <code data-testid="party-wallet">{p.args.account}</code>
                </dd>
                <dt>{t('record.signedAt')}</dt>
                <dd>{p.signedAt.toLocaleString(locale, { timeZoneName: 'short' })}</dd>
              </dl>
              {p.timestamp ? <TimestampVerdict timestamp={p.timestamp} testId="party-timestamp" /> : null}
              {p.assessment ? <CertificationPath nodes={pathNodes(p.assessment, t)} testId="party-path" /> : null}
              {p.certificate ? (
                <button type="button" onClick={() => void p7s(p.args.partyIndex, p.certificate!, p.assessment?.path.valid ? p.assessment.path.path.slice(1).map((c) => c.der) : [], p.args)}>
                  {t('transactions.evidence.partyP7s', { party: (index + 1).toString() })}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      <CrossLedgerRecord id={id} />
      <CheckCopy
        payloadHash={transaction.payloadHash}
        memoHash={terms.memoHash}
        terms={{ amount: terms.amount, decimals: terms.decimals, currency, paymentReference: terms.paymentReference, memoHash: terms.memoHash, payloadHash: transaction.payloadHash, deadline: transaction.deadline }}
      />
      <VerifyFile
        record={{
          chainId: network.chainId,
          transactionRegistry: network.contracts.transactionRegistry ?? '',
          transactionId: id,
          parties: parties.map((p) => ({ partyIndex: Number(p.args.partyIndex), digest: p.args.digest, certificateHash: p.args.certificateHash })),
        }}
        holderOf={(partyIndex) => {
          const holder = parties.find((p) => Number(p.args.partyIndex) === partyIndex)?.holder;
          return holder ? certificateName(holder) : undefined;
        }}
      />
      <button type="button" onClick={() => void evidence()}>
        {t('transactions.evidence.all')}
      </button>
      {evidenceError ? <ErrorMessage error={evidenceError} /> : null}
    </section>
  );
}
