import { getAbiItem, numberToHex, pad, parseEventLogs, toEventSelector, type Client, type Hex } from 'viem';
import { getContractEvents } from 'viem/actions';
import { transactionRegistryAbi } from '@abi/TransactionRegistry';
import { _byChainOrder } from '../_writeContract';
import { toLedgerError } from '../errors';
import { getLogsSince } from '../logs';
import type { TransactionRegistryParameters } from './types';

export type GetTransactionHistoryParameters = TransactionRegistryParameters & {
  /** Only the events of this transaction. */
  readonly id?: bigint;
  /** The deployment block; earlier blocks hold nothing of this contract. */
  readonly fromBlock?: bigint;
  /** The most blocks one log request may span (the node's limit; default 1,000). */
  readonly maxRange?: bigint;
};

/** The events of one transaction: each indexes its id first. */
const byIdEvents = ['TransactionCreated', 'TransactionSigned', 'TransactionCompleted', 'TransactionCancelled'] as const;
const byIdSelectors = byIdEvents.map((name) => toEventSelector(getAbiItem({ abi: transactionRegistryAbi, name })));

/**
 * The registry's events oldest first: TransactionCreated, TransactionSigned (each with the digest, the
 * nonce, the signed attributes and the signature, so anyone can re-check it), TransactionCompleted
 * and TransactionCancelled.
 */
export async function getTransactionHistory(client: Client, params: GetTransactionHistoryParameters) {
  try {
    const since = { fromBlock: params.fromBlock, maxRange: params.maxRange };
    if (params.id === undefined) {
      return _byChainOrder(await getLogsSince(client, { ...since, read: (range) => getContractEvents(client, { abi: transactionRegistryAbi, address: params.address, ...range }) }));
    }
    // One request per range for the four kinds: the node matches any of their selectors and the id topic.
    const topics: (Hex | Hex[])[] = [byIdSelectors, pad(numberToHex(params.id), { size: 32 })];
    const logs = await getLogsSince(client, {
      ...since,
      read: async (range) =>
        parseEventLogs({
          abi: transactionRegistryAbi,
          eventName: [...byIdEvents],
          logs: await client.request({
            method: 'eth_getLogs',
            params: [{ address: params.address, topics, fromBlock: numberToHex(range.fromBlock), toBlock: numberToHex(range.toBlock) }],
          }),
        }),
    });
    return _byChainOrder(logs);
  } catch (error) {
    throw toLedgerError(error);
  }
}

export type GetTransactionHistoryReturnType = Awaited<ReturnType<typeof getTransactionHistory>>;
