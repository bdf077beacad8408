import { zeroAddress, type Client } from 'viem';
import { transactionRegistryAbi } from '@abi/TransactionRegistry';
import { _readContract } from '../_readContract';
import type { PartySignature, TransactionRegistryParameters } from './types';

export type GetPartySignatureParameters = TransactionRegistryParameters & { readonly id: bigint; readonly partyIndex: number };
/** Who signed the party and with which certificate, or undefined while it is unsigned. */
export type GetPartySignatureReturnType = PartySignature | undefined;

export async function getPartySignature(client: Client, params: GetPartySignatureParameters): Promise<GetPartySignatureReturnType> {
  const signature = await _readContract(client, { abi: transactionRegistryAbi, address: params.address, functionName: 'signatureOf', args: [params.id, BigInt(params.partyIndex)] });
  return signature.account === zeroAddress ? undefined : signature;
}
