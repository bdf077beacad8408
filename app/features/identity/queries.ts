import { useQuery } from '@tanstack/react-query';
import { useNetwork } from '@/config';
import { listDemoIdentities } from '@/signers';

/** The demo identities served beside network.json on the embedded network. */
export function useDemoIdentities() {
  const network = useNetwork();
  return useQuery({
    queryKey: ['demoIdentities', network.chainId],
    queryFn: () => listDemoIdentities(),
    enabled: network.embedded === true,
    staleTime: Infinity,
  });
}
