// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {LedgerLightClient} from "../src/LedgerLightClient.sol";
import {PeerTrust} from "../src/PeerTrust.sol";
import {TrustStore} from "../src/TrustStore.sol";
import {ILedgerLightClient} from "../src/interfaces/ILedgerLightClient.sol";
import {IPeerTrust} from "../src/interfaces/IPeerTrust.sol";
import {ITrustStore} from "../src/interfaces/ITrustStore.sol";
import {MerklePatricia} from "../src/lib/MerklePatricia.sol";
import {Test} from "./utils/Test.sol";
import {ivm} from "./utils/interop/InteropVm.sol";

/**
 * @dev PeerTrust with the real LedgerLightClient, fed what a relayer carries from a real ledger A
 * (test/fixtures/interop/anvil-sync.json, made by scripts/interop/syncFixtures.ts): A's TrustStore on
 * anvil announced China's root (block 1 of the fixture), suspended it (block 2), then a block without
 * news (block 3); each block is sealed by 3 of A's 4 test validators, with the real eth_getProof of the
 * export head there. The attacker is the relayer: it must not refresh B's view of A (and so keep a
 * withdrawn route alive until the hold timer) without proving A's export head at the new header.
 */
contract PeerTrustSyncTest is Test {
    string internal constant FIXTURE = "test/fixtures/interop/anvil-sync.json";
    uint64 internal constant CHAIN_B = 7002;
    uint64 internal constant HOLD = 1 hours;

    struct Step {
        uint64 number;
        uint64 timestamp;
        bytes header;
        bytes32 head;
        bytes[] accountProof;
        bytes[] storageProof;
        ITrustStore.RouteEntry[] entries;
    }

    address internal immutable brB = vm.addr(0xB1);
    address internal immutable ptB = vm.addr(0xD1);

    string internal json;
    TrustStore internal storeB;
    PeerTrust internal peers;
    LedgerLightClient internal client;
    bytes32 internal ledgerId;
    bytes32 internal anchorHash;

    function setUp() public {
        json = ivm.readFile(FIXTURE);
        anchorHash = ivm.parseJsonBytes32(json, ".anchorHash");
        vm.warp(_step(0).timestamp + 60);
        vm.chainId(CHAIN_B);
        ITrustStore.Member[] memory members = new ITrustStore.Member[](2);
        members[0] = ITrustStore.Member(brB, "BR", "ITI", true);
        members[1] = ITrustStore.Member(ptB, "PT", "GNS", true);
        storeB = new TrustStore(members, 0, 7 days);
        peers = PeerTrust(address(storeB.peerTrust()));
        client = new LedgerLightClient(address(peers));

        uint64 chainA = uint64(ivm.parseJsonUint(json, ".chainId"));
        bytes32 genesis = ivm.parseJsonBytes32(json, ".genesisHash");
        ledgerId = keccak256(abi.encode(chainA, genesis));
        bytes2[] memory countries = new bytes2[](1);
        countries[0] = "CN";
        IPeerTrust.Agreement memory agreement = IPeerTrust.Agreement({
            ledgerId: ledgerId,
            chainId: chainA,
            genesisHash: genesis,
            countries: countries,
            validators: ivm.parseJsonAddressArray(json, ".validators"),
            trustingPeriod: 14 days,
            trustedHeaderRlp: _step(0).header,
            holdTime: HOLD,
            trustStore: ivm.parseJsonAddress(json, ".trustStore"),
            transactionRegistry: address(0),
            lightClient: ILedgerLightClient(address(client))
        });
        vm.prank(brB);
        uint256 id = storeB.proposeAddPeering(agreement);
        vm.prank(ptB);
        storeB.approve(id);
        vm.prank(ptB);
        storeB.execute(id);
    }

    // ------------------------------------------------------------------ helpers

    function _step(uint256 i) internal view returns (Step memory s) {
        string memory at = string.concat(".blocks[", ivm.toString(i), "]");
        s.number = uint64(ivm.parseJsonUint(json, string.concat(at, ".number")));
        s.timestamp = uint64(ivm.parseJsonUint(json, string.concat(at, ".timestamp")));
        s.header = ivm.parseJsonBytes(json, string.concat(at, ".header"));
        s.head = ivm.parseJsonBytes32(json, string.concat(at, ".head"));
        s.accountProof = ivm.parseJsonBytesArray(json, string.concat(at, ".accountProof"));
        s.storageProof = ivm.parseJsonBytesArray(json, string.concat(at, ".storageProof"));
        s.entries = abi.decode(ivm.parseJsonBytes(json, string.concat(at, ".entries")), (ITrustStore.RouteEntry[]));
    }

    /// @dev What an honest relayer sends for fixture block `i`: its header, its proofs, its new entries.
    function _relay(uint256 i) internal returns (Step memory s) {
        s = _step(i);
        vm.warp(s.timestamp + 5);
        peers.syncWithHeader(ledgerId, s.header, s.accountProof, s.storageProof, s.entries);
    }

    function _none() internal pure returns (ITrustStore.RouteEntry[] memory) {
        return new ITrustStore.RouteEntry[](0);
    }

    function _status() internal view returns (IPeerTrust.RouteStatus) {
        return peers.route(anchorHash).status;
    }

    // ------------------------------------------------------------------ the honest relayer

    function test_AnnouncementWithdrawalAndKeepaliveEachInOneTransaction() public {
        Step memory s1 = _relay(1);
        vm.assertEq(uint256(_status()), uint256(IPeerTrust.RouteStatus.Active), "announced at block 1");
        vm.assertEq(client.headerAt(ledgerId, s1.number).stateRoot != bytes32(0), true, "header kept (records are proven at it)");

        _relay(2);
        vm.assertEq(uint256(_status()), uint256(IPeerTrust.RouteStatus.Withdrawn), "withdrawn at block 2");

        Step memory s3 = _relay(3);
        IPeerTrust.Peer memory p = peers.peer(ledgerId);
        vm.assertEq(p.provenNumber, s3.number, "the keepalive proved block 3");
        vm.assertEq(p.provenTime, s3.timestamp, "at its time");
        vm.assertEq(p.seq, 2, "two entries replayed");
        vm.assertEq(p.head, s3.head, "the head proven at block 3");
        vm.assertEq(uint256(_status()), uint256(IPeerTrust.RouteStatus.Withdrawn), "still withdrawn");
    }

    function test_AKeepaliveRefreshesTheHoldTimer() public {
        _relay(1);
        _relay(2);
        Step memory s3 = _step(3);
        vm.warp(s3.timestamp + HOLD + 1);
        vm.assertEq(uint256(peers.route(anchorHash).status), uint256(IPeerTrust.RouteStatus.Withdrawn), "a withdrawal stays withdrawn");
        // What the timer guards: the state B knows of A is older than the hold time until the keepalive.
        vm.assertEq(peers.peer(ledgerId).provenTime + HOLD < now_(), true, "stale before");
        peers.syncWithHeader(ledgerId, s3.header, s3.accountProof, s3.storageProof, _none());
        vm.assertEq(peers.peer(ledgerId).provenTime, s3.timestamp, "fresh after");
    }

    // ------------------------------------------------------------------ the relayer as attacker

    /// @dev Block 2 withdrew the root; a keepalive at block 3 with block 1's proof would keep it alive.
    function test_AKeepaliveWithAnOlderProofIsRefused() public {
        Step memory s1 = _relay(1);
        Step memory s3 = _step(3);
        vm.warp(s3.timestamp + 5);
        vm.expectRevert(abi.encodeWithSelector(MerklePatricia.MerklePatricia__HashMismatch.selector, 0));
        peers.syncWithHeader(ledgerId, s3.header, s1.accountProof, s1.storageProof, _none());
        vm.assertEq(peers.peer(ledgerId).provenNumber, s1.number, "B still knows A at block 1 only");
        vm.warp(s1.timestamp + HOLD + 1);
        vm.assertEq(uint256(_status()), uint256(IPeerTrust.RouteStatus.Stale), "and the route fails closed at the hold time");
    }

    function test_AKeepaliveWithoutTheWithdrawalIsRefused() public {
        Step memory s1 = _relay(1);
        Step memory s3 = _step(3);
        vm.warp(s3.timestamp + 5);
        vm.expectRevert(abi.encodeWithSelector(IPeerTrust.PeerTrust__HeadMismatch.selector, s3.head, s1.head));
        peers.syncWithHeader(ledgerId, s3.header, s3.accountProof, s3.storageProof, _none());
    }

    function test_TheTwoTransactionPathRefusesTheSameShortcuts() public {
        Step memory s1 = _relay(1);
        Step memory s2 = _step(2);
        Step memory s3 = _step(3);
        vm.warp(s3.timestamp + 5);
        client.submitHeader(ledgerId, s3.header);
        vm.expectRevert(abi.encodeWithSelector(MerklePatricia.MerklePatricia__HashMismatch.selector, 0));
        peers.sync(ledgerId, s3.number, s1.accountProof, s1.storageProof, _none());
        vm.expectRevert(abi.encodeWithSelector(IPeerTrust.PeerTrust__HeadMismatch.selector, s3.head, s1.head));
        peers.sync(ledgerId, s3.number, s3.accountProof, s3.storageProof, _none());
        peers.sync(ledgerId, s3.number, s3.accountProof, s3.storageProof, s2.entries);
        vm.assertEq(uint256(_status()), uint256(IPeerTrust.RouteStatus.Withdrawn), "the withdrawal arrives");
    }

    function test_AHeaderNotSealedByTheValidatorsIsRefused() public {
        _relay(1);
        Step memory s3 = _step(3);
        vm.warp(s3.timestamp + 5);
        bytes memory forged = s3.header;
        // The first byte of the state root (list prefix 3 bytes, parent hash 33, ommers 33, coinbase 21, root prefix 1).
        forged[3 + 33 + 33 + 21 + 1] ^= 0x01;
        ivm.expectPartialRevert(LedgerLightClient.LedgerLightClient__QuorumNotReached.selector);
        peers.syncWithHeader(ledgerId, forged, s3.accountProof, s3.storageProof, s3.entries);
    }

    function test_AHeaderAlreadyAcceptedGoesThroughSync() public {
        Step memory s1 = _step(1);
        vm.warp(s1.timestamp + 5);
        client.submitHeader(ledgerId, s1.header);
        vm.expectRevert(abi.encodeWithSelector(LedgerLightClient.LedgerLightClient__NumberTaken.selector, s1.number));
        peers.syncWithHeader(ledgerId, s1.header, s1.accountProof, s1.storageProof, s1.entries);
        peers.sync(ledgerId, s1.number, s1.accountProof, s1.storageProof, s1.entries);
        vm.assertEq(uint256(_status()), uint256(IPeerTrust.RouteStatus.Active), "announced");
    }
}
