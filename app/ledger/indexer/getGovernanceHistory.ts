import type { Address, Client } from 'viem';
import { getContractEvents } from 'viem/actions';
import { trustStoreAbi } from '@abi/TrustStore';
import { _byChainOrder } from '../_writeContract';
import { toLedgerError } from '../errors';
import { getTrustStoreHistory } from '../trustStore';
import { IndexerUnavailableError, type IndexerClient } from './client';
import { getIndexedGovernance } from './getIndexedGovernance';

export type GetGovernanceHistoryParameters = {
  /** The TrustStore. */
  readonly address: Address;
  readonly indexer?: IndexerClient;
  readonly country?: string;
  readonly cursor?: string;
  readonly limit?: number;
  /** The deployment block (ledger fallback). */
  readonly fromBlock?: bigint;
};

/**
 * The Trust Store's governance history, newest first. With an indexer: one page of where its events
 * are (block, log index), and the events themselves read from the ledger's logs of those blocks, so
 * what is shown is the ledger's (a listed event the ledger does not have is dropped). Without one, or
 * when it fails: every event from the ledger.
 */
export async function getGovernanceHistory(client: Client, params: GetGovernanceHistoryParameters) {
  if (params.indexer) {
    try {
      const page = await getIndexedGovernance(params.indexer, { country: params.country, cursor: params.cursor, limit: params.limit });
      const blocks = [...new Set(page.events.map((e) => e.block))];
      const logs = await Promise.all(
        blocks.map((block) => getContractEvents(client, { abi: trustStoreAbi, address: params.address, fromBlock: block, toBlock: block })),
      ).catch((error: unknown) => {
        throw toLedgerError(error);
      });
      const listed = new Set(page.events.map((e) => `${e.block}:${e.logIndex}`));
      const events = _byChainOrder(logs.flat().filter((log) => listed.has(`${log.blockNumber}:${log.logIndex}`))).reverse();
      return { events, next: page.next, source: 'indexer' as const };
    } catch (error) {
      if (!(error instanceof IndexerUnavailableError)) throw error;
    }
  }
  const events = (await getTrustStoreHistory(client, { address: params.address, fromBlock: params.fromBlock })).reverse();
  return { events, next: undefined, source: 'ledger' as const };
}

export type GetGovernanceHistoryReturnType = Awaited<ReturnType<typeof getGovernanceHistory>>;
