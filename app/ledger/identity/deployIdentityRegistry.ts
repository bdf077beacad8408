import type { Address, Hash } from 'viem';
import { deployContract, waitForTransactionReceipt } from 'viem/actions';
import { identityRegistryAbi, identityRegistryBytecode } from '@abi/IdentityRegistry';
import type { LedgerWriteClient } from '../_writeContract';
import { LedgerError, toLedgerError } from '../errors';

export type DeployIdentityRegistryParameters = {
  /** The TrustStore whose anchors, suspensions and revocations the registry checks paths against. */
  readonly trustStore: Address;
};

export type DeployIdentityRegistryReturnType = { readonly hash: Hash; readonly address: Address; readonly blockNumber: bigint };

/** Deploys an IdentityRegistry bound to a TrustStore and waits until it is mined. */
export async function deployIdentityRegistry(
  client: LedgerWriteClient,
  params: DeployIdentityRegistryParameters,
): Promise<DeployIdentityRegistryReturnType> {
  try {
    const hash = await deployContract(client, {
      abi: identityRegistryAbi,
      bytecode: identityRegistryBytecode,
      account: client.account,
      chain: client.chain,
      args: [params.trustStore],
    });
    const receipt = await waitForTransactionReceipt(client, { hash });
    if (receipt.status !== 'success' || !receipt.contractAddress) {
      throw new LedgerError('The IdentityRegistry deployment reverted.', { details: hash, messageKey: 'ledger.deployFailed' });
    }
    return { hash, address: receipt.contractAddress, blockNumber: receipt.blockNumber };
  } catch (error) {
    throw toLedgerError(error);
  }
}
