import type { Address, Client } from 'viem';
import { trustStoreAbi } from '@abi/TrustStore';
import { _readContract } from '../_readContract';
import type { TrustStoreParameters } from '../trustStore/types';

export type GetPeerTrustAddressParameters = TrustStoreParameters;

/** The PeerTrust contract a TrustStore deployed: where its peering agreements and routes live. */
export async function getPeerTrustAddress(client: Client, params: GetPeerTrustAddressParameters): Promise<Address> {
  return _readContract(client, { abi: trustStoreAbi, address: params.address, functionName: 'peerTrust' });
}
