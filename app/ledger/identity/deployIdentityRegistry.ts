import type { Address } from 'viem';
import { identityRegistryAbi, identityRegistryBytecode } from '@abi/IdentityRegistry';
import { _deployContract, type DeployedContract } from '../_deployContract';
import type { LedgerWriteClient } from '../_writeContract';

export type DeployIdentityRegistryParameters = {
  /** The TrustStore whose anchors, suspensions and revocations the registry checks paths against. */
  readonly trustStore: Address;
};

export type DeployIdentityRegistryReturnType = DeployedContract;

/** Deploys an IdentityRegistry bound to a TrustStore and waits until it is mined. */
export async function deployIdentityRegistry(client: LedgerWriteClient, params: DeployIdentityRegistryParameters): Promise<DeployIdentityRegistryReturnType> {
  return _deployContract(client, 'IdentityRegistry', { abi: identityRegistryAbi, bytecode: identityRegistryBytecode, args: [params.trustStore] });
}
