import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Address } from 'viem';
import { useLedgerClient, useNetwork } from '@/config';
import { anchorsQueryOptions, checkPath, getRevocation, identityQueryOptions, trustStoreKeys } from '@/ledger';
import { certificateView, type CertificateView } from '@/pki';
import type { CertificateSigner } from '@/signers';
import { holderName } from './present';
import { assessIdentity } from './verdict';
import { markVerdictEnd } from './verdictTiming';

/** The wallet's identity in the IdentityRegistry, refreshed with the ledger's reads on new blocks. */
export function useRegisteredIdentity(account: Address | undefined) {
  const network = useNetwork();
  return useQuery(identityQueryOptions(useLedgerClient(), { chainId: network.chainId, address: network.contracts.identityRegistry, account }));
}

/** Path + Trust Store verdict of a certificate, refreshed with the Trust Store's reads on new blocks. */
export function useIdentityVerdict(signer: CertificateSigner | undefined) {
  const network = useNetwork();
  const client = useLedgerClient();
  const queryClient = useQueryClient();
  const address = network.contracts.trustStore;
  const anchorsQuery = anchorsQueryOptions(client, { chainId: network.chainId, address });
  return useQuery({
    queryKey: [...trustStoreKeys(network.chainId, address), 'identityVerdict', signer?.id],
    enabled: signer !== undefined,
    staleTime: 0,
    queryFn: async () => {
      if (!signer) throw new Error('no signer');
      // The anchors do not depend on the certificate: the page reads them while the person chooses one
      // (useAllAnchors), and a block that changes the Trust Store invalidates them, so this waits for the new read.
      const anchors = await queryClient.fetchQuery({ ...anchorsQuery, staleTime: Infinity });
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

/** A certificate as a person reads it, computed once per certificate. */
export function useCertificateView(der: Uint8Array, key: string) {
  return useQuery<CertificateView>({ queryKey: ['certificateView', key], queryFn: () => certificateView(der), staleTime: Infinity });
}

/** The holder's name of a chosen certificate, for buttons and sentences ("Sign as MARIA DA SILVA"). */
export function useHolderName(signer: CertificateSigner): string | undefined {
  const view = useCertificateView(signer.certificate, signer.id);
  return view.data ? holderName(view.data) : undefined;
}
