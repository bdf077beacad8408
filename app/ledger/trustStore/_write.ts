import type { ContractFunctionArgs, ContractFunctionName, Hash } from 'viem';
import { trustStoreAbi } from '@abi/TrustStore';
import { _writeContract, type LedgerWriteClient } from '../_writeContract';

type TrustStoreAbi = typeof trustStoreAbi;

export type WriteClient = LedgerWriteClient;

/** A TrustStore transaction, simulated first so that a refusal names the contract's custom error. */
export function _writeTrustStore<const name extends ContractFunctionName<TrustStoreAbi, 'nonpayable'>>(
  client: WriteClient,
  address: `0x${string}`,
  functionName: name,
  args: ContractFunctionArgs<TrustStoreAbi, 'nonpayable', name>,
): Promise<{ hash: Hash; result: unknown }> {
  return _writeContract(client, trustStoreAbi, address, functionName, args);
}
