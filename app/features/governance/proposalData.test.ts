import { encodeAbiParameters, sha256, stringToHex } from 'viem';
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

  it('decodes member and threshold proposals', () => {
    const account = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
    const data = encodeAbiParameters([{ type: 'address' }, { type: 'bytes2' }, { type: 'string' }], [account, stringToHex('AR', { size: 2 }), 'Argentina']);
    expect(decodeProposal(ProposalKind.AddMember, data)).toEqual({ kind: 'AddMember', account, country: 'AR', name: 'Argentina' });
    expect(decodeProposal(ProposalKind.ChangeThreshold, encodeAbiParameters([{ type: 'uint32' }], [1]))).toEqual({ kind: 'ChangeThreshold', threshold: 1 });
    expect(() => decodeProposal(9, '0x')).toThrow(RangeError);
  });
});
