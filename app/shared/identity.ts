import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { useLedgerClient, useNetwork } from '@/config';
import { identityQueryOptions } from '@/ledger';

/** The wallet's identity in the IdentityRegistry, refreshed with the ledger's reads on new blocks. */
export function useRegisteredIdentity(account: Address | undefined) {
  const network = useNetwork();
  return useQuery(identityQueryOptions(useLedgerClient(), { chainId: network.chainId, address: network.contracts.identityRegistry, account }));
}
