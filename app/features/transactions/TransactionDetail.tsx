import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { hexToBytes, type Hex } from 'viem';
import { countryName, countryOf, ErrorMessage, useLocale, useT } from '@/components';
import { useLedgerClient, useNetwork } from '@/config';
import {
  bytes2ToCountry,
  bytes3ToCurrency,
  checkPath,
  getAnchors,
  getBlockTime,
  getIdentityHistory,
  getRevocation,
  getTransaction,
  getTransactionHistory,
  LedgerError,
  ledgerKeys,
  signDigestOf,
  signTypedDataOf,
} from '@/ledger';
import { assessIdentity, getEvidenceBundle } from '@/shared';
import { buildP7s, verifyPartySignature } from '@/pki';
import { download } from './download';
import { formatAmount } from './draft';

/** Every recorded signature of a transaction, re-verified in this browser from the ledger's events. */
function useVerifiedTransaction(id: bigint) {
  const network = useNetwork();
  const client = useLedgerClient();
  const { transactionRegistry, identityRegistry, trustStore } = network.contracts;
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
          if (!certificateHex) return { args, signedAt, typedData, digestMatches: false, certificate: undefined, check: undefined, assessment: undefined };
          const certificate = hexToBytes(certificateHex);
          const [check, assessment] = await Promise.all([
            verifyPartySignature({ certificate, signedAttributes: args.signedAttributes, signature: args.signature, digest: args.digest }),
            // The path and the Trust Store's verdict at the time the ledger recorded the signature.
            assessIdentity({
              certificate,
              chain: intermediates,
              anchors,
              time: signedAt,
              revocationOf: (anchorHash, certificateHash) => getRevocation(client, { address: trustStore, anchorHash, certificateHash }),
              checkPath: (certificateHashes, atTime) => checkPath(client, { address: trustStore, certificateHashes, atTime }),
            }),
          ]);
          return { args, signedAt, typedData, digestMatches: signDigestOf(typedData) === args.digest, certificate, check, assessment };
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
  if (verified.error) return <ErrorMessage error={verified.error} />;
  if (!verified.data) return <p aria-busy="true">{t('app.loading')}</p>;
  const { transaction, parties } = verified.data;
  const { terms } = transaction;
  const p7s = async (partyIndex: bigint, certificate: Uint8Array, path: readonly Uint8Array[], args: { signedAttributes: Hex; signature: Hex }) => {
    const der = await buildP7s({ signedAttributes: hexToBytes(args.signedAttributes), signature: hexToBytes(args.signature), certificate, certificates: path });
    download(`transaction-${id}-party-${Number(partyIndex) + 1}.p7s`, der.slice(), 'application/pkcs7-signature');
  };
  const evidence = async () => {
    const { transactionRegistry, identityRegistry, trustStore } = network.contracts;
    try {
      const bundle = await getEvidenceBundle(client, { chainId: network.chainId, transactionRegistry: transactionRegistry!, identityRegistry: identityRegistry!, trustStore, id, fromBlock: network.fromBlock });
      download(`transaction-${id}-evidence.tar`, bundle.slice(), 'application/x-tar');
      setEvidenceError(undefined);
    } catch (error) {
      setEvidenceError(error);
    }
  };
  return (
    <section aria-labelledby={`detail-${id}`} data-testid="detail">
      <h3 id={`detail-${id}`}>{t('transactions.detail.title', { id: id.toString() })}</h3>
      <p>
        {formatAmount(terms.amount, terms.decimals, locale)} {bytes3ToCurrency(terms.currency)} · {terms.paymentReference} ·{' '}
        {transaction.parties.map((p) => t(`country.${bytes2ToCountry(p.country)}`)).join(' + ')}
      </p>
      <ul>
        {parties.map((p) => {
          const ok = p.digestMatches && p.check?.messageDigestMatches && p.check.signatureValid && p.assessment?.verdict.trusted;
          return (
            <li key={p.args.partyIndex.toString()} data-testid="party-verification">
              {t(ok ? 'transactions.detail.verified' : 'transactions.detail.notVerified', {
                party: (Number(p.args.partyIndex) + 1).toString(),
                when: p.signedAt.toLocaleString(locale),
                country: p.assessment?.verdict.trusted ? countryName(t, p.assessment.verdict.country) : '—',
                countryOf: p.assessment?.verdict.trusted ? countryOf(t, p.assessment.verdict.country) : '—',
              })}
              {!ok ? ` (${p.check?.reason ?? (p.digestMatches ? '' : 'EIP-712 digest')})` : ''}{' '}
              {p.certificate ? (
                <button type="button" onClick={() => void p7s(p.args.partyIndex, p.certificate!, p.assessment?.path.valid ? p.assessment.path.path.slice(1).map((c) => c.der) : [], p.args)}>
                  {t('transactions.evidence.partyP7s', { party: (Number(p.args.partyIndex) + 1).toString() })}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      <button type="button" onClick={() => void evidence()}>
        {t('transactions.evidence.all')}
      </button>
      {evidenceError ? <ErrorMessage error={evidenceError} /> : null}
    </section>
  );
}
