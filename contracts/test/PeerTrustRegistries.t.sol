// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {IdentityRegistry} from "../src/IdentityRegistry.sol";
import {PeerTrust} from "../src/PeerTrust.sol";
import {TransactionRegistry} from "../src/TransactionRegistry.sol";
import {IIdentityRegistry} from "../src/interfaces/IIdentityRegistry.sol";
import {ILedgerLightClient} from "../src/interfaces/ILedgerLightClient.sol";
import {IPeerTrust} from "../src/interfaces/IPeerTrust.sol";
import {ITransactionRegistry} from "../src/interfaces/ITransactionRegistry.sol";
import {ITrustStore} from "../src/interfaces/ITrustStore.sol";
import {RecordCommitment} from "../src/lib/RecordCommitment.sol";
import {RouteExport} from "../src/lib/RouteExport.sol";
import {X509} from "../src/lib/X509.sol";
import {FakeLightClient} from "./utils/FakeLightClient.sol";
import {TrustStoreDouble} from "./utils/x509/TrustStoreDouble.sol";
import {TransactionScenario} from "./TransactionRegistry.t.sol";

/**
 * @dev The registries on ledger B, where China's P-256 root (`pki/ecroot.der`) is not a local anchor but
 * trusted by a route from ledger A (chain 7001): Bob (CN) registers and signs through the route, and a
 * withdrawal or a stale route refuses the next registration or signature. Same deployments and CMS
 * fixtures as {TransactionScenario}; the peering contract and a test light client come after them.
 */
