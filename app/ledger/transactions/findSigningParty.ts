import { zeroAddress, type Address, type Client } from 'viem';
import { readContract } from 'viem/actions';
import { identityRegistryAbi } from '@abi/IdentityRegistry';
import { transactionRegistryAbi } from '@abi/TransactionRegistry';
import { toLedgerError } from '../errors';
import type { TransactionRegistryParameters } from './types';

export type FindSigningPartyParameters = TransactionRegistryParameters & { readonly id: bigint; readonly account: Address };
/** The first party the account can sign now, or undefined (no identity, wrong country, all signed). */
export type FindSigningPartyReturnType = number | undefined;

/**
 * Which party of transaction `id` the wallet would sign, by the contract's rules: the party's country
 * is the wallet identity's, it names no wallet or this one, it is unsigned, and this identity has
 * signed no other party of the transaction.
 */
export async function findSigningParty(client: Client, params: FindSigningPartyParameters): Promise<FindSigningPartyReturnType> {
  try {
    const base = { abi: transactionRegistryAbi, address: params.address } as const;
    const [transaction, identityRegistry] = await Promise.all([
      readContract(client, { ...base, functionName: 'transaction', args: [params.id] }),
      readContract(client, { ...base, functionName: 'identityRegistry' }),
    ]);
    const identity = await readContract(client, { abi: identityRegistryAbi, address: identityRegistry, functionName: 'identityOf', args: [params.account] });
    if (transaction.creator === zeroAddress || identity.certificateHash === `0x${'0'.repeat(64)}`) return undefined;
    const signatures = await Promise.all(
      transaction.parties.map((_, index) => readContract(client, { ...base, functionName: 'signatureOf', args: [params.id, BigInt(index)] })),
    );
    if (signatures.some((s) => s.certificateHash === identity.certificateHash)) return undefined;
    const account = params.account.toLowerCase();
    const index = transaction.parties.findIndex(
      (party, i) =>
        party.country === identity.country &&
        (party.account === zeroAddress || party.account.toLowerCase() === account) &&
        signatures[i]!.account === zeroAddress,
    );
    return index < 0 ? undefined : index;
  } catch (error) {
    throw toLedgerError(error);
  }
}
