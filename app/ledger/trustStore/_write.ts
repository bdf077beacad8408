import type { Account, Chain, ContractFunctionArgs, ContractFunctionName, Hash, Transport, WalletClient } from 'viem';
import { simulateContract, writeContract } from 'viem/actions';
import { trustStoreAbi } from '@abi/TrustStore';
import { toLedgerError } from '../errors';

type TrustStoreAbi = typeof trustStoreAbi;
type WriteName = ContractFunctionName<TrustStoreAbi, 'nonpayable'>;

export type WriteClient = WalletClient<Transport, Chain | undefined, Account>;

/**
 * Simulates, then sends, a TrustStore transaction: a refusal surfaces as the contract's custom error
 * before the wallet is asked to sign anything.
 */
export async function _writeTrustStore<const name extends WriteName>(
  client: WriteClient,
  address: `0x${string}`,
  functionName: name,
  args: ContractFunctionArgs<TrustStoreAbi, 'nonpayable', name>,
): Promise<{ hash: Hash; result: unknown }> {
  try {
    const { request, result } = await simulateContract(client, {
      abi: trustStoreAbi,
      address,
      functionName,
      args,
      account: client.account,
      chain: client.chain,
    } as never);
    const hash = await writeContract(client, request as never);
    return { hash, result };
  } catch (error) {
    throw toLedgerError(error);
  }
}
