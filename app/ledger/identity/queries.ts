import type { Address, Client } from 'viem';
import { contractKeys, type LedgerQueryOptions } from '../queryKeys';
import { getIdentity } from './getIdentity';

/** Which IdentityRegistry, on which ledger (none on a network without one). */
export type IdentityRegistryQueryParameters = { readonly chainId: number; readonly address: Address | undefined };

/** Every read of one IdentityRegistry lives under this key. */
export const identityRegistryKeys = (chainId: number, address: Address | undefined) => contractKeys(chainId, 'identityRegistry', address);

/** The identity a wallet is bound to (null: none yet, a success, not an error). */
export function identityQueryOptions(client: Client, params: IdentityRegistryQueryParameters & { readonly account: Address | undefined }) {
  const { address, account } = params;
  return {
    queryKey: [...identityRegistryKeys(params.chainId, address), 'identityOf', account],
    queryFn: () => getIdentity(client, { address: address!, account: account! }),
    enabled: address !== undefined && account !== undefined,
  } satisfies LedgerQueryOptions<readonly unknown[], unknown>;
}
