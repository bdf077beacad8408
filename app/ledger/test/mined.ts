// Test and bench support (no Vitest import: the bench scripts use it too).
import type { Client, Hex, TransactionReceipt } from 'viem';
import { waitForTransactionReceipt } from 'viem/actions';

/** Waits for a write's receipt; a reverted transaction throws, naming its hash. */
export async function minedOn(client: Client, sent: Promise<{ readonly hash: Hex }> | { readonly hash: Hex }): Promise<TransactionReceipt> {
  const receipt = await waitForTransactionReceipt(client, { hash: (await sent).hash });
  if (receipt.status !== 'success') throw new Error(`transaction ${receipt.transactionHash} reverted`);
  return receipt;
}
