import { decodeAbiParameters, sha256, type Hex } from 'viem';
import { bytes2ToCountry, ProposalKind } from '@/ledger';

/** What a proposal would do, decoded from its ABI-encoded arguments (ITrustStore.ProposalKind). */
export type ProposalSubject =
  | { readonly kind: 'AddAnchor'; readonly der: Hex; readonly anchorHash: Hex; readonly country: string }
  | { readonly kind: 'RetireAnchor' | 'ReinstateAnchor'; readonly anchorHash: Hex }
  | { readonly kind: 'AddMember'; readonly account: Hex; readonly country: string; readonly name: string }
  | { readonly kind: 'RemoveMember'; readonly account: Hex }
  | { readonly kind: 'ChangeThreshold'; readonly threshold: number };

export function decodeProposal(kind: number, data: Hex): ProposalSubject {
  switch (kind) {
    case ProposalKind.AddAnchor: {
      const [der, country] = decodeAbiParameters([{ type: 'bytes' }, { type: 'bytes2' }], data);
      return { kind: 'AddAnchor', der, anchorHash: sha256(der), country: bytes2ToCountry(country) };
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
    default:
      throw new RangeError(`Unknown proposal kind ${kind}.`);
  }
}
