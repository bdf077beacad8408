import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Hash } from 'viem';
import { waitForTransactionReceipt } from 'viem/actions';
import { useLedgerClient, useNetwork, useWriteClient } from '@/config';
import { LedgerError, toLedgerError, type WriteClient } from '@/ledger';
import { trustStoreKey } from '@/features/trust-store';

/** Sends one governance transaction with the connected wallet, waits until mined, refreshes the reads. */
export function useGovernanceAction<P>(action: (client: WriteClient, params: P) => Promise<{ hash: Hash }>) {
  const network = useNetwork();
  const reader = useLedgerClient();
  const writer = useWriteClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (params: P) => {
      if (!writer) throw new LedgerError('No wallet is connected.', { messageKey: 'wallet.required' });
      try {
        const { hash } = await action(writer, params);
        const receipt = await waitForTransactionReceipt(reader, { hash });
        if (receipt.status !== 'success') throw new LedgerError('The transaction reverted.', { details: hash, messageKey: 'ledger.reverted' });
        return receipt;
      } catch (error) {
        throw toLedgerError(error);
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: trustStoreKey(network.chainId, network.contracts.trustStore) }),
  });
}
