import type { Abi, Account, Chain, ContractFunctionArgs, ContractFunctionName, Hash, Transport, WalletClient } from 'viem';
import { simulateContract, writeContract } from 'viem/actions';
import { toLedgerError } from './errors';

/** A wallet client with an account: what every write action needs. */
export type LedgerWriteClient = WalletClient<Transport, Chain | undefined, Account>;

/**
 * Simulates, then sends, a contract transaction: a refusal surfaces as the contract's custom error
 * (a ContractRefusedError) before the wallet is asked to sign anything.
 */
export async function _writeContract<const abi extends Abi, const name extends ContractFunctionName<abi, 'nonpayable'>>(
  client: LedgerWriteClient,
  abi: abi,
  address: `0x${string}`,
  functionName: name,
  args: ContractFunctionArgs<abi, 'nonpayable', name>,
): Promise<{ hash: Hash; result: unknown }> {
  try {
    const { request, result } = await simulateContract(client, {
      abi,
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

/** Events of one contract, oldest first (block, then log index). */
export function _byChainOrder<T extends { blockNumber: bigint | null; logIndex: number | null }>(events: T[]): T[] {
  return events.sort((a, b) =>
    a.blockNumber === b.blockNumber ? (a.logIndex ?? 0) - (b.logIndex ?? 0) : Number((a.blockNumber ?? 0n) - (b.blockNumber ?? 0n)),
  );
}
