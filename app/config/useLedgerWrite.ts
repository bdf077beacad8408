import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useConfig } from 'wagmi';
import { getConnectorClient, switchChain } from 'wagmi/actions';
import type { Client, Hash } from 'viem';
import {
  LedgerError,
  ledgerKeys,
  writeAndWait,
  type LedgerWriteAction,
  type LedgerWriteClient,
  type WriteAndWaitReturnType,
} from '@/ledger';
import { useNetwork } from './NetworkContext';
import { useLedgerClient } from './useLedgerClient';
import { useWriteClient } from './useWriteClient';

export type LedgerWriteContext = { readonly reader: Client; readonly writer: LedgerWriteClient };

export type UseLedgerWriteOptions<input, params, result extends { readonly hash: Hash }, data> = {
  /** The query keys to refresh once the write settled; default: every read of this ledger. */
  readonly invalidates?: readonly QueryKey[];
  /**
   * Turns the mutation's input into the action's parameters before anything is sent (e.g. the token
   * signs first); its errors reach the caller as thrown.
   */
  readonly prepare?: (input: input, context: LedgerWriteContext) => Promise<params>;
  /** The wallet sent the transaction; it is not mined yet. */
  readonly onSent?: (hash: Hash) => void;
  /** Runs after the transaction was mined successfully (e.g. a read of the new state); its value is the mutation's data. */
  readonly confirm?: (mined: WriteAndWaitReturnType<result>, params: params, context: LedgerWriteContext) => Promise<data>;
  /** A write starts (e.g. reset the steps shown). */
  readonly onMutate?: () => void;
  /** The write succeeded or failed (before the reads are refreshed). */
  readonly onSettled?: () => void;
};

/**
 * The one ledger write of the app: [prepare], send with `action` through the connected wallet, wait
 * until mined, throw a typed LedgerError on a refusal, a revert or a rejection, [confirm], and refresh
 * the reads it `invalidates`.
 */
export function useLedgerWrite<params, result extends { readonly hash: Hash }, input = params, data = WriteAndWaitReturnType<result>>(
  action: LedgerWriteAction<params, result>,
  options: UseLedgerWriteOptions<input, params, result, data> = {},
) {
  const network = useNetwork();
  const reader = useLedgerClient();
  const connected = useWriteClient();
  const config = useConfig();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: input): Promise<data> => {
      if (!connected) throw new LedgerError('No wallet is connected.', { messageKey: 'wallet.required' });
      // With several ledgers the wallet may be on another one: it is asked to switch first.
      let writer = connected;
      if (connected.chain.id !== network.chainId) {
        await switchChain(config, { chainId: network.chainId });
        writer = (await getConnectorClient(config, { chainId: network.chainId })) as typeof connected;
      }
      const context = { reader, writer };
      const params = options.prepare ? await options.prepare(input, context) : (input as unknown as params);
      const mined = await writeAndWait(reader, { writer, action, params, onSent: options.onSent });
      return options.confirm ? options.confirm(mined, params, context) : (mined as unknown as data);
    },
    onMutate: () => options.onMutate?.(),
    onSettled: () => {
      options.onSettled?.();
      return Promise.all((options.invalidates ?? [ledgerKeys(network.chainId)]).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}
