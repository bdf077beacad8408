import type { Client } from 'viem';
import { peerTrustAbi } from '@abi/PeerTrust';
import { _readContract } from '../_readContract';
import type { Peer, PeerTrustParameters } from './types';

export type GetAgreementsParameters = PeerTrustParameters;

/** Every peering agreement ever added (removed ones with `active` false), with its last proven block. */
export async function getAgreements(client: Client, params: GetAgreementsParameters): Promise<readonly Peer[]> {
  return _readContract(client, { abi: peerTrustAbi, address: params.address, functionName: 'peers' });
}
