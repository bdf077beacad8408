import { zeroAddress, type Address, type Client } from 'viem';
import { getContractEvents, readContract } from 'viem/actions';
import { transactionRegistryAbi } from '@abi/TransactionRegistry';
import { countryToBytes2 } from '../countries';
import { toLedgerError } from '../errors';
import { getLogsSince } from '../logs';
import type { OnChainParty, Transaction, TransactionRegistryParameters, TransactionStatus } from './types';

export type GetPartyTransactionsParameters = TransactionRegistryParameters & {
  /** Transactions with a party of this country (open to any identity of it, or naming `account`). */
  readonly country?: string;
  /**
   * With `country`: only parties this wallet may sign (open ones, or naming it). Alone: only parties
   * that name this wallet.
   */
  readonly account?: Address;
  /** The deployment block; earlier blocks hold nothing of this contract. */
  readonly fromBlock?: bigint;
  /** The most blocks one log request may span (the node's limit; default 1,000). */
  readonly maxRange?: bigint;
};

/** A transaction as its TransactionCreated event announced it (the contract's fields), with the parties that matched and its status now. */
export type PartyTransaction = Pick<Transaction, 'creator' | 'parties' | 'deadline'> & {
  readonly id: bigint;
  /** Indexes of the parties that matched. */
  readonly partyIndexes: readonly number[];
  readonly status: TransactionStatus;
};

export type GetPartyTransactionsReturnType = readonly PartyTransaction[];

/** Transactions in which a country, or a wallet, is a required party, oldest first, with their status now. */
export async function getPartyTransactions(client: Client, params: GetPartyTransactionsParameters): Promise<GetPartyTransactionsReturnType> {
  if (params.country === undefined && params.account === undefined) {
    throw new TypeError('getPartyTransactions needs a country, an account, or both.');
  }
  const country = params.country === undefined ? undefined : countryToBytes2(params.country).toLowerCase();
  const account = params.account?.toLowerCase();
  const matches = (party: OnChainParty) => {
    const named = party.account.toLowerCase();
    if (country === undefined) return named === account;
    if (party.country.toLowerCase() !== country) return false;
    return account === undefined || named === zeroAddress || named === account;
  };
  try {
    const created = await getLogsSince(client, {
      fromBlock: params.fromBlock,
      maxRange: params.maxRange,
      read: (range) => getContractEvents(client, { abi: transactionRegistryAbi, address: params.address, eventName: 'TransactionCreated', strict: true, ...range }),
    });
    const found = created.flatMap((event) => {
      const partyIndexes = event.args.parties.flatMap((party, index) => (matches(party) ? [index] : []));
      return partyIndexes.length ? [{ event, partyIndexes }] : [];
    });
    return await Promise.all(
      found.map(async ({ event, partyIndexes }) => ({
        id: event.args.id,
        creator: event.args.creator,
        parties: event.args.parties,
        partyIndexes,
        deadline: event.args.deadline,
        status: (await readContract(client, {
          abi: transactionRegistryAbi,
          address: params.address,
          functionName: 'statusOf',
          args: [event.args.id],
        })) as TransactionStatus,
      })),
    );
  } catch (error) {
    throw toLedgerError(error);
  }
}
