import type {
  Abi,
  Account,
  Chain,
  ContractFunctionArgs,
  ContractFunctionName,
  Hash,
  SimulateContractParameters,
  SimulateContractReturnType,
  Transport,
  WalletClient,
  WriteContractParameters as ViemWriteContractParameters,
} from 'viem';
import { simulateContract, writeContract } from 'viem/actions';
import { toLedgerError } from './errors';

/** A wallet client with an account: what every write action needs. */
export type LedgerWriteClient = WalletClient<Transport, Chain | undefined, Account>;

type Mutability = 'nonpayable' | 'payable';

export type WriteContractParameters<
  abi extends Abi,
  name extends ContractFunctionName<abi, Mutability>,
  args extends ContractFunctionArgs<abi, Mutability, name>,
> = { readonly abi: abi; readonly address: `0x${string}`; readonly functionName: name; readonly args: args };

export type WriteContractReturnType<
  abi extends Abi,
  name extends ContractFunctionName<abi, Mutability>,
  args extends ContractFunctionArgs<abi, Mutability, name>,
> = {
  readonly hash: Hash;
  readonly result: SimulateContractReturnType<abi, name, args, Chain | undefined, Account, Chain | undefined, Account>['result'];
};

/**
 * Simulates, then sends, a contract transaction: a refusal surfaces as the contract's custom error
 * (a ContractRefusedError) before the wallet is asked to sign anything. `result` is what the
 * simulation returned, typed by the ABI.
 */
export async function _writeContract<
  const abi extends Abi,
  name extends ContractFunctionName<abi, Mutability>,
  const args extends ContractFunctionArgs<abi, Mutability, name>,
>(client: LedgerWriteClient, params: WriteContractParameters<abi, name, args>): Promise<WriteContractReturnType<abi, name, args>> {
  try {
    const simulation = {
      abi: params.abi,
      address: params.address,
      functionName: params.functionName,
      args: params.args,
      account: client.account,
      chain: client.chain,
    } as SimulateContractParameters<abi, name, args, Chain | undefined, Chain | undefined, Account>;
    const { request, result } = await simulateContract<Chain | undefined, Account, abi, name, args, Chain | undefined, Account>(client, simulation);
    const hash = await writeContract(
      client,
      // The simulation's request narrows the ABI to the one function; the parameters are the same.
      request as ViemWriteContractParameters<abi, name, args, Chain | undefined, Account, Chain | undefined>,
    );
    return { hash, result };
  } catch (error) {
    throw toLedgerError(error);
  }
}

/** A contract transaction whose answer is its hash alone (the simulation's result is not part of it). */
export async function _sendContract<
  const abi extends Abi,
  name extends ContractFunctionName<abi, Mutability>,
  const args extends ContractFunctionArgs<abi, Mutability, name>,
>(client: LedgerWriteClient, params: WriteContractParameters<abi, name, args>): Promise<{ readonly hash: Hash }> {
  const { hash } = await _writeContract(client, params);
  return { hash };
}

/** Events of one contract, oldest first (block, then log index). */
export function _byChainOrder<T extends { blockNumber: bigint | null; logIndex: number | null }>(events: T[]): T[] {
  return events.sort((a, b) =>
    a.blockNumber === b.blockNumber ? (a.logIndex ?? 0) - (b.logIndex ?? 0) : Number((a.blockNumber ?? 0n) - (b.blockNumber ?? 0n)),
  );
}
