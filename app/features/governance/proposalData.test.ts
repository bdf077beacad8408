import { encodeAbiParameters, getAbiItem, getAddress, sha256, stringToHex } from 'viem';
import { peerTrustAbi } from '@abi/PeerTrust';
import { describe, expect, it } from 'vitest';
import { AnchorException, ProposalKind } from '@/ledger';
import { realCertificate } from '@/ledger/test/localLedger';
import { decodeProposal } from './proposalData';

describe('decodeProposal', () => {
  it('decodes an anchor proposal to the certificate, its country and the exceptions its proposer declared', () => {
    const { der } = realCertificate('icp-brasil_raiz_v12_rsa4096-sha512.pem');
    const data = encodeAbiParameters([{ type: 'bytes' }, { type: 'bytes2' }, { type: 'uint8' }], [der, stringToHex('BR', { size: 2 }), AnchorException.KeyReused]);
    expect(decodeProposal(ProposalKind.AddAnchor, data)).toEqual({ kind: 'AddAnchor', der, country: 'BR', exceptions: AnchorException.KeyReused });
  });

  it('decodes revocation and annulment proposals', () => {
    const anchorHash = sha256('0x01');
    const certificateHash = sha256('0x02');
    const revoke = encodeAbiParameters([{ type: 'bytes32' }, { type: 'bytes32' }, { type: 'uint8' }, { type: 'uint64' }], [anchorHash, certificateHash, 1, 1_700_000_000n]);
    expect(decodeProposal(ProposalKind.RevokeCertificate, revoke)).toEqual({ kind: 'RevokeCertificate', anchorHash, certificateHash, reason: 1, effectiveAt: 1_700_000_000n });
    const annul = encodeAbiParameters([{ type: 'bytes32' }, { type: 'bytes32' }], [anchorHash, certificateHash]);
    expect(decodeProposal(ProposalKind.AnnulRevocation, annul)).toEqual({ kind: 'AnnulRevocation', anchorHash, certificateHash });
  });

  it('decodes peering proposals to the peer ledger, its accepted countries and hold time', () => {
    const agreement = {
      ledgerId: sha256('0x03'),
      chainId: 7001n,
      genesisHash: sha256('0x04'),
      countries: [stringToHex('CN', { size: 2 })],
      validators: [],
      trustingPeriod: 86_400n,
      trustedHeaderRlp: '0xc0',
      holdTime: 3600n,
      trustStore: '0x00000000000000000000000000000000000a11ce',
      transactionRegistry: '0x0000000000000000000000000000000000000b0b',
      lightClient: '0x000000000000000000000000000000000000c11e',
    } as const;
    const data = encodeAbiParameters(getAbiItem({ abi: peerTrustAbi, name: 'validatePeering' }).inputs, [agreement]);
    expect(decodeProposal(ProposalKind.AddPeering, data)).toEqual({
      kind: 'AddPeering',
      ledgerId: agreement.ledgerId,
      chainId: 7001n,
      countries: ['CN'],
      holdTime: 3600n,
      trustStore: getAddress(agreement.trustStore),
    });
    expect(decodeProposal(ProposalKind.RemovePeering, encodeAbiParameters([{ type: 'bytes32' }], [agreement.ledgerId]))).toEqual({
      kind: 'RemovePeering',
      ledgerId: agreement.ledgerId,
    });
  });

  it('decodes member and threshold proposals', () => {
    const account = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
    const data = encodeAbiParameters([{ type: 'address' }, { type: 'bytes2' }, { type: 'string' }], [account, stringToHex('AR', { size: 2 }), 'Argentina']);
    expect(decodeProposal(ProposalKind.AddMember, data)).toEqual({ kind: 'AddMember', account, country: 'AR', name: 'Argentina' });
    expect(decodeProposal(ProposalKind.ChangeThreshold, encodeAbiParameters([{ type: 'uint32' }], [1]))).toEqual({ kind: 'ChangeThreshold', threshold: 1 });
    expect(() => decodeProposal(10, '0x')).toThrow(RangeError);
  });
});
