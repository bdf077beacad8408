// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {ITransactionRegistry} from "../src/interfaces/ITransactionRegistry.sol";
import {Vm} from "./utils/x509/Vm.sol";
import {TransactionScenario} from "./TransactionRegistry.t.sol";

/// @dev The list views of issue 16: open transactions per country (the inbox), summaries of many ids,
/// and the `PartyRequired` topics a node filters by. Transaction 1 (setUp): any BR identity and Bob (CN).
contract TransactionRegistryListsTest is TransactionScenario {
    function _ids(ITransactionRegistry.Summary[] memory list) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](list.length);
        for (uint256 i; i < list.length; ++i) {
            ids[i] = list[i].id;
        }
    }

    function _open(bytes2 country, address account) internal view returns (uint256[] memory) {
        (ITransactionRegistry.Summary[] memory list,) = registry.openTransactionsOf(country, account, 0, 50);
        return _ids(list);
    }

    function assertEq(uint256[] memory a, uint256[] memory b, string memory message) internal pure {
        assertEq(abi.encode(a), abi.encode(b), message);
    }

    function _one(uint256 id) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](1);
        ids[0] = id;
    }

    function test_ListsAnOpenTransactionForEachPartyThatMaySignIt() public view {
        assertEq(_open("BR", ALICE), _one(1), "any BR identity");
        assertEq(_open("CN", BOB), _one(1), "Bob, named");
        assertEq(_open("CN", DAVE).length, 0, "another CN wallet: the seat names Bob");
        assertEq(_open("CN", address(0)), _one(1), "the whole country");
        assertEq(_open("US", ALICE).length, 0, "no party of that country");
        (ITransactionRegistry.Summary[] memory list,) = registry.openTransactionsOf("BR", ALICE, 0, 50);
        assertEq(uint256(list[0].status), uint256(ITransactionRegistry.Status.Proposed), "status");
        assertEq(bytes(list[0].transaction.terms.paymentReference), bytes("INV-2026-001"), "terms");
        assertEq(list[0].signedBy.length, 2, "one signer slot per party");
    }

    function test_DropsWhatNoLongerWaitsForThePerson() public {
        _sign(ALICE, 1, 0, "holder-tx1");
        assertEq(_open("BR", ALICE).length, 0, "Alice signed");
        assertEq(_open("BR", CAROL).length, 0, "the BR seat is taken");
        assertEq(_open("CN", BOB), _one(1), "still waits for Bob");
        (ITransactionRegistry.Summary[] memory list,) = registry.openTransactionsOf("CN", BOB, 0, 50);
        assertEq(list[0].signedBy[0], ALICE, "who signed");
        assertEq(uint256(list[0].status), uint256(ITransactionRegistry.Status.PartiallySigned), "partially signed");
        _sign(BOB, 1, 1, "echolder-tx1");
        assertEq(_open("CN", address(0)).length, 0, "completed: unlinked");
        assertEq(_open("BR", address(0)).length, 0, "from every country");
        assertEq(uint256(registry.summariesOf(_one(1))[0].status), uint256(ITransactionRegistry.Status.Completed), "summary");
    }

    function test_NewestFirstPagedAndUnlinkedOnCancel() public {
        for (uint256 i; i < 4; ++i) {
            _create(registry, ALICE); // ids 2..5
        }
        (ITransactionRegistry.Summary[] memory page, uint256 next) = registry.openTransactionsOf("BR", CAROL, 0, 2);
        assertEq(page[0].id, 5, "newest first");
        assertEq(page[1].id, 4, "then older");
        assertEq(next, 4, "continues below the last");
        vm.prank(ALICE);
        registry.cancel(3); // from the middle of the list
        (page, next) = registry.openTransactionsOf("BR", CAROL, next, 2);
        assertEq(page.length, 2, "second page");
        assertEq(page[0].id, 2, "3 was cancelled");
        assertEq(page[1].id, 1, "oldest");
        assertEq(next, 0, "the end");
        vm.prank(ALICE);
        registry.cancel(5); // the newest
        assertEq(_open("CN", BOB).length, 3, "4, 2, 1 remain");
        assertEq(_open("CN", BOB)[0], 4, "the head moved");
    }

    function test_SkipsExpiredTransactions() public {
        vm.warp(DEADLINE + 1);
        assertEq(_open("BR", ALICE).length, 0, "expired");
        assertEq(uint256(registry.summariesOf(_one(1))[0].status), uint256(ITransactionRegistry.Status.Expired), "summary says so");
    }

    function test_ListsATransactionOnceForTwoSeatsOfOneCountry() public {
        ITransactionRegistry.Party[] memory parties = new ITransactionRegistry.Party[](2);
        parties[0] = ITransactionRegistry.Party({country: "CN", account: address(0)});
        parties[1] = ITransactionRegistry.Party({country: "CN", account: address(0)});
        vm.prank(ALICE);
        uint256 id = registry.create(parties, bytes32(0), _terms(), DEADLINE);
        assertEq(_open("CN", DAVE), _one(id), "once");
        vm.prank(ALICE);
        registry.cancel(id);
        assertEq(_open("CN", BOB), _one(1), "unlinked once, the list intact");
    }

    function test_RevertWhen_SummaryOfUnknownId() public {
        vm.expectRevert(abi.encodeWithSelector(ITransactionRegistry.TransactionRegistry__UnknownTransaction.selector, 9));
        registry.summariesOf(_one(9));
    }

    function test_EmitsPartyRequiredWithCountryAndAccountTopics() public {
        vm.recordLogs();
        uint256 id = _create(registry, ALICE);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        bytes32 topic = keccak256("PartyRequired(uint256,bytes2,address,uint256)");
        uint256 seen;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] != topic) continue;
            assertEq(uint256(logs[i].topics[1]), id, "id topic");
            uint256 index = abi.decode(logs[i].data, (uint256));
            bytes2 country = index == 0 ? bytes2("BR") : bytes2("CN");
            address account = index == 0 ? address(0) : BOB;
            assertEq(logs[i].topics[2], bytes32(country), "country topic");
            assertEq(logs[i].topics[3], bytes32(uint256(uint160(account))), "account topic");
            ++seen;
        }
        assertEq(seen, 2, "one per party");
    }

    // ------------------------------------------------------------------ unlisting expired ones

    function _createUntil(uint64 deadline) internal returns (uint256 id) {
        ITransactionRegistry.Party[] memory parties = _parties();
        ITransactionRegistry.Terms memory terms = _terms();
        vm.prank(ALICE);
        id = registry.create(parties, bytes32(0), terms, deadline);
    }

    function _expired(bytes2 country) internal view returns (uint256[] memory ids) {
        (ids,) = registry.expiredOpenOf(country, 0, 50);
    }

    function _two(uint256 a, uint256 b) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](2);
        (ids[0], ids[1]) = (a, b);
    }

    function test_AnyoneUnlistsAnExpiredTransactionAndTheListStaysWhole() public {
        uint256 short = _createUntil(uint64(NOW + 1 days)); // 2
        uint256 live = _createUntil(DEADLINE); // 3
        vm.warp(NOW + 2 days);
        assertEq(_expired("BR"), _one(short), "expired, still linked");
        assertEq(_expired("CN"), _one(short), "on every country's list");
        vm.recordLogs();
        vm.prank(DAVE); // a stranger
        registry.unlistExpired(_one(short));
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 1, "one event");
        assertEq(logs[0].topics[0], keccak256("TransactionUnlisted(uint256)"), "TransactionUnlisted");
        assertEq(uint256(logs[0].topics[1]), short, "its id");
        assertEq(_expired("BR").length, 0, "unlinked from BR");
        assertEq(_expired("CN").length, 0, "unlinked from CN");
        assertEq(_open("BR", CAROL), _two(live, 1), "the live ones stay, in order");
        assertEq(_open("CN", BOB), _two(live, 1), "on both lists");
        assertEq(uint256(registry.statusOf(short)), uint256(ITransactionRegistry.Status.Expired), "status unchanged");
        // Again (a second pruner): nothing happens, and the list is not cut.
        vm.recordLogs();
        registry.unlistExpired(_one(short));
        assertEq(vm.getRecordedLogs().length, 0, "no event the second time");
        assertEq(_open("BR", CAROL), _two(live, 1), "BR list intact");
        assertEq(_open("CN", BOB), _two(live, 1), "CN list intact");
        // The head of the list, then the last one: unlinking keeps the neighbours linked.
        vm.warp(DEADLINE + 1);
        assertEq(_expired("BR"), _two(live, 1), "both expired now");
        registry.unlistExpired(_two(live, 1));
        assertEq(_expired("BR").length + _expired("CN").length, 0, "lists empty");
        uint256 next = _createUntil(uint64(DEADLINE + 1 days));
        assertEq(_open("BR", CAROL), _one(next), "a new one heads the emptied list");
    }

    function test_RevertWhen_UnlistingATransactionThatIsNotExpired() public {
        uint256 cancelled = _createUntil(DEADLINE);
        vm.prank(ALICE);
        registry.cancel(cancelled);
        vm.expectRevert(
            abi.encodeWithSelector(ITransactionRegistry.TransactionRegistry__NotExpired.selector, 1, ITransactionRegistry.Status.Proposed)
        );
        registry.unlistExpired(_one(1));
        _sign(ALICE, 1, 0, "holder-tx1");
        vm.expectRevert(
            abi.encodeWithSelector(
                ITransactionRegistry.TransactionRegistry__NotExpired.selector, 1, ITransactionRegistry.Status.PartiallySigned
            )
        );
        registry.unlistExpired(_one(1));
        vm.expectRevert(
            abi.encodeWithSelector(
                ITransactionRegistry.TransactionRegistry__NotExpired.selector, cancelled, ITransactionRegistry.Status.Cancelled
            )
        );
        registry.unlistExpired(_one(cancelled));
        vm.expectRevert(abi.encodeWithSelector(ITransactionRegistry.TransactionRegistry__UnknownTransaction.selector, 9));
        registry.unlistExpired(_one(9));
        // An expired one beside a live one in one call: all or nothing.
        uint256 short = _createUntil(uint64(NOW + 1 days));
        vm.warp(NOW + 2 days);
        vm.expectRevert(
            abi.encodeWithSelector(
                ITransactionRegistry.TransactionRegistry__NotExpired.selector, 1, ITransactionRegistry.Status.PartiallySigned
            )
        );
        registry.unlistExpired(_two(short, 1));
        assertEq(_open("CN", BOB), _one(1), "the live one is still listed");
        assertEq(_expired("CN"), _one(short), "and the expired one too");
    }

    /// @dev 500 expired ones newer than a live one fill a call's scan: the inbox needs a second call
    /// until they are unlisted, then one call finds it.
    function test_UnlistingExpiredOnesLetsOneCallReachTheLiveOne() public {
        uint256[] memory stale = new uint256[](500);
        for (uint256 i; i < stale.length; ++i) {
            stale[i] = _createUntil(uint64(NOW + 1 days));
        }
        vm.warp(NOW + 2 days);
        (ITransactionRegistry.Summary[] memory page, uint256 next) = registry.openTransactionsOf("CN", BOB, 0, 20);
        assertEq(page.length, 0, "the scan ended among expired ones");
        assertEq(next, stale[0], "to be continued");
        (uint256[] memory found, uint256 more) = registry.expiredOpenOf("CN", 0, 100);
        assertEq(found.length, 100, "a page of expired ones");
        assertEq(found[0], stale[499], "newest first");
        assertEq(more, stale[400], "continues below the last");
        for (uint256 i; i < stale.length; i += 100) {
            uint256[] memory chunk = new uint256[](100);
            for (uint256 j; j < 100; ++j) {
                chunk[j] = stale[i + j];
            }
            registry.unlistExpired(chunk);
        }
        (page, next) = registry.openTransactionsOf("CN", BOB, 0, 20);
        assertEq(_ids(page), _one(1), "one call reaches it");
        assertEq(next, 0, "the end");
    }
}
