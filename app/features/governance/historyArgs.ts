/** The arguments of Trust Store events a reader is shown, in this order, each with a label (governance.arg.*). */
export const historyArgOrder = ['id', 'proposalId', 'kind', 'anchorHash', 'certificateHash', 'country', 'name', 'account', 'member', 'proposer', 'executor', 'by', 'reason', 'approvals', 'previous', 'current'] as const;

/** Arguments left out of the history on purpose: certificate bodies, data a proposal card shows in full, export-chain links. */
export const historyArgsLeftOut = ['der', 'certificate', 'data', 'spkiHash', 'exceptions', 'effectiveAt', 'expiresAt', 'notBefore', 'notAfter', 'seq', 'entry', 'head'] as const;

/** The labelled arguments an event carries, in a stable order. */
export function historyArgs(args: Readonly<Record<string, unknown>>): string[] {
  return historyArgOrder.filter((k) => args[k] !== undefined && args[k] !== '');
}
