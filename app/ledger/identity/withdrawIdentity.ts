import type { Hash } from 'viem';
import { identityRegistryAbi } from '@abi/IdentityRegistry';
import { _sendContract, type LedgerWriteClient } from '../_writeContract';
import type { IdentityRegistryParameters } from './types';

export type WithdrawIdentityParameters = IdentityRegistryParameters;
export type WithdrawIdentityReturnType = { readonly hash: Hash };

/** Removes the caller's identity and frees its certificate for another wallet. */
export async function withdrawIdentity(client: LedgerWriteClient, params: WithdrawIdentityParameters): Promise<WithdrawIdentityReturnType> {
  return _sendContract(client, { abi: identityRegistryAbi, address: params.address, functionName: 'withdraw', args: [] });
}
