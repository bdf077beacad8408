// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {PeerTrust} from "../src/PeerTrust.sol";
import {TrustStore} from "../src/TrustStore.sol";
import {IPeerTrust} from "../src/interfaces/IPeerTrust.sol";
import {ANCHOR_COUNTRY_DIFFERS, ITrustStore} from "../src/interfaces/ITrustStore.sol";
import {ILedgerLightClient} from "../src/interfaces/ILedgerLightClient.sol";
import {RecordCommitment} from "../src/lib/RecordCommitment.sol";
import {RouteExport} from "../src/lib/RouteExport.sol";
import {FakeLightClient} from "./utils/FakeLightClient.sol";
import {Fixtures, RootFixture} from "./utils/Fixtures.sol";
import {Test} from "./utils/Test.sol";
import {Vm} from "./utils/Vm.sol";

/**
 * @dev Two ledgers in one EVM, told apart by chain id (`vm.chainId`): ledger A (China's authority and a
 * Brazilian one govern it) exports its Trust Store's changes; ledger B (Brazil and Portugal govern it)
 * peers with A and accepts China's anchors from it. The light client is a test double: headers and
 * storage values are set here, so these tests exercise the peering contract's own checks.
 */
contract PeerTrustTest is Test {
    uint64 internal constant CHAIN_A = 7001;
    uint64 internal constant CHAIN_B = 7002;
    bytes32 internal constant GENESIS_A = keccak256("ledger A genesis");
    uint64 internal constant HOLD = 1 hours;
    uint64 internal constant VOTING_PERIOD = 7 days;
    uint64 internal constant START = 1_750_000_000;
    address internal constant REGISTRY_A = address(0xA7A7);

    address internal immutable cnA = vm.addr(0xC1);
    address internal immutable brA = vm.addr(0xB2);
    address internal immutable brB = vm.addr(0xB1);
    address internal immutable ptB = vm.addr(0xD1);
    address internal immutable outsider = vm.addr(0xE1);

    TrustStore internal storeA;
    TrustStore internal storeB;
    PeerTrust internal peers;
    FakeLightClient internal client;
    bytes32 internal ledgerId;
    RootFixture internal cnRoot;
    RootFixture internal v5;
    RootFixture internal tongsuo;
    uint64 internal blockA;
    ITrustStore.RouteEntry[] internal exported;

    function setUp() public virtual {
        vm.warp(START);
        cnRoot = Fixtures.root(Fixtures.CN_SM2_ROOT);
        v5 = Fixtures.root(Fixtures.ICP_BRASIL_V5);
        tongsuo = Fixtures.root(Fixtures.TONGSUO_SM2_TEST_ROOT);

        vm.chainId(CHAIN_A);
        ITrustStore.Member[] memory membersA = new ITrustStore.Member[](2);
        membersA[0] = ITrustStore.Member(cnA, "CN", "NRCAC", true);
        membersA[1] = ITrustStore.Member(brA, "BR", "ITI on ledger A", true);
        storeA = new TrustStore(membersA, 1, VOTING_PERIOD);

        vm.chainId(CHAIN_B);
        ITrustStore.Member[] memory membersB = new ITrustStore.Member[](2);
        membersB[0] = ITrustStore.Member(brB, "BR", "ITI", true);
        membersB[1] = ITrustStore.Member(ptB, "PT", "GNS", true);
        storeB = new TrustStore(membersB, 0, VOTING_PERIOD);
        peers = PeerTrust(address(storeB.peerTrust()));
        client = new FakeLightClient(address(peers));
        ledgerId = keccak256(abi.encode(CHAIN_A, GENESIS_A));
        _votePeering(_agreement(_countries("CN")));
    }

    // ------------------------------------------------------------------ helpers

    function _countries(bytes2 a) internal pure returns (bytes2[] memory list) {
        list = new bytes2[](1);
        list[0] = a;
    }

    function _agreement(bytes2[] memory countries) internal view returns (IPeerTrust.Agreement memory) {
        address[] memory validators = new address[](4);
        for (uint256 i; i < 4; ++i) {
            validators[i] = vm.addr(0x100 + i);
        }
        return IPeerTrust.Agreement({
            ledgerId: ledgerId,
            chainId: CHAIN_A,
            genesisHash: GENESIS_A,
            countries: countries,
            validators: validators,
            trustingPeriod: 14 days,
            trustedHeaderRlp: hex"c0",
            holdTime: HOLD,
            trustStore: address(storeA),
            transactionRegistry: REGISTRY_A,
            lightClient: ILedgerLightClient(address(client))
        });
    }

    function _votePeering(IPeerTrust.Agreement memory agreement) internal returns (uint256 id) {
        vm.prank(brB);
        id = storeB.proposeAddPeering(agreement);
        vm.prank(ptB);
        storeB.approve(id);
        vm.prank(ptB);
        storeB.execute(id);
    }

    /// @dev Runs `call` on ledger A as `who` and keeps the entries it exported (from the logs).
    function _onA(address who, bytes memory call) internal returns (bytes memory result) {
        vm.chainId(CHAIN_A);
        vm.recordLogs();
        vm.prank(who);
        bool ok;
        (ok, result) = address(storeA).call(call);
        require(ok, "call on ledger A failed");
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(storeA) || logs[i].topics[0] != ITrustStore.RouteExported.selector) continue;
            (ITrustStore.RouteEntry memory entry,) = abi.decode(logs[i].data, (ITrustStore.RouteEntry, bytes32));
            exported.push(entry);
        }
        vm.chainId(CHAIN_B);
    }

    /// @dev Adds `root` as an anchor of `country` on ledger A (threshold 1: the proposer's vote suffices).
    function _addOnA(RootFixture memory root, bytes2 country, address member) internal {
        _addOnA(root, country, member, 0);
    }

    function _addOnA(RootFixture memory root, bytes2 country, address member, uint8 exceptions) internal {
        uint256 id =
            abi.decode(_onA(member, abi.encodeCall(ITrustStore.proposeAddAnchor, (root.der, country, exceptions))), (uint256));
        _onA(member, abi.encodeCall(ITrustStore.execute, (id)));
    }

    function _suspendOnA(bytes32 anchorHash) internal {
        _onA(cnA, abi.encodeCall(ITrustStore.suspendAnchor, (anchorHash, "key compromise drill")));
    }

    function _head(ITrustStore.RouteEntry[] memory entries, uint256 count) internal pure returns (bytes32 head) {
        for (uint256 i; i < count; ++i) {
            head = RouteExport.link(head, entries[i]);
        }
    }

    function _proofs() internal pure returns (bytes[] memory accountProof, bytes[] memory storageProof) {
        accountProof = new bytes[](1);
        accountProof[0] = hex"f8518080";
        storageProof = new bytes[](1);
        storageProof[0] = hex"e2a0";
    }

    /// @dev Accepts a new header of A (time: now) proving `head` at the export slot; returns its number.
    function _proveHead(bytes32 head) internal returns (uint64 number) {
        number = ++blockA;
        client.setHeader(ledgerId, number, now_());
        (bytes[] memory accountProof, bytes[] memory storageProof) = _proofs();
        client.setStorage(ledgerId, number, address(storeA), RouteExport.HEAD_SLOT, head, accountProof, storageProof);
    }

    function _slice(uint256 from, uint256 to) internal view returns (ITrustStore.RouteEntry[] memory list) {
        list = new ITrustStore.RouteEntry[](to - from);
        for (uint256 i = from; i < to; ++i) {
            list[i - from] = exported[i];
        }
    }

    /// @dev Syncs B with every entry A exported since `from`, proving A's current head.
    function _syncFrom(uint256 from) internal {
        (uint64 number, ITrustStore.RouteEntry[] memory entries) = _prepareSync(from);
        (bytes[] memory accountProof, bytes[] memory storageProof) = _proofs();
        peers.sync(ledgerId, number, accountProof, storageProof, entries);
    }

    /// @dev A new header of A proving its current head, and the entries since `from`: what a relayer sends.
    function _prepareSync(uint256 from) internal returns (uint64 number, ITrustStore.RouteEntry[] memory entries) {
        (bytes32 head,) = storeA.exportHead();
        number = _proveHead(head);
        entries = _slice(from, exported.length);
    }

    function _status(bytes32 anchorHash) internal view returns (IPeerTrust.RouteStatus) {
        return peers.route(anchorHash).status;
    }

    function _path(bytes32 a, bytes32 b) internal pure returns (bytes32[] memory path) {
        path = new bytes32[](2);
        path[0] = a;
        path[1] = b;
    }

    // ------------------------------------------------------------------ export on A

    function test_ExportChainHeadIsInTheDocumentedSlotAndCommitsToEveryChange() public {
        _addOnA(cnRoot, "CN", cnA);
        _suspendOnA(cnRoot.hash);
        bytes32 certificate = keccak256("an intermediate CA");
        _onA(cnA, abi.encodeCall(ITrustStore.revokeCertificate, (cnRoot.hash, certificate, 1)));
        vm.assertEq(exported.length, 3, "add, suspend and revoke each export one entry");
        (bytes32 head, uint64 seq) = storeA.exportHead();
        vm.assertEq(seq, 3, "sequence number");
        vm.assertEq(head, _head(exported, 3), "the head chains the entries of the logs");
        vm.assertEq(vm.load(address(storeA), RouteExport.HEAD_SLOT), head, "head at RouteExport.HEAD_SLOT");
        vm.assertEq(uint256(exported[0].kind), uint256(ITrustStore.RouteKind.Announce), "added: announce");
        vm.assertEq(exported[0].spkiHash, cnRoot.spkiHash, "announce carries the anchor's key hash");
        vm.assertEq(exported[0].chainId, CHAIN_A, "entries name the exporting ledger");
        vm.assertEq(uint256(exported[1].kind), uint256(ITrustStore.RouteKind.Withdraw), "suspended: withdraw");
        vm.assertEq(uint256(exported[2].kind), uint256(ITrustStore.RouteKind.Revoke), "revoked: revoke");
        vm.assertEq(exported[2].certificateHash, certificate, "revoked certificate");
    }

    // ------------------------------------------------------------------ sync

    function test_SyncAnnouncesARouteWithItsProvenBlock() public {
        _addOnA(cnRoot, "CN", cnA);
        _syncFrom(0);
        IPeerTrust.Route memory r = peers.route(cnRoot.hash);
        vm.assertEq(uint256(r.status), uint256(IPeerTrust.RouteStatus.Active), "active");
        vm.assertEq(r.ledgerId, ledgerId, "from ledger A");
        vm.assertEq(r.provenNumber, blockA, "proven block");
        vm.assertEq(r.provenTime, now_(), "proven time");
        vm.assertEq(bytes32(r.country), bytes32(bytes2("CN")), "country");
        IPeerTrust.Peer memory p = peers.peer(ledgerId);
        vm.assertEq(p.seq, 1, "one entry replayed");
        vm.assertEq(p.provenNumber, blockA, "last proven block");
    }

    function test_SyncRefusesADroppedWithdrawal() public {
        _addOnA(cnRoot, "CN", cnA);
        _syncFrom(0);
        _suspendOnA(cnRoot.hash);
        (bytes32 head,) = storeA.exportHead();
        ITrustStore.RouteEntry[] memory none = new ITrustStore.RouteEntry[](0);
        uint64 number = _proveHead(head);
        (bytes[] memory accountProof, bytes[] memory storageProof) = _proofs();
        vm.expectRevert(abi.encodeWithSelector(IPeerTrust.PeerTrust__HeadMismatch.selector, head, _head(exported, 1)));
        peers.sync(ledgerId, number, accountProof, storageProof, none);
        vm.assertEq(uint256(_status(cnRoot.hash)), uint256(IPeerTrust.RouteStatus.Active), "nothing changed");
    }

    function test_SyncRefusesAnEntryDroppedFromTheMiddle() public {
        _addOnA(cnRoot, "CN", cnA);
        _suspendOnA(cnRoot.hash);
        _onA(cnA, abi.encodeCall(ITrustStore.revokeCertificate, (cnRoot.hash, keccak256("ca"), 1)));
        ITrustStore.RouteEntry[] memory entries = new ITrustStore.RouteEntry[](2);
        entries[0] = exported[0];
        entries[1] = exported[2];
        (bytes32 head,) = storeA.exportHead();
        uint64 number = _proveHead(head);
        (bytes[] memory accountProof, bytes[] memory storageProof) = _proofs();
        vm.expectRevert(abi.encodeWithSelector(IPeerTrust.PeerTrust__OutOfOrder.selector, 1, 2, 3));
        peers.sync(ledgerId, number, accountProof, storageProof, entries);
    }

    function test_SyncRefusesReorderedEntriesEvenRenumbered() public {
        _addOnA(cnRoot, "CN", cnA);
        _suspendOnA(cnRoot.hash);
        (bytes32 head,) = storeA.exportHead();
        ITrustStore.RouteEntry[] memory entries = _slice(0, 2);
        (entries[0], entries[1]) = (entries[1], entries[0]);
        (entries[0].seq, entries[1].seq) = (1, 2);
        uint64 number = _proveHead(head);
        (bytes[] memory accountProof, bytes[] memory storageProof) = _proofs();
        vm.expectRevert(abi.encodeWithSelector(IPeerTrust.PeerTrust__HeadMismatch.selector, head, _head(entries, 2)));
        peers.sync(ledgerId, number, accountProof, storageProof, entries);
    }

    function test_SyncRefusesAnAlteredEntry() public {
        _addOnA(cnRoot, "CN", cnA);
        _syncFrom(0);
        _suspendOnA(cnRoot.hash);
        (bytes32 head,) = storeA.exportHead();
        ITrustStore.RouteEntry[] memory entries = _slice(1, 2);
        entries[0].kind = ITrustStore.RouteKind.Announce; // a relayer turning the withdrawal into an announcement
        uint64 number = _proveHead(head);
        (bytes[] memory accountProof, bytes[] memory storageProof) = _proofs();
        bytes32 replayed = RouteExport.link(_head(exported, 1), entries[0]);
        vm.expectRevert(abi.encodeWithSelector(IPeerTrust.PeerTrust__HeadMismatch.selector, head, replayed));
        peers.sync(ledgerId, number, accountProof, storageProof, entries);
        vm.assertEq(uint256(_status(cnRoot.hash)), uint256(IPeerTrust.RouteStatus.Active), "not withdrawn, not re-announced");
    }

    function test_SyncRefusesAnEntryOfAnotherLedger() public {
        _addOnA(cnRoot, "CN", cnA);
        ITrustStore.RouteEntry[] memory entries = _slice(0, 1);
        entries[0].chainId = CHAIN_B;
        uint64 number = _proveHead(_head(entries, 1));
        (bytes[] memory accountProof, bytes[] memory storageProof) = _proofs();
        vm.expectRevert(abi.encodeWithSelector(IPeerTrust.PeerTrust__WrongLedger.selector, 0, CHAIN_B));
        peers.sync(ledgerId, number, accountProof, storageProof, entries);
    }

    function test_SyncRefusesAWrongProofAndAnUnacceptedHeader() public {
        _addOnA(cnRoot, "CN", cnA);
        (bytes32 head,) = storeA.exportHead();
        uint64 number = _proveHead(head);
        bytes[] memory wrong = new bytes[](0);
        (, bytes[] memory storageProof) = _proofs();
        vm.expectRevert(FakeLightClient.FakeLightClient__BadProof.selector);
        peers.sync(ledgerId, number, wrong, storageProof, _slice(0, 1));
        vm.expectRevert(abi.encodeWithSelector(FakeLightClient.FakeLightClient__UnknownHeader.selector, ledgerId, number + 1));
        peers.sync(ledgerId, number + 1, wrong, storageProof, _slice(0, 1));
    }

    function test_WithdrawalReachesB() public {
        _addOnA(cnRoot, "CN", cnA);
        _syncFrom(0);
        _suspendOnA(cnRoot.hash);
        _syncFrom(1);
        vm.assertEq(uint256(_status(cnRoot.hash)), uint256(IPeerTrust.RouteStatus.Withdrawn), "withdrawn");
        (IPeerTrust.RouteStatus status,,) = peers.checkRoutedPath(_path(keccak256("leaf"), cnRoot.hash), now_());
        vm.assertEq(uint256(status), uint256(IPeerTrust.RouteStatus.Withdrawn), "paths under it fail");
    }

    function test_RevocationsTravelWithTheRoute() public {
        _addOnA(cnRoot, "CN", cnA);
        bytes32 ca = keccak256("an intermediate CA");
        _onA(cnA, abi.encodeCall(ITrustStore.revokeCertificate, (cnRoot.hash, ca, 1)));
        _syncFrom(0);
        (IPeerTrust.RouteStatus status, bool revoked, uint256 index) =
            peers.checkRoutedPath(_path(ca, cnRoot.hash), now_());
        vm.assertEq(uint256(status), uint256(IPeerTrust.RouteStatus.Active), "anchor active");
        vm.assertTrue(revoked, "the peer's revocation is honoured");
        vm.assertEq(index, 0, "at the revoked certificate");
        (, revoked,) = peers.checkRoutedPath(_path(keccak256("another CA"), cnRoot.hash), now_());
        vm.assertFalse(revoked, "other certificates are not revoked");
    }

    // ------------------------------------------------------------------ hold timer, keepalive

    function test_HoldTimerExpiryFailsClosed() public {
        _addOnA(cnRoot, "CN", cnA);
        _syncFrom(0);
        _warpBy(HOLD);
        vm.assertEq(uint256(_status(cnRoot.hash)), uint256(IPeerTrust.RouteStatus.Active), "live at the hold time");
        _warpBy(1);
        vm.assertEq(uint256(_status(cnRoot.hash)), uint256(IPeerTrust.RouteStatus.Stale), "stale past it");
        (IPeerTrust.RouteStatus status,,) = peers.checkRoutedPath(_path(keccak256("leaf"), cnRoot.hash), now_());
        vm.assertEq(uint256(status), uint256(IPeerTrust.RouteStatus.Stale), "paths fail closed");
    }

    function test_KeepaliveRefreshesTheProvenTime() public {
        _addOnA(cnRoot, "CN", cnA);
        _syncFrom(0);
        _warpBy(HOLD + 1);
        vm.assertEq(uint256(_status(cnRoot.hash)), uint256(IPeerTrust.RouteStatus.Stale), "stale");
        _syncFrom(exported.length); // no new entries
        IPeerTrust.Route memory r = peers.route(cnRoot.hash);
        vm.assertEq(uint256(r.status), uint256(IPeerTrust.RouteStatus.Active), "live again");
        vm.assertEq(r.provenTime, now_(), "proven now");
    }

    function test_KeepaliveWithAnOldHeaderIsRefused() public {
        _addOnA(cnRoot, "CN", cnA);
        _syncFrom(0);
        (bytes32 head,) = storeA.exportHead();
        (bytes[] memory accountProof, bytes[] memory storageProof) = _proofs();
        ITrustStore.RouteEntry[] memory none = new ITrustStore.RouteEntry[](0);
        vm.expectRevert(abi.encodeWithSelector(IPeerTrust.PeerTrust__NotNewer.selector, blockA, blockA));
        peers.sync(ledgerId, blockA, accountProof, storageProof, none);
        head; // the same head at the same block proves nothing newer
    }

    // ------------------------------------------------------------------ accepted countries, loops

    function test_ARouteForACountryNotAcceptedIsRefused() public {
        _addOnA(v5, "BR", brA); // ledger A also governs Brazil's anchors; B accepts only CN from A
        _addOnA(cnRoot, "CN", cnA);
        (uint64 number, ITrustStore.RouteEntry[] memory entries) = _prepareSync(0);
        (bytes[] memory accountProof, bytes[] memory storageProof) = _proofs();
        vm.expectEmit();
        emit IPeerTrust.RouteRefused(ledgerId, v5.hash, "BR", 1, IPeerTrust.Refusal.CountryNotAccepted);
        peers.sync(ledgerId, number, accountProof, storageProof, entries);
        vm.assertEq(uint256(_status(v5.hash)), uint256(IPeerTrust.RouteStatus.Unknown), "never trusted");
        vm.assertEq(uint256(_status(cnRoot.hash)), uint256(IPeerTrust.RouteStatus.Active), "the accepted one is");
        vm.assertEq(peers.peer(ledgerId).seq, 2, "the chain moved past the refused entry");
    }

    function test_AnAgreementForACountryGovernedLocallyIsRefused() public {
        bytes2[] memory countries = new bytes2[](2);
        countries[0] = "JP";
        countries[1] = "BR";
        IPeerTrust.Agreement memory agreement = _agreement(countries);
        agreement.ledgerId = keccak256(abi.encode(uint64(7003), GENESIS_A));
        agreement.chainId = 7003;
        vm.prank(brB);
        vm.expectRevert(abi.encodeWithSelector(IPeerTrust.PeerTrust__CountryGovernedLocally.selector, bytes2("BR")));
        storeB.proposeAddPeering(agreement);
    }

    function test_LoopRefusal_ARouteForACountryBComesToGovernIsRefused() public {
        _addOnA(cnRoot, "CN", cnA);
        _syncFrom(0);
        // B's governance admits a Chinese member: China is governed on B from now on.
        vm.prank(brB);
        uint256 id = storeB.proposeAddMember(outsider, "CN", "NRCAC on B");
        vm.prank(ptB);
        storeB.approve(id);
        vm.prank(ptB);
        storeB.execute(id);
        vm.assertEq(uint256(_status(cnRoot.hash)), uint256(IPeerTrust.RouteStatus.Overridden), "local governance wins");
        _addOnA(tongsuo, "CN", cnA, ANCHOR_COUNTRY_DIFFERS); // its subject says C=AA
        (uint64 number, ITrustStore.RouteEntry[] memory entries) = _prepareSync(1);
        (bytes[] memory accountProof, bytes[] memory storageProof) = _proofs();
        vm.expectEmit();
        emit IPeerTrust.RouteRefused(ledgerId, tongsuo.hash, "CN", 2, IPeerTrust.Refusal.CountryGovernedLocally);
        peers.sync(ledgerId, number, accountProof, storageProof, entries);
        vm.assertEq(uint256(_status(tongsuo.hash)), uint256(IPeerTrust.RouteStatus.Unknown), "refused");
    }

    function test_LoopRefusal_RoutesAreNeverExportedAgain() public {
        _addOnA(cnRoot, "CN", cnA);
        _syncFrom(0);
        (bytes32 head, uint64 seq) = storeB.exportHead();
        vm.assertEq(seq, 0, "B exported nothing");
        vm.assertEq(head, bytes32(0), "B's head untouched");
        vm.assertEq(storeB.anchorCount(), 0, "B's own anchors untouched");
    }

    // ------------------------------------------------------------------ governance

    function test_PeeringProposalsNeedAMemberAndTheThreshold() public {
        IPeerTrust.Agreement memory agreement = _agreement(_countries("JP"));
        agreement.ledgerId = keccak256(abi.encode(uint64(7003), GENESIS_A));
        agreement.chainId = 7003;
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__NotMember.selector, outsider));
        storeB.proposeAddPeering(agreement);

        vm.prank(brB);
        uint256 id = storeB.proposeAddPeering(agreement);
        vm.prank(brB);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__NotApproved.selector, id, 1, 2));
        storeB.execute(id);
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__NotMember.selector, outsider));
        storeB.approve(id);
        vm.prank(ptB);
        storeB.approve(id);
        vm.prank(ptB);
        storeB.execute(id);
        vm.assertTrue(peers.peer(agreement.ledgerId).active, "agreement stored");
        vm.assertEq(client.registrations(agreement.ledgerId), 1, "the peer registered with its light client");
        vm.assertEq(peers.peers().length, 2, "two agreements");
    }

    function test_OnlyTheTrustStoreAddsPeerings() public {
        IPeerTrust.Agreement memory agreement = _agreement(_countries("JP"));
        vm.prank(brB);
        vm.expectRevert(abi.encodeWithSelector(IPeerTrust.PeerTrust__NotTrustStore.selector, brB));
        peers.addPeering(agreement);
    }

    function test_RemovedPeeringMakesItsRoutesUnknown() public {
        _addOnA(cnRoot, "CN", cnA);
        _syncFrom(0);
        vm.prank(brB);
        uint256 id = storeB.proposeRemovePeering(ledgerId);
        vm.prank(ptB);
        storeB.approve(id);
        vm.prank(ptB);
        storeB.execute(id);
        vm.assertEq(uint256(_status(cnRoot.hash)), uint256(IPeerTrust.RouteStatus.Unknown), "route gone");
        (bytes[] memory accountProof, bytes[] memory storageProof) = _proofs();
        vm.expectRevert(abi.encodeWithSelector(IPeerTrust.PeerTrust__UnknownPeer.selector, ledgerId));
        peers.sync(ledgerId, blockA + 1, accountProof, storageProof, new ITrustStore.RouteEntry[](0));
    }

    // ------------------------------------------------------------------ anchor certificates

    function test_AnchorCertificateIsPublishedOnlyForARoute() public {
        vm.expectRevert(abi.encodeWithSelector(IPeerTrust.PeerTrust__UnknownRoute.selector, cnRoot.hash));
        peers.publishAnchorCertificate(cnRoot.der);
        _addOnA(cnRoot, "CN", cnA);
        _syncFrom(0);
        peers.publishAnchorCertificate(cnRoot.der);
        vm.assertEq(peers.anchorCertificate(cnRoot.hash), cnRoot.der, "stored under its tbsCertificate hash");
    }

    // ------------------------------------------------------------------ records

    function test_VerifyRecord() public {
        uint256 txId = 7;
        bytes32 recordHash = keccak256("record 7");
        uint64 number = ++blockA;
        client.setHeader(ledgerId, number, now_());
        (bytes[] memory accountProof, bytes[] memory storageProof) = _proofs();
        client.setStorage(ledgerId, number, REGISTRY_A, RecordCommitment.slotOf(txId), recordHash, accountProof, storageProof);
        vm.assertTrue(peers.verifyRecord(ledgerId, number, txId, recordHash, accountProof, storageProof), "recorded");
        vm.assertFalse(
            peers.verifyRecord(ledgerId, number, txId, keccak256("another record"), accountProof, storageProof),
            "a different record"
        );
        vm.expectRevert(FakeLightClient.FakeLightClient__BadProof.selector); // the slot of another transaction
        peers.verifyRecord(ledgerId, number, txId + 1, recordHash, accountProof, storageProof);
        vm.assertFalse(peers.verifyRecord(ledgerId, number, txId, bytes32(0), accountProof, storageProof), "zero is never a record");
    }

    function _warpBy(uint256 seconds_) internal {
        vm.warp(now_() + seconds_);
    }
}
