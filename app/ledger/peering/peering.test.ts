import { parseEventLogs, stringToHex, type Address, type Hex } from 'viem';
import { trustStoreAbi } from '@abi/TrustStore';
import { beforeAll, describe, expect, it } from 'vitest';
import { ContractRefusedError } from '../errors';
import { localLedger, realCertificate } from '../test/localLedger';
import { approveProposal, deployTrustStore, executeProposal, proposeAddAnchor, suspendAnchor } from '../trustStore';
import {
  EMPTY_EXPORT_HEAD,
  EXPORT_HEAD_SLOT,
  exportLink,
  getAgreements,
  getExportHead,
  getPeerTrustAddress,
  getRoute,
  ledgerIdOf,
  proposePeering,
  RouteKind,
  RouteStatus,
  type Agreement,
} from './index';

const { publicClient, wallet, wallets, fund, mined } = localLedger();
// Accounts no other test file uses: the files share one node and run in parallel, so a shared account's
// nonces would collide and a proposal could vanish under another file's transaction.
const [deployer, brazil, china] = wallets(80, 81, 82);
const chinaRoot = realCertificate('cn_nrcac_ROOTCA_sm2_national-root.pem');

let trustStore: Address;
let peerTrust: Address;


describe('peering actions against a real anvil node', () => {
  beforeAll(async () => {
    await fund(deployer, brazil, china);
    ({ address: trustStore } = await deployTrustStore(deployer, {
      members: [
        { account: brazil.account.address, country: 'BR', name: 'ITI (test)' },
        { account: china.account.address, country: 'CN', name: 'China authority (test)' },
      ],
    }));
    peerTrust = await getPeerTrustAddress(publicClient, { address: trustStore });
  });

  it('exports anchor changes to a hash chain whose head is in the documented slot and chains the logged entries', async () => {
    expect(await getExportHead(publicClient, { address: trustStore })).toEqual({ head: EMPTY_EXPORT_HEAD, seq: 0n });
    // Mined before the approval is simulated: a sent transaction is not yet in 'latest' while the node is busy.
    const proposal = proposeAddAnchor(china, { address: trustStore, der: chinaRoot.der, country: 'CN', exceptions: 0 });
    await mined(proposal);
    const { proposalId } = await proposal;
    await mined(approveProposal(brazil, { address: trustStore, id: proposalId }));
    const added = await mined(executeProposal(china, { address: trustStore, id: proposalId }));
    const suspended = await mined(suspendAnchor(china, { address: trustStore, anchorHash: chinaRoot.hash, reason: 'drill' }));
    const logs = parseEventLogs({ abi: trustStoreAbi, eventName: 'RouteExported', logs: [...added.logs, ...suspended.logs] });
    expect(logs.map((l) => l.args.entry.kind)).toEqual([RouteKind.Announce, RouteKind.Withdraw]);
    expect(logs[0]!.args.entry.anchorHash).toBe(chinaRoot.hash);
    const head = logs.reduce((h, l) => exportLink(h, l.args.entry), EMPTY_EXPORT_HEAD);
    expect(head).toBe(logs[1]!.args.head);
    expect(await getExportHead(publicClient, { address: trustStore })).toEqual({ head, seq: 2n });
    expect(await publicClient.getStorageAt({ address: trustStore, slot: EXPORT_HEAD_SLOT })).toBe(head);
  });

  it('knows no agreement or route at first, and refuses a peering for a country this ledger governs', async () => {
    expect(peerTrust).not.toBe('0x0000000000000000000000000000000000000000');
    expect(await getAgreements(publicClient, { address: peerTrust })).toEqual([]);
    expect((await getRoute(publicClient, { address: peerTrust, anchorHash: chinaRoot.hash })).status).toBe(RouteStatus.Unknown);
    const genesisHash: Hex = `0x${'ab'.repeat(32)}`;
    const agreement: Agreement = {
      ledgerId: ledgerIdOf(7001n, genesisHash),
      chainId: 7001n,
      genesisHash,
      countries: [stringToHex('CN', { size: 2 })],
      validators: [],
      trustingPeriod: 86_400n,
      trustedHeaderRlp: '0xc0',
      holdTime: 3600n,
      trustStore: wallet(7).account.address,
      transactionRegistry: wallet(8).account.address,
      lightClient: wallet(9).account.address,
    };
    const refusal = await proposePeering(brazil, { address: trustStore, agreement }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ContractRefusedError);
    expect((refusal as ContractRefusedError).errorName).toBe('PeerTrust__CountryGovernedLocally');
  });
});
