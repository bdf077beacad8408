import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Address } from 'viem';
import { useLedgerClient, useNetwork } from '@/config';
import { anchorsQueryOptions, checkPath, getRevocation, identityQueryOptions, peerTrustKeys, routedAnchorsQueryOptions, trustStoreKeys } from '@/ledger';
import { certificateView, type CertificateView } from '@/pki';
import type { CertificateSigner } from '@/signers';
import { holderName } from './present';
import { routesOf, useAgreements, useLatestBlockNumber, useLedgerName, usePeerTrustAddress } from './peers';
import { assessIdentity, assessRoute, type AssessIdentityParameters } from './verdict';
import { markVerdictEnd } from './verdictTiming';

/** The wallet's identity in the IdentityRegistry, refreshed with the ledger's reads on new blocks. */
export function useRegisteredIdentity(account: Address | undefined) {
  const network = useNetwork();
  return useQuery(identityQueryOptions(useLedgerClient(), { chainId: network.chainId, address: network.contracts.identityRegistry, account }));
}

/**
 * The trust routes a verdict weighs, read from the ledger's PeerTrust. They do not depend on the
 * certificate: a page calls this while the person chooses one (as it reads the anchors), so the verdict
 * does not wait for the peering reads after the choice. A ledger without a PeerTrust (older deployments)
 * or whose routes cannot be read judges by its Trust Store alone (`routesSettled` without `routes`).
 */
export function useVerdictRoutes() {
  const network = useNetwork();
  const client = useLedgerClient();
  const nameOf = useLedgerName();
  const peerTrust = usePeerTrustAddress();
  const agreements = useAgreements();
  const syncs = agreements.data?.map((a) => `${a.ledgerId}:${a.active}:${a.provenNumber}`).join(',');
  const routedOptions = routedAnchorsQueryOptions(client, { chainId: network.chainId, address: peerTrust.data, fromBlock: network.fromBlock, maxRange: network.logRange, syncs });
  const routed = useQuery({
    ...routedOptions,
    placeholderData: (previous, query) => (query && JSON.stringify(query.queryKey.slice(0, -1)) === JSON.stringify(routedOptions.queryKey.slice(0, -1)) ? previous : undefined),
  });
  const routesSettled = peerTrust.isError || routed.isError || routed.data !== undefined;
  const routes: AssessIdentityParameters['routes'] = peerTrust.data && routed.data ? routesOf(client, { peerTrust: peerTrust.data, anchors: routed.data, nameOf }) : undefined;
  return { peerTrust, routed, routes, routesSettled };
}

/**
 * Path + Trust Store verdict of a certificate, refreshed with the Trust Store's reads on new blocks. An
 * anchor this ledger knows only by route (issue 15) is judged as the registries judge it, and its route
 * is asked again at every new block: a route goes stale with the ledger's time alone, without any event.
 */
export function useIdentityVerdict(signer: CertificateSigner | undefined) {
  const network = useNetwork();
  const client = useLedgerClient();
  const queryClient = useQueryClient();
  const address = network.contracts.trustStore;
  const anchorsQuery = anchorsQueryOptions(client, { chainId: network.chainId, address });
  const atBlock = useLatestBlockNumber();
  const { peerTrust, routed, routes, routesSettled } = useVerdictRoutes();
  const assessment = useQuery({
    queryKey: [...trustStoreKeys(network.chainId, address), 'identityVerdict', signer?.id, routed.data?.map((a) => a.hash).join(',')],
    enabled: signer !== undefined && routesSettled,
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
        ...(routes ? { routes } : {}),
      });
      markVerdictEnd();
      return result;
    },
  });
  const verdict = assessment.data?.verdict;
  const byRoute = verdict !== undefined && 'route' in verdict && verdict.route !== undefined;
  const hashes = assessment.data?.certificateHashes ?? [];
  const recheck = useQuery({
    queryKey: [...peerTrustKeys(network.chainId, peerTrust.data), 'routeCheck', hashes.join(','), atBlock?.toString()],
    enabled: byRoute && routes !== undefined && atBlock !== undefined,
    queryFn: () => assessRoute(routes!, hashes, new Date()),
    placeholderData: (previous, query) => (query && query.queryKey[5] === hashes.join(',') ? previous : undefined),
  });
  const data = assessment.data && byRoute && recheck.data ? { ...assessment.data, verdict: recheck.data } : assessment.data;
  return { ...assessment, data };
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
