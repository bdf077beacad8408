import type { Address, Client, Hex } from 'viem';
import { getChainId, readContract } from 'viem/actions';
import { identityRegistryAbi } from '@abi/IdentityRegistry';
import { transactionRegistryAbi } from '@abi/TransactionRegistry';
import { LedgerError, toLedgerError } from '../errors';
import { signDigestOf, signTypedDataOf, type SignTypedData } from './typedData';
import type { TransactionRegistryParameters } from './types';

export type GetSignTypedDataParameters = TransactionRegistryParameters & {
  readonly id: bigint;
  /** The party (seat) signed for. */
  readonly partyIndex: number;
  /** The signer's wallet; it, its bound identity (certificate) and its key's nonce go into the data. */
  readonly account: Address;
};

export type GetSignTypedDataReturnType = {
  readonly typedData: SignTypedData;
  /** hashTypedData(typedData), computed here, not asked of the contract. */
  readonly digest: Hex;
  /** SHA-256 of the signer certificate's tbsCertificate. */
  readonly certificateHash: Hex;
  /** SHA-256 of the signer key's SubjectPublicKeyInfo. */
  readonly keyHash: Hex;
  readonly nonce: bigint;
};

const ZERO_HASH = `0x${'0'.repeat(64)}`;

/**
 * Reads what a party signs for transaction `id` (terms, payload hash, deadline, the account's
 * identity and nonce) and builds the EIP-712 typed data and digest in the browser, so the user sees
 * exactly the data the digest commits to.
 */
export async function getSignTypedData(client: Client, params: GetSignTypedDataParameters): Promise<GetSignTypedDataReturnType> {
  try {
    const base = { abi: transactionRegistryAbi, address: params.address } as const;
    const [chainId, transaction, identityRegistry] = await Promise.all([
      getChainId(client),
      readContract(client, { ...base, functionName: 'transaction', args: [params.id] }),
      readContract(client, { ...base, functionName: 'identityRegistry' }),
    ]);
    if (transaction.creator === '0x0000000000000000000000000000000000000000') {
      throw new LedgerError('No transaction has this id.', { details: String(params.id), messageKey: 'ledger.unknownTransaction' });
    }
    const identity = await readContract(client, {
      abi: identityRegistryAbi,
      address: identityRegistry,
      functionName: 'identityOf',
      args: [params.account],
    });
    if (identity.certificateHash === ZERO_HASH) {
      throw new LedgerError('This wallet has no registered identity.', { details: params.account, messageKey: 'ledger.noIdentity' });
    }
    const nonce = await readContract(client, { ...base, functionName: 'nonceOf', args: [identity.keyHash] });
    const typedData = signTypedDataOf({
      chainId,
      verifyingContract: params.address,
      transactionId: params.id,
      partyIndex: BigInt(params.partyIndex),
      wallet: params.account,
      transaction,
      identity: identity.certificateHash,
      nonce,
    });
    return { typedData, digest: signDigestOf(typedData), certificateHash: identity.certificateHash, keyHash: identity.keyHash, nonce };
  } catch (error) {
    throw toLedgerError(error);
  }
}
