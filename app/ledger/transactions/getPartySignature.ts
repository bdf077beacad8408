import { zeroAddress, type Client } from 'viem';
import { readContract } from 'viem/actions';
import { transactionRegistryAbi } from '@abi/TransactionRegistry';
import { toLedgerError } from '../errors';
import type { PartySignature, TransactionRegistryParameters } from './types';

export type GetPartySignatureParameters = TransactionRegistryParameters & { readonly id: bigint; readonly partyIndex: number };
/** Who signed the party and with which certificate, or undefined while it is unsigned. */
export type GetPartySignatureReturnType = PartySignature | undefined;

export async function getPartySignature(client: Client, params: GetPartySignatureParameters): Promise<GetPartySignatureReturnType> {
  try {
    const signature = await readContract(client, {
      abi: transactionRegistryAbi,
      address: params.address,
      functionName: 'signatureOf',
      args: [params.id, BigInt(params.partyIndex)],
    });
    return signature.account === zeroAddress ? undefined : signature;
  } catch (error) {
    throw toLedgerError(error);
  }
}
