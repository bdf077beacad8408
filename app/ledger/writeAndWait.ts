import type { Client, Hash, TransactionReceipt } from 'viem';
import { waitForTransactionReceipt } from 'viem/actions';
import type { LedgerWriteClient } from './_writeContract';
import { LedgerError, toLedgerError } from './errors';

/** The transaction was mined but reverted (a refusal the simulation did not foresee). */
export class TransactionRevertedError extends LedgerError {
  override name = 'TransactionRevertedError';
  readonly hash: Hash;
  readonly receipt: TransactionReceipt;
  constructor(receipt: TransactionReceipt) {
    super('The transaction reverted.', { details: receipt.transactionHash, messageKey: 'ledger.reverted' });
    this.hash = receipt.transactionHash;
    this.receipt = receipt;
  }
}

/** A write action of this folder: `fn(walletClient, params)` resolving to at least the transaction hash. */
export type LedgerWriteAction<params, result extends { readonly hash: Hash }> = (client: LedgerWriteClient, params: params) => Promise<result>;

export type WriteAndWaitParameters<params, result extends { readonly hash: Hash }> = {
  /** The wallet that sends. */
  readonly writer: LedgerWriteClient;
  readonly action: LedgerWriteAction<params, result>;
  readonly params: params;
  /** Called once the wallet sent the transaction, before it is mined. */
  readonly onSent?: (hash: Hash) => void;
};

export type WriteAndWaitReturnType<result> = result & { readonly receipt: TransactionReceipt };

/**
 * The one ledger write: sends with `action` through the wallet, waits for the receipt with `client`
 * (the reader), and throws a TransactionRevertedError if it reverted. Every failure is a LedgerError
 * (a refusal, a rejection by the wallet, an unreachable node).
 */
export async function writeAndWait<params, result extends { readonly hash: Hash }>(
  client: Client,
  { writer, action, params, onSent }: WriteAndWaitParameters<params, result>,
): Promise<WriteAndWaitReturnType<result>> {
  try {
    const sent = await action(writer, params);
    onSent?.(sent.hash);
    const receipt = await waitForTransactionReceipt(client, { hash: sent.hash });
    if (receipt.status !== 'success') throw new TransactionRevertedError(receipt);
    return { ...sent, receipt };
  } catch (error) {
    throw toLedgerError(error);
  }
}
