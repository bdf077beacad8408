import type { Hex } from 'viem';
import { _getJson, IndexerUnavailableError, type IndexerClient } from './client';

/** A Trust Store event as the indexer lists it: where to find it on the ledger, not what it says. */
export type IndexedEvent = {
  readonly name: string;
  readonly block: bigint;
  readonly logIndex: number;
  readonly transactionHash: Hex;
  readonly proposalId: bigint | undefined;
};

export type GetIndexedGovernanceParameters = { readonly country?: string; readonly cursor?: string; readonly limit?: number };

/**
 * One page of the Trust Store's governance history, newest first. The app shows an event only after
 * reading its block's logs from the ledger (a hint of where to look, like the transaction ids).
 */
export async function getIndexedGovernance(
  client: IndexerClient,
  params: GetIndexedGovernanceParameters = {},
): Promise<{ readonly events: readonly IndexedEvent[]; readonly next: string | undefined }> {
  const body = (await _getJson(client, '/governance', { country: params.country, cursor: params.cursor, limit: params.limit })) as {
    items?: unknown;
    next?: unknown;
  } | null;
  if (!Array.isArray(body?.items)) throw new IndexerUnavailableError(client.url, 'no items in the answer');
  const events = body.items.map((raw: unknown): IndexedEvent => {
    const item = raw as Record<string, unknown> | null;
    const block = item?.block;
    const logIndex = item?.logIndex;
    const hash = item?.transactionHash;
    if (typeof item?.name !== 'string' || typeof block !== 'string' || !/^[0-9]+$/.test(block) || typeof logIndex !== 'number' || typeof hash !== 'string' || !/^0x[0-9a-f]{64}$/i.test(hash))
      throw new IndexerUnavailableError(client.url, 'a malformed event');
    const proposalId = typeof item.proposalId === 'string' && /^[0-9]+$/.test(item.proposalId) ? BigInt(item.proposalId) : undefined;
    return { name: item.name, block: BigInt(block), logIndex, transactionHash: hash as Hex, proposalId };
  });
  const next = typeof body.next === 'string' && /^[0-9]+:[0-9]+$/.test(body.next) ? body.next : undefined;
  return { events, next };
}
