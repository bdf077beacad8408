import type { Abi, Account, Address, Chain, DeployContractParameters, Hash } from 'viem';
import { deployContract, waitForTransactionReceipt } from 'viem/actions';
import type { LedgerWriteClient } from './_writeContract';
import { LedgerError, toLedgerError } from './errors';

export type DeployedContract = { readonly hash: Hash; readonly address: Address; readonly blockNumber: bigint };

type ViemDeployParameters<abi extends Abi> = DeployContractParameters<abi, Chain | undefined, Account, Chain | undefined>;

/** Deploys a contract and waits until it is mined; a revert (or no address) is a LedgerError naming `contract`. */
export async function _deployContract<const abi extends Abi>(
  client: LedgerWriteClient,
  contract: string,
  params: ViemDeployParameters<abi>,
): Promise<DeployedContract> {
  try {
    const hash = await deployContract(client, params);
    const receipt = await waitForTransactionReceipt(client, { hash });
    if (receipt.status !== 'success' || !receipt.contractAddress) {
      throw new LedgerError(`The ${contract} deployment reverted.`, { details: hash, messageKey: 'ledger.deployFailed' });
    }
    return { hash, address: receipt.contractAddress, blockNumber: receipt.blockNumber };
  } catch (error) {
    throw toLedgerError(error);
  }
}
