import type { Abi, Account, Address, Chain, ContractConstructorArgs, DeployContractParameters, Hash, Hex } from 'viem';
import { deployContract, waitForTransactionReceipt } from 'viem/actions';
import type { LedgerWriteClient } from './_writeContract';
import { LedgerError, toLedgerError } from './errors';

export type DeployedContract = { readonly hash: Hash; readonly address: Address; readonly blockNumber: bigint };

type ViemDeployParameters<abi extends Abi> = DeployContractParameters<abi, Chain | undefined, Account, Chain | undefined>;

/** What a deployment names: the contract's ABI, bytecode and constructor arguments (the client's account and chain send it). */
type DeployParameters<abi extends Abi> = { readonly abi: abi; readonly bytecode: Hex; readonly args: ContractConstructorArgs<abi> & readonly unknown[] };

/**
 * Deploys a contract from the client's account on its chain and waits until it is mined; a revert (or
 * no address) is a LedgerError naming `contract`.
 */
export async function _deployContract<const abi extends Abi>(
  client: LedgerWriteClient,
  contract: string,
  params: DeployParameters<abi>,
): Promise<DeployedContract> {
  try {
    // Typed by the ABI above; sent as any ABI (viem's generic form cannot be narrowed from a generic here).
    const request: ViemDeployParameters<Abi> = { abi: params.abi, bytecode: params.bytecode, args: params.args, account: client.account, chain: client.chain };
    const hash = await deployContract(client, request);
    const receipt = await waitForTransactionReceipt(client, { hash });
    if (receipt.status !== 'success' || !receipt.contractAddress) {
      throw new LedgerError(`The ${contract} deployment reverted.`, { details: hash, messageKey: 'ledger.deployFailed' });
    }
    return { hash, address: receipt.contractAddress, blockNumber: receipt.blockNumber };
  } catch (error) {
    throw toLedgerError(error);
  }
}
