import type { Address } from 'viem';
import { trustStoreAbi, trustStoreBytecode } from '@abi/TrustStore';
import { _deployContract, type DeployedContract } from '../_deployContract';
import { countryToBytes2 } from '../countries';
import type { WriteClient } from './_write';

export type InitialMember = { readonly account: Address; readonly country: string; readonly name: string };

export type DeployTrustStoreParameters = {
  readonly members: readonly InitialMember[];
  /** Approvals a proposal needs; 0 (the default) = a strict majority of active members. */
  readonly threshold?: number;
  /** Seconds a proposal stays open. Default: 7 days. */
  readonly votingPeriod?: bigint;
};

export type DeployTrustStoreReturnType = DeployedContract;

/** Deploys a TrustStore with its first members and waits until it is mined. */
export async function deployTrustStore(client: WriteClient, params: DeployTrustStoreParameters): Promise<DeployTrustStoreReturnType> {
  return _deployContract(client, 'TrustStore', {
    abi: trustStoreAbi,
    bytecode: trustStoreBytecode,
    args: [
      params.members.map((m) => ({ account: m.account, country: countryToBytes2(m.country), name: m.name, active: true })),
      params.threshold ?? 0,
      params.votingPeriod ?? 7n * 24n * 3600n,
    ],
  });
}
