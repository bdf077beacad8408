import type { Address, Client, Hex } from 'viem';
import { transactionRegistryAbi } from '@abi/TransactionRegistry';
import { _readContract } from '../_readContract';
import type { TransactionRegistryParameters } from './types';

export type GetSignDigestParameters = TransactionRegistryParameters & {
  readonly id: bigint;
  /** The party (seat) signed for. */
  readonly partyIndex: number;
  /** The wallet that will submit the signature. */
  readonly account: Address;
};
export type GetSignDigestReturnType = Hex;

/**
 * The EIP-712 digest the account's identity signs for party `partyIndex` of transaction `id` now, as the contract computes
 * it (`digestOf`). The browser computes the same digest itself from {@link getSignTypedData}.
 */
export async function getSignDigest(client: Client, params: GetSignDigestParameters): Promise<GetSignDigestReturnType> {
  return _readContract(client, { abi: transactionRegistryAbi, address: params.address, functionName: 'digestOf', args: [params.id, BigInt(params.partyIndex), params.account] });
}
