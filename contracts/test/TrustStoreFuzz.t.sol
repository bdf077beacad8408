// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

// Tests cast string literals and values they have bounded themselves.
// forge-lint: disable-start(unsafe-typecast)

import {TrustStore} from "../src/TrustStore.sol";
import {ITrustStore} from "../src/interfaces/ITrustStore.sol";
import {Test} from "./utils/Test.sol";
import {Fixtures, RootFixture} from "./utils/Fixtures.sol";

/// @notice Fuzz tests of the proposal life cycle against a model written here.
contract TrustStoreLifecycleFuzzTest is Test {
    uint64 private constant PERIOD = 3 days;
    uint64 private constant START = 1_750_000_000;

    RootFixture private root;

    function setUp() public {
        vm.warp(START);
        root = Fixtures.root(Fixtures.ICP_BRASIL_V12);
    }

    /// @dev `count` Brazilian members, member(0) first.
    function _deploy(uint256 count, uint32 threshold) private returns (TrustStore store) {
        ITrustStore.Member[] memory founders = new ITrustStore.Member[](count);
        for (uint256 i; i < count; ++i) {
            founders[i] = ITrustStore.Member(_member(i), "BR", "authority", true);
        }
        store = new TrustStore(founders, threshold, PERIOD);
    }

    function _member(uint256 i) private pure returns (address) {
        return address(uint160(0x1000 + i));
    }

    /// A proposal executes exactly when its votes reach the threshold before it expires.
    function testFuzz_execute_iffApprovedBeforeExpiry(
        uint256 countSeed,
        uint256 thresholdSeed,
        uint256 voters,
        uint256 delay
    ) public {
        uint256 count = bound(countSeed, 1, 9);
        uint32 threshold = uint32(bound(thresholdSeed, 0, count));
        TrustStore store = _deploy(count, threshold);
        vm.prank(_member(0));
        uint256 id = store.proposeAddAnchor(root.der, "BR", 0);

        uint32 approvals = 1;
        for (uint256 i = 1; i < count; ++i) {
            if ((voters >> i) & 1 == 1) {
                vm.prank(_member(i));
                store.approve(id);
                ++approvals;
            }
        }
        uint32 required = threshold == 0 ? uint32(count / 2 + 1) : threshold;
        vm.assertEq(store.requiredApprovals(), required, "required approvals");
        vm.assertEq(store.proposal(id).approvals, approvals, "approvals");

        delay = bound(delay, 0, 2 * PERIOD);
        vm.warp(START + delay);
        if (delay >= PERIOD) {
            vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__ProposalExpired.selector, id));
        } else if (approvals < required) {
            vm.expectRevert(
                abi.encodeWithSelector(ITrustStore.TrustStore__NotApproved.selector, id, approvals, required)
            );
        }
        store.execute(id);
        bool executed = delay < PERIOD && approvals >= required;
        vm.assertEq(store.wasTrustedAt(root.hash, uint64(START + delay)), executed, "anchor active iff executed");
        vm.assertEq(store.proposal(id).executed, executed, "executed flag");
        vm.assertEq(store.openProposals(0, type(uint256).max).length, delay < PERIOD && !executed ? 1 : 0, "open while votable");
        if (executed) {
            vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__ProposalExecuted.selector, id));
            store.execute(id);
        }
    }

    /// Votes of members removed after voting stop counting; `hasVoted` keeps the record.
    function testFuzz_approvals_countOnlyActiveVoters(uint256 countSeed, uint256 voters, uint256 removed) public {
        uint256 count = bound(countSeed, 2, 9);
        TrustStore store = _deploy(count, 1); // member(0) alone passes the removals
        vm.prank(_member(0));
        uint256 id = store.proposeAddAnchor(root.der, "BR", 0);
        for (uint256 i = 1; i < count; ++i) {
            if ((voters >> i) & 1 == 1) {
                vm.prank(_member(i));
                store.approve(id);
            }
        }
        uint32 expected = 1;
        for (uint256 i = 1; i < count; ++i) {
            bool voted = (voters >> i) & 1 == 1;
            if ((removed >> i) & 1 == 1) {
                vm.prank(_member(0));
                store.execute(store.proposeRemoveMember(_member(i)));
            } else if (voted) {
                ++expected;
            }
            vm.assertEq(store.hasVoted(id, _member(i)), voted, "hasVoted survives removal");
        }
        vm.assertEq(store.proposal(id).approvals, expected, "active voters only");
        store.execute(id);
    }

    /// Only members vote, and each once.
    function testFuzz_approve_onlyMembersOnce(uint256 countSeed, uint256 actorSeed, address other) public {
        uint256 count = bound(countSeed, 2, 9);
        // Half the runs pick member(0..11), members or not; the others any address.
        address actor = actorSeed % 2 == 0 ? _member(bound(actorSeed >> 1, 0, 11)) : other;
        TrustStore store = _deploy(count, 0);
        vm.prank(_member(0));
        uint256 id = store.proposeThreshold(1);
        bool member = store.isActiveMember(actor);
        vm.prank(actor);
        if (!member) {
            vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__NotMember.selector, actor));
        } else if (actor == _member(0)) {
            vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__AlreadyVoted.selector, id, actor));
        }
        store.approve(id);
        if (member && actor != _member(0)) {
            vm.prank(actor);
            vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__AlreadyVoted.selector, id, actor));
            store.approve(id);
            vm.assertEq(store.proposal(id).approvals, 2, "two votes");
        } else {
            vm.assertEq(store.proposal(id).approvals, 1, "the proposer's only");
        }
    }

    /// `wasTrustedAt` and `checkPath` follow the status history for any time asked.
    function testFuzz_history_answersForAnyTime(
        uint32 suspendAfter,
        uint32 reinstateAfter,
        uint32 retireAfter,
        uint64 query
    ) public {
        TrustStore store = _deploy(1, 0);
        vm.prank(_member(0));
        store.execute(store.proposeAddAnchor(root.der, "BR", 0));
        uint64 added = START;
        uint64 suspended = added + uint64(bound(suspendAfter, 0, 365 days));
        uint64 reinstated = suspended + uint64(bound(reinstateAfter, 0, 365 days));
        uint64 retired = reinstated + uint64(bound(retireAfter, 0, 365 days));

        vm.warp(suspended);
        vm.prank(_member(0));
        store.suspendAnchor(root.hash, "audit");
        vm.warp(reinstated);
        vm.prank(_member(0));
        store.execute(store.proposeReinstateAnchor(root.hash));
        vm.warp(retired);
        vm.prank(_member(0));
        store.execute(store.proposeRetireAnchor(root.hash));

        query = uint64(bound(query, added - 10, retired + 10));
        ITrustStore.PathStatus expected;
        if (query < added) expected = ITrustStore.PathStatus.AnchorNotYetTrusted;
        else if (query >= retired) expected = ITrustStore.PathStatus.AnchorRetired;
        else if (query >= reinstated) expected = ITrustStore.PathStatus.Ok;
        else if (query >= suspended) expected = ITrustStore.PathStatus.AnchorSuspended;
        else expected = ITrustStore.PathStatus.Ok;

        bytes32[] memory path = new bytes32[](1);
        path[0] = root.hash;
        (ITrustStore.PathStatus status,) = store.checkPath(path, query);
        vm.assertEq(uint256(status), uint256(expected), "checkPath");
        vm.assertEq(store.wasTrustedAt(root.hash, query), expected == ITrustStore.PathStatus.Ok, "wasTrustedAt");
    }
}
