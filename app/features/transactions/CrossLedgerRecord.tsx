import { useT, Verdict, type VerdictState } from '@/components';
import { useNetwork } from '@/config';
import type { NetworkConfig, VerifyRecordFromPeerReturnType } from '@/ledger';
import { QueryState, useLedgerName, useOutboundPeers, useRecordFromPeer } from '@/shared';

/**
 * The record verified from the other ledgers that peer with this one: each one's light client checks
 * this ledger's storage proof of the record hash (PeerTrust.verifyRecord, a free eth_call there).
 */
export function CrossLedgerRecord({ id }: { id: bigint }) {
  const t = useT();
  const verifiers = useOutboundPeers();
  if (verifiers.length === 0) return null;
  return (
    <section aria-labelledby={`cross-ledger-${id}`} data-testid="record-cross-ledger">
      <h4 id={`cross-ledger-${id}`}>{t('record.peers.title')}</h4>
      {verifiers.map((v) => (
        <VerifiedFrom key={v.chainId} verifier={v} id={id} />
      ))}
    </section>
  );
}

const sentence: Readonly<Record<VerifyRecordFromPeerReturnType['status'], { key: string; state: VerdictState }>> = {
  verified: { key: 'record.peers.verified', state: 'trusted' },
  'no-agreement': { key: 'record.peers.noAgreement', state: 'unknown' },
  'other-registry': { key: 'record.peers.otherRegistry', state: 'unknown' },
  'not-completed': { key: 'record.peers.notCompleted', state: 'unknown' },
  'never-proven': { key: 'record.peers.neverProven', state: 'unknown' },
  'not-yet-proven': { key: 'record.peers.notYetProven', state: 'unknown' },
  refused: { key: 'record.peers.refused', state: 'untrusted' },
};

function VerifiedFrom({ verifier, id }: { verifier: NetworkConfig; id: bigint }) {
  const t = useT();
  const network = useNetwork();
  const nameOf = useLedgerName();
  const result = useRecordFromPeer(verifier, id);
  const names = { source: nameOf(network.chainId), verifier: nameOf(verifier.chainId) };
  const testId = `record-verified-from-${verifier.chainId}`;
  if (!result.data) {
    return result.error ? (
      <QueryState error={result.error} />
    ) : (
      <Verdict state="checking" testId={testId}>
        {t('record.peers.checking', names)}
      </Verdict>
    );
  }
  const outcome = result.data;
  const { key, state } = sentence[outcome.status];
  const block = 'blockNumber' in outcome ? outcome.blockNumber.toString() : '';
  return (
    <Verdict state={state} testId={testId}>
      <span data-status={outcome.status}>{t(key, { ...names, block })}</span>
    </Verdict>
  );
}
