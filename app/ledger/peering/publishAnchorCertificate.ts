import type { Hash, Hex } from 'viem';
import { peerTrustAbi } from '@abi/PeerTrust';
import { _sendContract, type LedgerWriteClient } from '../_writeContract';
import type { PeerTrustParameters } from './types';

export type PublishAnchorCertificateParameters = PeerTrustParameters & {
  /** The DER of an anchor a peer announced (from its TrustStore's AnchorAdded event). */
  readonly der: Hex;
};

/** Publishes a routed anchor's certificate, so that holders under it can register on this ledger. */
export async function publishAnchorCertificate(client: LedgerWriteClient, params: PublishAnchorCertificateParameters): Promise<{ readonly hash: Hash }> {
  return _sendContract(client, { abi: peerTrustAbi, address: params.address, functionName: 'publishAnchorCertificate', args: [params.der] });
}
