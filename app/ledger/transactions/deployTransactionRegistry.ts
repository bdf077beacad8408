import type { Address } from 'viem';
import { transactionRegistryAbi, transactionRegistryBytecode } from '@abi/TransactionRegistry';
import { _deployContract, type DeployedContract } from '../_deployContract';
import type { LedgerWriteClient } from '../_writeContract';

export type DeployTransactionRegistryParameters = {
  /** The IdentityRegistry whose identities sign; its TrustStore is read from it. */
  readonly identityRegistry: Address;
};

export type DeployTransactionRegistryReturnType = DeployedContract;

/** Deploys a TransactionRegistry over an IdentityRegistry and waits until it is mined. */
export async function deployTransactionRegistry(client: LedgerWriteClient, params: DeployTransactionRegistryParameters): Promise<DeployTransactionRegistryReturnType> {
  return _deployContract(client, 'TransactionRegistry', { abi: transactionRegistryAbi, bytecode: transactionRegistryBytecode, args: [params.identityRegistry] });
}
