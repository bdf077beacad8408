import type { Address, Client, Hex } from 'viem';
import { contractKeys, type LedgerQueryOptions } from '../queryKeys';
import { getLatestHeader, type ProvenHeader } from './getLatestHeader';

export const lightClientKeys = (chainId: number, address: Address) => contractKeys(chainId, 'lightClient', address);

/** The last proven header of a peer ledger, refreshed with every new block of this ledger. */
export const latestHeaderQueryOptions = (
  client: Client,
  params: { readonly chainId: number; readonly address: Address; readonly ledgerId: Hex },
): LedgerQueryOptions<readonly [...ReturnType<typeof lightClientKeys>, 'latestHeader', Hex], ProvenHeader> => ({
  queryKey: [...lightClientKeys(params.chainId, params.address), 'latestHeader', params.ledgerId],
  queryFn: () => getLatestHeader(client, params),
  enabled: true,
});
