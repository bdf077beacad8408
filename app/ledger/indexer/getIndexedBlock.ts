import { _getJson, IndexerUnavailableError, type IndexerClient } from './client';

/**
 * The newest block the indexer has indexed, from Ponder's `/status` ({ ledger: { block: { number } } },
 * the chain as indexer/ponder.config.ts names it).
 */
export async function getIndexedBlock(client: IndexerClient): Promise<bigint> {
  const status = await _getJson(client, '/status', {});
  const number = indexedBlockOf(status);
  if (number === undefined) throw new IndexerUnavailableError(client.url, 'no indexed block in /status');
  return number;
}

/** The block number of a Ponder `/status` answer; undefined when it names none (still starting). */
export function indexedBlockOf(status: unknown): bigint | undefined {
  const number = (status as { ledger?: { block?: { number?: unknown } } } | null)?.ledger?.block?.number;
  return typeof number === 'number' && Number.isSafeInteger(number) && number >= 0 ? BigInt(number) : undefined;
}
