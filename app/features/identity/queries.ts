import { useQuery } from '@tanstack/react-query';
import { useLedgerClient, useNetwork } from '@/config';
import { checkPath, getAnchors, getRevocation, trustStoreKeys } from '@/ledger';
import { listDemoIdentities, type CertificateSigner } from '@/signers';
import { markVerdictEnd } from './verdictTiming';
import { assessIdentity } from '@/shared';

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

/** Path + Trust Store verdict of a certificate, refreshed with the Trust Store's reads on new blocks. */
export function useIdentityVerdict(signer: CertificateSigner | undefined) {
  const network = useNetwork();
  const client = useLedgerClient();
  const address = network.contracts.trustStore;
  return useQuery({
    queryKey: [...trustStoreKeys(network.chainId, address), 'identityVerdict', signer?.id],
    enabled: signer !== undefined,
    staleTime: 0,
    queryFn: async () => {
      if (!signer) throw new Error('no signer');
      const anchors = await getAnchors(client, { address, offset: 0n, limit: 500n });
      const result = await assessIdentity({
        certificate: signer.certificate,
        chain: signer.chain,
        anchors,
        revocationOf: (anchorHash, certificateHash) => getRevocation(client, { address, anchorHash, certificateHash }),
        checkPath: (certificateHashes, atTime) => checkPath(client, { address, certificateHashes, atTime }),
        relayUrl: network.relayUrl,
      });
      markVerdictEnd();
      return result;
    },
  });
}
