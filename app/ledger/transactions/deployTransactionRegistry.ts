import type { Address, Hash } from 'viem';
import { deployContract, waitForTransactionReceipt } from 'viem/actions';
import { transactionRegistryAbi, transactionRegistryBytecode } from '@abi/TransactionRegistry';
import type { LedgerWriteClient } from '../_writeContract';
import { LedgerError, toLedgerError } from '../errors';

export type DeployTransactionRegistryParameters = {
  /** The IdentityRegistry whose identities sign; its TrustStore is read from it. */
  readonly identityRegistry: Address;
};

export type DeployTransactionRegistryReturnType = { readonly hash: Hash; readonly address: Address; readonly blockNumber: bigint };

/** Deploys a TransactionRegistry over an IdentityRegistry and waits until it is mined. */
export async function deployTransactionRegistry(
  client: LedgerWriteClient,
  params: DeployTransactionRegistryParameters,
): Promise<DeployTransactionRegistryReturnType> {
  try {
    const hash = await deployContract(client, {
      abi: transactionRegistryAbi,
      bytecode: transactionRegistryBytecode,
      account: client.account,
      chain: client.chain,
      args: [params.identityRegistry],
    });
    const receipt = await waitForTransactionReceipt(client, { hash });
    if (receipt.status !== 'success' || !receipt.contractAddress) {
      throw new LedgerError('The TransactionRegistry deployment reverted.', { details: hash, messageKey: 'ledger.deployFailed' });
    }
    return { hash, address: receipt.contractAddress, blockNumber: receipt.blockNumber };
  } catch (error) {
    throw toLedgerError(error);
  }
}
