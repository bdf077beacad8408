import { keccak256, toHex, type Address } from 'viem';
import { waitForTransactionReceipt } from 'viem/actions';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytes2ToCountry } from '../countries';
import { ContractRefusedError } from '../errors';
import { localLedger, realCertificate } from '../test/localLedger';
import {
  AnchorStatus,
  PathStatus,
  approveProposal,
  checkPath,
  deployTrustStore,
  executeProposal,
  getAnchor,
  getAnchorsByCountry,
  getAnchors,
  getMembers,
  getOpenProposals,
  getRequiredApprovals,
  getRevocation,
  getTrustStoreHistory,
  hasVoted,
  proposeAddAnchor,
  revokeCertificate,
  suspendAnchor,
  wasTrustedAt,
} from './index';

const { publicClient, testClient, wallet } = localLedger();
const brazil = wallet(1);
const china = wallet(2);
const outsider = wallet(5);
const icpBrasilV5 = realCertificate('icp-brasil_raiz_v5_rsa4096-sha512.pem');
const chinaRoot = realCertificate('cn_nrcac_ROOTCA_sm2_national-root.pem');

let address: Address;

const mined = async (p: Promise<{ hash: `0x${string}` }>) => {
  const { hash } = await p;
  const receipt = await waitForTransactionReceipt(publicClient, { hash });
  expect(receipt.status).toBe('success');
  return receipt;
};

const now = async () => (await publicClient.getBlock()).timestamp;

describe('TrustStore actions against a real anvil node', () => {
  beforeAll(async () => {
    const deployed = await deployTrustStore(wallet(0), {
      members: [
        { account: brazil.account.address, country: 'BR', name: 'ITI (test)' },
        { account: china.account.address, country: 'CN', name: 'China authority (test)' },
      ],
    });
    address = deployed.address;
  });

  it('reads the member authorities set at deployment', async () => {
    const members = await getMembers(publicClient, { address });
    expect(members.map((m) => [bytes2ToCountry(m.country), m.account, m.active])).toEqual([
      ['BR', brazil.account.address, true],
      ['CN', china.account.address, true],
    ]);
    expect(await getRequiredApprovals(publicClient, { address })).toBe(2); // strict majority of two
  });

  it('adds a real root only after both members approved, then checks paths against it', async () => {
    const proposed = await proposeAddAnchor(brazil, { address, der: icpBrasilV5.der, country: 'BR' });
    await mined(Promise.resolve(proposed));
    expect(await hasVoted(publicClient, { address, id: proposed.proposalId, member: brazil.account.address })).toBe(true);
    expect((await getOpenProposals(publicClient, { address })).map((p) => p.id)).toContain(proposed.proposalId);

    // One approval of two is not enough.
    await expect(executeProposal(brazil, { address, id: proposed.proposalId })).rejects.toMatchObject({
      name: 'ContractRefusedError',
      errorName: 'TrustStore__NotApproved',
    });
    expect((await getAnchor(publicClient, { address, anchorHash: icpBrasilV5.hash })).status).toBe(AnchorStatus.None);

    await mined(approveProposal(china, { address, id: proposed.proposalId }));
    await mined(executeProposal(china, { address, id: proposed.proposalId }));

    const anchor = await getAnchor(publicClient, { address, anchorHash: icpBrasilV5.hash });
    expect(anchor.status).toBe(AnchorStatus.Active);
    expect(anchor.der).toBe(icpBrasilV5.der);
    expect(bytes2ToCountry(anchor.country)).toBe('BR');
    // Raiz v5 is valid 2016-03-02 to 2029-03-02.
    expect(new Date(Number(anchor.notAfter) * 1000).getUTCFullYear()).toBe(2029);
    expect((await getAnchorsByCountry(publicClient, { address, country: 'BR' })).map((a) => a.hash)).toEqual([icpBrasilV5.hash]);
    expect(await getAnchorsByCountry(publicClient, { address, country: 'CN' })).toEqual([]);
    expect((await getAnchors(publicClient, { address })).length).toBe(1);

    const leaf = keccak256(toHex('a leaf certificate'));
    const t = await now();
    expect(await checkPath(publicClient, { address, certificateHashes: [leaf, icpBrasilV5.hash], atTime: t })).toEqual({ status: PathStatus.Ok, index: 0, ok: true });
    expect(await checkPath(publicClient, { address, certificateHashes: [leaf, chinaRoot.hash], atTime: t })).toMatchObject({ status: PathStatus.UnknownAnchor, index: 1 });
  });

  it('refuses a second vote and a vote from a non-member with typed errors', async () => {
    const proposed = await proposeAddAnchor(china, { address, der: chinaRoot.der, country: 'CN' });
    await mined(Promise.resolve(proposed));
    const secondVote = approveProposal(china, { address, id: proposed.proposalId });
    await expect(secondVote).rejects.toBeInstanceOf(ContractRefusedError);
    await expect(secondVote).rejects.toMatchObject({ errorName: 'TrustStore__AlreadyVoted', messageKey: 'ledger.refused.AlreadyVoted' });
    await expect(approveProposal(outsider, { address, id: proposed.proposalId })).rejects.toMatchObject({ errorName: 'TrustStore__NotMember' });
  });

  it('suspends an own-country anchor at once and answers for times before and after', async () => {
    const before = await now();
    await testClient.increaseTime({ seconds: 60 });
    await mined(suspendAnchor(brazil, { address, anchorHash: icpBrasilV5.hash, reason: 'key compromise drill' }));
    const after = await now();
    expect(await wasTrustedAt(publicClient, { address, anchorHash: icpBrasilV5.hash, time: before })).toBe(true);
    expect(await wasTrustedAt(publicClient, { address, anchorHash: icpBrasilV5.hash, time: after })).toBe(false);
    expect((await checkPath(publicClient, { address, certificateHashes: [icpBrasilV5.hash], atTime: after })).status).toBe(PathStatus.AnchorSuspended);
    // China's member may not suspend Brazil's anchor.
    await expect(suspendAnchor(china, { address, anchorHash: icpBrasilV5.hash, reason: 'x' })).rejects.toMatchObject({ name: 'ContractRefusedError' });
  });

  it('revokes an intermediate from now on', async () => {
    const intermediate = realCertificate('v5__ac-secretaria-receita-federal-v4.pem');
    const t = await now();
    await mined(revokeCertificate(brazil, { address, certificateHash: intermediate.hash, anchorHash: icpBrasilV5.hash, reason: 1 }));
    const revocation = await getRevocation(publicClient, { address, anchorHash: icpBrasilV5.hash, certificateHash: intermediate.hash });
    expect(revocation.effectiveAt).toBeGreaterThanOrEqual(t);
    expect(revocation.reason).toBe(1);
    await expect(
      revokeCertificate(brazil, { address, certificateHash: intermediate.hash, anchorHash: icpBrasilV5.hash, reason: 1 }),
    ).rejects.toMatchObject({ errorName: 'TrustStore__AlreadyRevoked' });
  });

  it('keeps a history in events that rebuilds who approved what', async () => {
    const history = await getTrustStoreHistory(publicClient, { address });
    const names = history.map((e) => e.eventName);
    expect(names).toContain('ProposalCreated');
    expect(names).toContain('ProposalApproved');
    expect(names).toContain('AnchorAdded');
    expect(names).toContain('AnchorSuspended');
    expect(names).toContain('CertificateRevoked');
    expect(names.indexOf('AnchorAdded')).toBeGreaterThan(names.indexOf('ProposalApproved'));
  });
});
