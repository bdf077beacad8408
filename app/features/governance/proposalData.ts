import { decodeAbiParameters, getAbiItem, type Hex } from 'viem';
import { peerTrustAbi } from '@abi/PeerTrust';
import { bytes2ToCountry, ProposalKind } from '@/ledger';

/** The ABI parameter of a peering agreement (IPeerTrust.Agreement), as `proposeAddPeering` encodes it. */
const agreementParameters = getAbiItem({ abi: peerTrustAbi, name: 'validatePeering' }).inputs;

/**
 * What a proposal would do, decoded from its ABI-encoded arguments (ITrustStore.ProposalKind). Hashes
 * of certificates are tbsCertificate hashes; an anchor's is computed from its DER by the PKI engine.
 */
export type ProposalSubject =
  | { readonly kind: 'AddAnchor'; readonly der: Hex; readonly country: string; readonly exceptions: number }
  | { readonly kind: 'RetireAnchor' | 'ReinstateAnchor'; readonly anchorHash: Hex }
  | { readonly kind: 'AddMember'; readonly account: Hex; readonly country: string; readonly name: string }
  | { readonly kind: 'RemoveMember'; readonly account: Hex }
  | { readonly kind: 'ChangeThreshold'; readonly threshold: number }
  | { readonly kind: 'RevokeCertificate'; readonly anchorHash: Hex; readonly certificateHash: Hex; readonly reason: number; readonly effectiveAt: bigint }
  | { readonly kind: 'AnnulRevocation'; readonly anchorHash: Hex; readonly certificateHash: Hex }
  | {
      readonly kind: 'AddPeering';
      readonly ledgerId: Hex;
      readonly chainId: bigint;
      readonly countries: readonly string[];
      readonly holdTime: bigint;
      readonly trustStore: Hex;
    }
  | { readonly kind: 'RemovePeering'; readonly ledgerId: Hex };

export function decodeProposal(kind: number, data: Hex): ProposalSubject {
  switch (kind) {
    case ProposalKind.AddAnchor: {
      const [der, country, exceptions] = decodeAbiParameters([{ type: 'bytes' }, { type: 'bytes2' }, { type: 'uint8' }], data);
      return { kind: 'AddAnchor', der, country: bytes2ToCountry(country), exceptions };
    }
    case ProposalKind.RetireAnchor:
    case ProposalKind.ReinstateAnchor: {
      const [anchorHash] = decodeAbiParameters([{ type: 'bytes32' }], data);
      return { kind: kind === ProposalKind.RetireAnchor ? 'RetireAnchor' : 'ReinstateAnchor', anchorHash };
    }
    case ProposalKind.AddMember: {
      const [account, country, name] = decodeAbiParameters([{ type: 'address' }, { type: 'bytes2' }, { type: 'string' }], data);
      return { kind: 'AddMember', account, country: bytes2ToCountry(country), name };
    }
    case ProposalKind.RemoveMember: {
      const [account] = decodeAbiParameters([{ type: 'address' }], data);
      return { kind: 'RemoveMember', account };
    }
    case ProposalKind.ChangeThreshold: {
      const [threshold] = decodeAbiParameters([{ type: 'uint32' }], data);
      return { kind: 'ChangeThreshold', threshold };
    }
    case ProposalKind.RevokeCertificate: {
      const [anchorHash, certificateHash, reason, effectiveAt] = decodeAbiParameters([{ type: 'bytes32' }, { type: 'bytes32' }, { type: 'uint8' }, { type: 'uint64' }], data);
      return { kind: 'RevokeCertificate', anchorHash, certificateHash, reason, effectiveAt };
    }
    case ProposalKind.AnnulRevocation: {
      const [anchorHash, certificateHash] = decodeAbiParameters([{ type: 'bytes32' }, { type: 'bytes32' }], data);
      return { kind: 'AnnulRevocation', anchorHash, certificateHash };
    }
    case ProposalKind.AddPeering: {
      const [agreement] = decodeAbiParameters(agreementParameters, data);
      return {
        kind: 'AddPeering',
        ledgerId: agreement.ledgerId,
        chainId: agreement.chainId,
        countries: agreement.countries.map(bytes2ToCountry),
        holdTime: agreement.holdTime,
        trustStore: agreement.trustStore,
      };
    }
    case ProposalKind.RemovePeering: {
      const [ledgerId] = decodeAbiParameters([{ type: 'bytes32' }], data);
      return { kind: 'RemovePeering', ledgerId };
    }
    default:
      throw new RangeError(`Unknown proposal kind ${kind}.`);
  }
}
