import { getAddress, keccak256, toHex, type Address } from 'viem';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytes2ToCountry } from '../countries';
import { ContractRefusedError } from '../errors';
import { localLedger, realCertificate } from '../test/localLedger';
import {
  AnchorException,
  AnchorStatus,
  PathStatus,
  ProposalKind,
  RevocationReason,
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
  proposeAddMember,
  proposeAnnulRevocation,
  proposeRevokeCertificate,
  revokeCertificate,
  suspendAnchor,
  wasTrustedAt,
} from './index';

const { publicClient, testClient, wallet, wallets, mined } = localLedger();
const [brazil, china, outsider] = wallets(1, 2, 5);
const icpBrasilV5 = realCertificate('icp-brasil_raiz_v5_rsa4096-sha512.pem');
const chinaRoot = realCertificate('cn_nrcac_ROOTCA_sm2_national-root.pem');

let address: Address;


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
    const proposed = await proposeAddAnchor(brazil, { address, der: icpBrasilV5.der, country: 'BR', exceptions: 0 });
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
    // Named by its tbsCertificate, not by the whole DER.
    expect(anchor.hash).toBe(icpBrasilV5.hash);
    expect(anchor.hash).not.toBe(icpBrasilV5.derHash);
    expect(anchor.exceptions).toBe(0);
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
    const proposed = await proposeAddAnchor(china, { address, der: chinaRoot.der, country: 'CN', exceptions: 0 });
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

  it('refuses an anchor whose declared exceptions differ from what it needs, naming the flags it needs', async () => {
    const v10 = realCertificate('icp-brasil_raiz_v10_ssl_rsa4096-sha512.pem');
    await expect(proposeAddAnchor(brazil, { address, der: v10.der, country: 'BR', exceptions: AnchorException.CountryDiffers })).rejects.toMatchObject({
      errorName: 'TrustStore__UndeclaredException',
      args: [0],
    });
    // China's root proposed as Brazil's: not even Brazil's to propose... and China must say it differs for another country.
    await expect(proposeAddAnchor(brazil, { address, der: chinaRoot.der, country: 'CN', exceptions: 0 })).rejects.toMatchObject({
      errorName: 'TrustStore__NotMemberOfCountry',
    });
  });

  it('revokes a certificate under its anchor from now on, alone; earlier and annulment only by vote', async () => {
    const intermediate = realCertificate('v5__ac-secretaria-receita-federal-v4.pem');
    await mined(revokeCertificate(brazil, { address, anchorHash: icpBrasilV5.hash, certificateHash: intermediate.hash, reason: RevocationReason.KeyCompromise }));
    const t = await now();
    const revocation = await getRevocation(publicClient, { address, anchorHash: icpBrasilV5.hash, certificateHash: intermediate.hash });
    expect(revocation).toMatchObject({ effectiveAt: t, reason: 1, version: 1, annulledAt: 0n, by: brazil.account.address, proposalId: 0n });
    // Under another anchor there is no record: revocation belongs to its anchor.
    expect((await getRevocation(publicClient, { address, anchorHash: chinaRoot.hash, certificateHash: intermediate.hash })).version).toBe(0);
    await expect(
      revokeCertificate(brazil, { address, anchorHash: icpBrasilV5.hash, certificateHash: intermediate.hash, reason: RevocationReason.KeyCompromise }),
    ).rejects.toMatchObject({ errorName: 'TrustStore__AlreadyRevoked' });

    // Backdated to the compromise: a proposal, voted and executed.
    const compromise = t - 3600n;
    const backdated = await proposeRevokeCertificate(brazil, { address, anchorHash: icpBrasilV5.hash, certificateHash: intermediate.hash, reason: RevocationReason.KeyCompromise, effectiveAt: compromise });
    await mined(Promise.resolve(backdated));
    const open = await getOpenProposals(publicClient, { address });
    expect(open.find((p) => p.id === backdated.proposalId)).toMatchObject({ kind: ProposalKind.RevokeCertificate, targetVersion: 1n, stale: false });
    await mined(approveProposal(china, { address, id: backdated.proposalId }));
    await mined(executeProposal(china, { address, id: backdated.proposalId }));
    expect(await getRevocation(publicClient, { address, anchorHash: icpBrasilV5.hash, certificateHash: intermediate.hash })).toMatchObject({
      effectiveAt: compromise,
      version: 2,
      by: getAddress(address),
      proposalId: backdated.proposalId,
    });

    // Annulled by vote: void for every time, still readable.
    const annul = await proposeAnnulRevocation(china, { address, anchorHash: icpBrasilV5.hash, certificateHash: intermediate.hash });
    await mined(Promise.resolve(annul));
    await mined(approveProposal(brazil, { address, id: annul.proposalId }));
    await mined(executeProposal(brazil, { address, id: annul.proposalId }));
    const annulled = await getRevocation(publicClient, { address, anchorHash: icpBrasilV5.hash, certificateHash: intermediate.hash });
    expect(annulled.version).toBe(3);
    expect(annulled.annulledAt).toBeGreaterThan(0n);
  });

  it('reads open proposals page by page, and all of them by default', async () => {
    const before = (await getOpenProposals(publicClient, { address })).length;
    for (const name of ['a', 'b', 'c']) {
      await mined(proposeAddMember(brazil, { address, account: keccak256(toHex(name)).slice(0, 42) as Address, country: 'AR', name }));
    }
    const all = await getOpenProposals(publicClient, { address });
    expect(all.length).toBe(before + 3);
    const page = await getOpenProposals(publicClient, { address, offset: BigInt(before + 1), limit: 1n });
    expect(page.map((p) => p.id)).toEqual([all[before + 1]!.id]);
    expect(await getOpenProposals(publicClient, { address, offset: BigInt(all.length), limit: 5n })).toEqual([]);
    // Executing one membership change makes the others stale: still listed, flagged.
    const first = all[before]!;
    await mined(approveProposal(china, { address, id: first.id }));
    await mined(executeProposal(china, { address, id: first.id }));
    const after = await getOpenProposals(publicClient, { address });
    expect(after.filter((p) => p.kind === ProposalKind.AddMember).every((p) => p.stale)).toBe(true);
    await expect(executeProposal(china, { address, id: after.at(-1)!.id })).rejects.toMatchObject({ errorName: 'TrustStore__StaleProposal' });
  });

  it('keeps a history in events that rebuilds who approved what', async () => {
    const history = await getTrustStoreHistory(publicClient, { address });
    const names = history.map((e) => e.eventName);
    expect(names).toContain('ProposalCreated');
    expect(names).toContain('ProposalApproved');
    expect(names).toContain('AnchorAdded');
    expect(names).toContain('AnchorSuspended');
    expect(names).toContain('CertificateRevoked');
    expect(names).toContain('RevocationAnnulled');
    expect(names.indexOf('AnchorAdded')).toBeGreaterThan(names.indexOf('ProposalApproved'));
  });
});
