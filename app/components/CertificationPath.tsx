import { useT } from './useT';
import { VerdictBadge, type VerdictState } from './Verdict';

export type CertificationPathNode = {
  /** Stable key: the certificate's fingerprint or ledger hash. */
  readonly id: string;
  readonly role: 'anchor' | 'intermediate' | 'target';
  /** The certificate's name as a person reads it (the holder without ICP-Brasil's ":CPF" suffix). */
  readonly name: string;
  readonly state: VerdictState | 'neutral';
  /** One short phrase: "trusted anchor", "suspended by a member authority", "revoked in the Trust Store". */
  readonly status: string;
};

/**
 * A certification path drawn as connected boxes, trust anchor first, then the CAs, then the holder,
 * each with its status in words. `nodes` come in that order (anchor first).
 */
export function CertificationPath({ nodes, testId = 'certification-path' }: { nodes: readonly CertificationPathNode[]; testId?: string }) {
  const t = useT();
  return (
    <ol className="cert-path" aria-label={t('path.drawing')} data-testid={testId}>
      {nodes.map((node) => (
        <li key={node.id} className={`cert-node cert-node-${node.state}`} data-testid="path-node" data-role={node.role} data-state={node.state}>
          <span className="cert-role">{t(`path.role.${node.role}`)}</span>
          <strong className="cert-name">{node.name}</strong>
          <VerdictBadge state={node.state} label={node.status} />
        </li>
      ))}
    </ol>
  );
}