contract PeerTrustRegistriesTest is TransactionScenario {
    uint64 internal constant CHAIN_A = 7001;
    uint64 internal constant HOLD = 1 hours;

    PeerTrust internal peers;
    FakeLightClient internal client;
    bytes32 internal ledgerId;
    bytes internal ecRoot;
    bytes32 internal head;
    uint64 internal seq;
    uint64 internal number;
    /// @dev Every entry ledger A exported, in order (a new agreement replays them from the start).
    ITrustStore.RouteEntry[] internal chain;

    function setUp() public override {
        vm.warp(1735689600); // 2025-01-01
        store = new TrustStoreDouble();
        identities = new IdentityRegistry(ITrustStore(address(store)));
        registry = new TransactionRegistry(identities);
        assertEq(address(registry), EXPECTED_REGISTRY, "deployment order changed: regenerate the CMS fixtures");
        rootHash = store.addAnchor(fixture("pki/root.der"), "BR");
        ecRoot = fixture("pki/ecroot.der");
        ecRootHash = X509.parse(ecRoot).tbsHash;

        vm.prank(address(store)); // the double is the peering contract's governance
        peers = new PeerTrust();
        store.setPeerTrust(peers);
        store.setGoverned("BR", true);
        client = new FakeLightClient(address(peers));
        ledgerId = keccak256(abi.encode(CHAIN_A, keccak256("ledger A genesis")));
        bytes2[] memory countries = new bytes2[](1);
        countries[0] = "CN";
        vm.prank(address(store));
        peers.addPeering(_agreement(countries));
        vm.warp(NOW);
        _relay(ITrustStore.RouteKind.Announce);
        peers.publishAnchorCertificate(ecRoot);

        bytes[] memory path = new bytes[](3);
        (path[1], path[2]) = (fixture("pki/ca2.der"), fixture("pki/ca1.der"));
        path[0] = fixture("pki/holder.der");
        _registerWith(ALICE, path, rootHash, "holder-alice-0");
        assertEq(_create(registry, ALICE), 1, "transaction 1");
    }

    function _agreement(bytes2[] memory countries) internal view returns (IPeerTrust.Agreement memory) {
        return IPeerTrust.Agreement({
            ledgerId: ledgerId,
            chainId: CHAIN_A,
            genesisHash: keccak256("ledger A genesis"),
            countries: countries,
            validators: new address[](0),
            trustingPeriod: 14 days,
            trustedHeaderRlp: hex"c0",
            holdTime: HOLD,
            trustStore: address(0xA1),
            transactionRegistry: address(0xA2),
            lightClient: ILedgerLightClient(address(client))
        });
    }

    /**
     * @dev B's governance ends the agreement and votes a new one that accepts Japan's anchors only, and a
     * relayer replays A's whole chain under it (China's announcement included): China's root is trusted
     * by no route any more.
     */
    function _reacceptOnlyJapan() internal {
        vm.prank(address(store));
        peers.removePeering(ledgerId);
        bytes2[] memory countries = new bytes2[](1);
        countries[0] = "JP";
        vm.prank(address(store));
        peers.addPeering(_agreement(countries));
        _prove(chain);
    }

    /// @dev Ledger A exports one entry for China's root; the relayer syncs it to B at a new header.
    function _relay(ITrustStore.RouteKind kind) internal {
        ITrustStore.RouteEntry[] memory entries = new ITrustStore.RouteEntry[](1);
        entries[0] = ITrustStore.RouteEntry({
            chainId: CHAIN_A,
            seq: ++seq,
            kind: kind,
            country: "CN",
            anchorHash: ecRootHash,
            spkiHash: X509.parse(ecRoot).spkiHash,
            certificateHash: bytes32(0),
            at: uint64(NOW)
        });
        head = RouteExport.link(head, entries[0]);
        chain.push(entries[0]);
        _prove(entries);
    }

    function _expectRegistrationRefused(IPeerTrust.RouteStatus status) internal {
        bytes[] memory ecPath = new bytes[](1);
        ecPath[0] = fixture("pki/echolder.der");
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__RouteNotLive.selector, ecRootHash, status));
        identities.register(ecPath, ecRootHash, _attrs("reg-echolder-bob-0"), _sig("reg-echolder-bob-0"));
    }

    function _expectSignatureRefused(IPeerTrust.RouteStatus status) internal {
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(ITransactionRegistry.TransactionRegistry__RouteNotLive.selector, ecRootHash, status));
        registry.sign(1, 1, _attrs("echolder-tx1"), _sig("echolder-tx1"));
    }

    function _prove(ITrustStore.RouteEntry[] memory entries) internal {
        client.setHeader(ledgerId, ++number, uint64(vm.getBlockTimestamp()));
        bytes[] memory proof = new bytes[](1);
        proof[0] = hex"01";
        client.setStorage(ledgerId, number, address(0xA1), RouteExport.HEAD_SLOT, head, proof, proof);
        peers.sync(ledgerId, number, proof, proof, entries);
    }

    function _registerBob() internal {
        bytes[] memory ecPath = new bytes[](1);
        ecPath[0] = fixture("pki/echolder.der");
        _registerWith(BOB, ecPath, ecRootHash, "echolder-bob-0");
    }

    function test_AHolderUnderARoutedAnchorRegistersAndSigns() public {
        _registerBob();
        IIdentityRegistry.Identity memory bob = identities.identityOf(BOB);
        assertEq(bob.anchorHash, ecRootHash, "anchored in the routed root");
        assertEq(uint256(uint16(bob.country)), uint256(uint16(bytes2("CN"))), "the route's country");
        _sign(ALICE, 1, 0, "holder-tx1");
        assertEq(registry.recordHashOf(1), bytes32(0), "no record before completion");
        _sign(BOB, 1, 1, "echolder-tx1");
        assertEq(uint256(registry.statusOf(1)), uint256(ITransactionRegistry.Status.Completed), "completed");
        bytes32 record = registry.recordHashOf(1);
        assertTrue(record != bytes32(0), "record committed");
        assertEq(vm.load(address(registry), RecordCommitment.slotOf(1)), record, "at the documented slot");
    }

    function test_AWithdrawalRefusesTheNextSignature() public {
        _registerBob();
        _sign(ALICE, 1, 0, "holder-tx1");
        _relay(ITrustStore.RouteKind.Withdraw);
        vm.prank(BOB);
        vm.expectRevert(
            abi.encodeWithSelector(
                ITransactionRegistry.TransactionRegistry__RouteNotLive.selector, ecRootHash, IPeerTrust.RouteStatus.Withdrawn
            )
        );
        registry.sign(1, 1, _attrs("echolder-tx1"), _sig("echolder-tx1"));
    }

    function test_AWithdrawalRefusesTheNextRegistration() public {
        _relay(ITrustStore.RouteKind.Withdraw);
        bytes[] memory ecPath = new bytes[](1);
        ecPath[0] = fixture("pki/echolder.der");
        vm.prank(BOB);
        vm.expectRevert(
            abi.encodeWithSelector(
                IIdentityRegistry.IdentityRegistry__RouteNotLive.selector, ecRootHash, IPeerTrust.RouteStatus.Withdrawn
            )
        );
        identities.register(ecPath, ecRootHash, _attrs("reg-echolder-bob-0"), _sig("reg-echolder-bob-0"));
    }

    function test_AStaleRouteFailsClosedAtSigning() public {
        _registerBob();
        vm.warp(NOW + HOLD + 1);
        vm.prank(BOB);
        vm.expectRevert(
            abi.encodeWithSelector(
                ITransactionRegistry.TransactionRegistry__RouteNotLive.selector, ecRootHash, IPeerTrust.RouteStatus.Stale
            )
        );
        registry.sign(1, 1, _attrs("echolder-tx1"), _sig("echolder-tx1"));
    }

    function test_TheLocalDecisionWinsOverARoute() public {
        // B's own store knows China's root and has it suspended: the live route does not revive it.
        store.addAnchor(ecRoot, "CN");
        store.setStatus(ecRootHash, ITrustStore.AnchorStatus.Suspended);
        bytes[] memory ecPath = new bytes[](1);
        ecPath[0] = fixture("pki/echolder.der");
        vm.prank(BOB);
        vm.expectRevert(
            abi.encodeWithSelector(
                IIdentityRegistry.IdentityRegistry__AnchorNotTrusted.selector, ecRootHash, ITrustStore.PathStatus.AnchorSuspended
            )
        );
        identities.register(ecPath, ecRootHash, _attrs("reg-echolder-bob-0"), _sig("reg-echolder-bob-0"));
    }

    // Each refusal below was seen failing with the registries' route check removed (see the keepalive report).

    function test_AStaleRouteFailsClosedAtRegistration() public {
        vm.warp(NOW + HOLD + 1);
        _expectRegistrationRefused(IPeerTrust.RouteStatus.Stale);
    }

    function test_ARouteForACountryNoLongerAcceptedRefusesRegistration() public {
        _reacceptOnlyJapan();
        _expectRegistrationRefused(IPeerTrust.RouteStatus.Unknown);
    }

    function test_ARouteForACountryNoLongerAcceptedRefusesTheNextSignature() public {
        _registerBob();
        _sign(ALICE, 1, 0, "holder-tx1");
        _reacceptOnlyJapan();
        _expectSignatureRefused(IPeerTrust.RouteStatus.Unknown);
    }

    function test_AnAnnouncementForACountryNeverAcceptedRefusesRegistration() public {
        // A announces the root again as Japan's: the agreement accepts China only, so the entry is refused
        // and the route keeps its CN state; withdrawn first, so only the refused entry could revive it.
        _relay(ITrustStore.RouteKind.Withdraw);
        ITrustStore.RouteEntry[] memory entries = new ITrustStore.RouteEntry[](1);
        entries[0] = ITrustStore.RouteEntry({
            chainId: CHAIN_A,
            seq: ++seq,
            kind: ITrustStore.RouteKind.Announce,
            country: "JP",
            anchorHash: ecRootHash,
            spkiHash: X509.parse(ecRoot).spkiHash,
            certificateHash: bytes32(0),
            at: uint64(NOW)
        });
        head = RouteExport.link(head, entries[0]);
        chain.push(entries[0]);
        _prove(entries);
        _expectRegistrationRefused(IPeerTrust.RouteStatus.Withdrawn);
    }
}
