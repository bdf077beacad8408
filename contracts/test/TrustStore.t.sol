// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

// Tests cast string literals and values they have bounded themselves.
// forge-lint: disable-start(unsafe-typecast)

import {TrustStore} from "../src/TrustStore.sol";
import {ITrustStore} from "../src/interfaces/ITrustStore.sol";
import {Der} from "../src/lib/Der.sol";
import {X509} from "../src/lib/X509.sol";
import {Fixtures, RootFixture} from "./utils/Fixtures.sol";
import {TrustStoreBase} from "./utils/TrustStoreBase.sol";

contract TrustStoreConstructorTest is TrustStoreBase {
    function test_constructor_setsMembersThresholdAndPeriod() public view {
        ITrustStore.Member[] memory list = store.members();
        vm.assertEq(list.length, 3, "three members");
        vm.assertEq(list[0].account, brazil, "first member");
        vm.assertEq(bytes32(list[0].country), bytes32(bytes2("BR")), "country");
        vm.assertEq(list[1].name, "NRCAC", "name");
        vm.assertTrue(list[2].active, "active");
        vm.assertEq(store.threshold(), 0, "majority");
        vm.assertEq(store.requiredApprovals(), 2, "2 of 3");
        vm.assertEq(store.votingPeriod(), VOTING_PERIOD, "voting period");
        vm.assertEq(store.proposalCount(), 0, "no proposal");
        vm.assertEq(store.anchorCount(), 0, "no anchor");
    }

    function test_constructor_emitsMemberAddedAndThreshold() public {
        ITrustStore.Member[] memory founders = _founders();
        vm.expectEmit();
        emit ITrustStore.MemberAdded(brazil, "BR", founders[0].name, 0);
        vm.expectEmit();
        emit ITrustStore.MemberAdded(china, "CN", founders[1].name, 0);
        vm.expectEmit();
        emit ITrustStore.MemberAdded(portugal, "PT", founders[2].name, 0);
        vm.expectEmit();
        emit ITrustStore.ThresholdChanged(0, 3, 0);
        TrustStore fresh = new TrustStore(founders, 3, 1 days);
        vm.assertEq(fresh.requiredApprovals(), 3, "fixed threshold");
    }

    function test_constructor_ignoresActiveFlag() public {
        ITrustStore.Member[] memory founders = _founders();
        founders[1].active = false;
        TrustStore fresh = new TrustStore(founders, 0, 1 days);
        vm.assertTrue(fresh.isActiveMember(china), "every founder is active");
    }

    function test_constructor_refusesNoMembers() public {
        vm.expectRevert(ITrustStore.TrustStore__LastMember.selector);
        new TrustStore(new ITrustStore.Member[](0), 0, 1 days);
    }

    function test_constructor_refusesZeroVotingPeriod() public {
        ITrustStore.Member[] memory founders = _founders();
        vm.expectRevert(ITrustStore.TrustStore__InvalidVotingPeriod.selector);
        new TrustStore(founders, 0, 0);
    }

    function test_constructor_refusesThresholdAboveMembers() public {
        ITrustStore.Member[] memory founders = _founders();
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__InvalidThreshold.selector, 4, 3));
        new TrustStore(founders, 4, 1 days);
    }

    function test_constructor_refusesBadMembers() public {
        ITrustStore.Member[] memory founders = _founders();
        founders[1].country = "cn";
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__InvalidCountry.selector, bytes2("cn")));
        new TrustStore(founders, 0, 1 days);

        founders = _founders();
        founders[1].account = address(0);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__InvalidMember.selector, address(0)));
        new TrustStore(founders, 0, 1 days);

        founders = _founders();
        founders[1].name = "";
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__InvalidMember.selector, china));
        new TrustStore(founders, 0, 1 days);

        founders = _founders();
        founders[2].account = brazil;
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__MemberExists.selector, brazil));
        new TrustStore(founders, 0, 1 days);
    }
}

contract TrustStoreProposalTest is TrustStoreBase {
    function test_proposeAddAnchor_recordsProposalWithProposerVote() public {
        bytes memory data = abi.encode(v5.der, bytes2("BR"), uint8(0));
        vm.expectEmit();
        emit ITrustStore.ProposalCreated(1, ITrustStore.ProposalKind.AddAnchor, brazil, START + VOTING_PERIOD, data);
        vm.expectEmit();
        emit ITrustStore.ProposalApproved(1, brazil, 1);
        vm.prank(brazil);
        uint256 id = store.proposeAddAnchor(v5.der, "BR", 0);

        vm.assertEq(id, 1, "first id");
        ITrustStore.Proposal memory p = store.proposal(id);
        vm.assertEq(p.id, 1, "id");
        vm.assertEq(uint256(p.kind), uint256(ITrustStore.ProposalKind.AddAnchor), "kind");
        vm.assertEq(p.proposer, brazil, "proposer");
        vm.assertEq(p.createdAt, START, "createdAt");
        vm.assertEq(p.expiresAt, START + VOTING_PERIOD, "expiresAt");
        vm.assertEq(p.approvals, 1, "proposer's vote");
        vm.assertFalse(p.executed, "not executed");
        vm.assertEq(p.data, data, "data");
        vm.assertTrue(store.hasVoted(id, brazil), "proposer voted");
        vm.assertFalse(store.hasVoted(id, china), "china did not");
        vm.assertEq(store.anchor(v5.hash).hash, bytes32(0), "not an anchor before execution");
    }

    function test_proposeAddAnchor_refusesNonMember() public {
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__NotMember.selector, outsider));
        store.proposeAddAnchor(v5.der, "BR", 0);
    }

    function test_proposeAddAnchor_refusesOtherCountry() public {
        vm.prank(china);
        vm.expectRevert(
            abi.encodeWithSelector(ITrustStore.TrustStore__NotMemberOfCountry.selector, china, bytes2("BR"))
        );
        store.proposeAddAnchor(v5.der, "BR", 0);
    }

    function test_proposeAddAnchor_refusesMalformedDer() public {
        bytes memory der = v5.der;
        der[1] = 0x80; // indefinite length
        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(Der.Der__InvalidLength.selector, 0));
        store.proposeAddAnchor(der, "BR", 0);

        bytes memory truncated = new bytes(v5.der.length - 1);
        for (uint256 i; i < truncated.length; ++i) {
            truncated[i] = v5.der[i];
        }
        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(Der.Der__Truncated.selector, 0));
        store.proposeAddAnchor(truncated, "BR", 0);

        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(Der.Der__TrailingBytes.selector, v5.der.length));
        store.proposeAddAnchor(bytes.concat(v5.der, hex"00"), "BR", 0);
        vm.assertEq(store.proposalCount(), 0, "nothing proposed");
    }

    function testFuzz_proposeAddAnchor_refusesMutatedDerWithCustomError(uint256 position, uint8 value) public {
        bytes memory der = v5.der;
        uint256 at = bound(position, 0, 15); // headers of the outer, TBS, version and serial
        vm.assume(uint8(der[at]) != value);
        der[at] = bytes1(value);
        vm.prank(brazil);
        try store.proposeAddAnchor(der, "BR", 0) returns (uint256) {
            // A harmless change (e.g. in the serial number) still gives a certificate, just another one.
            vm.assertEq(store.proposalCount(), 1, "a different certificate, proposed");
        } catch (bytes memory reason) {
            vm.assertTrue(reason.length >= 4, "custom error data");
            bytes4 selector = bytes4(reason);
            vm.assertTrue(
                selector == X509.X509__MalformedDer.selector || selector == Der.Der__Truncated.selector
                    || selector == Der.Der__InvalidLength.selector || selector == Der.Der__UnsupportedTag.selector
                    || selector == Der.Der__UnexpectedTag.selector || selector == Der.Der__TrailingBytes.selector
                    || selector == X509.X509__UnsupportedVersion.selector
                    || selector == X509.X509__AlgorithmMismatch.selector
                    || selector == ITrustStore.TrustStore__NotRootCertificate.selector,
                "a DER custom error, never a panic"
            );
        }
    }

    function test_proposeAddAnchor_refusesExistingAnchor() public {
        _addAnchor(v5, "BR", brazil);
        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__AnchorExists.selector, v5.hash));
        store.proposeAddAnchor(v5.der, "BR", 0);
    }

    function test_approve_countsVote() public {
        vm.prank(brazil);
        uint256 id = store.proposeAddAnchor(v5.der, "BR", 0);
        vm.expectEmit();
        emit ITrustStore.ProposalApproved(id, china, 2);
        vm.prank(china);
        store.approve(id);
        vm.assertEq(store.proposal(id).approvals, 2, "two votes");
        vm.assertTrue(store.hasVoted(id, china), "china voted");
    }

    function test_approve_refusals() public {
        vm.prank(brazil);
        uint256 id = store.proposeAddAnchor(v5.der, "BR", 0);

        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__NotMember.selector, outsider));
        store.approve(id);

        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__AlreadyVoted.selector, id, brazil));
        store.approve(id);

        vm.prank(china);
        store.approve(id);
        vm.prank(china);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__AlreadyVoted.selector, id, china));
        store.approve(id);

        vm.prank(china);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__UnknownProposal.selector, 0));
        store.approve(0);
        vm.prank(china);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__UnknownProposal.selector, 2));
        store.approve(2);

        vm.prank(brazil);
        store.execute(id);
        vm.prank(portugal);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__ProposalExecuted.selector, id));
        store.approve(id);
    }

    function test_approve_refusesAtExpiry() public {
        vm.prank(brazil);
        uint256 id = store.proposeAddAnchor(v5.der, "BR", 0);
        _warpBy(VOTING_PERIOD - 1);
        vm.prank(china);
        store.approve(id); // the last second of the vote
        _warpBy(1);
        vm.prank(portugal);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__ProposalExpired.selector, id));
        store.approve(id);
    }

    function test_execute_addAnchor_recordsEverything() public {
        vm.prank(brazil);
        uint256 id = store.proposeAddAnchor(v5.der, "BR", 0);
        vm.prank(china);
        store.approve(id);

        vm.expectEmit();
        emit ITrustStore.AnchorAdded(v5.hash, "BR", v5.spkiHash, v5.notBefore, v5.notAfter, id, v5.der);
        vm.expectEmit();
        emit ITrustStore.ProposalExecuted(id, china);
        vm.prank(china); // any active member may execute
        store.execute(id);

        ITrustStore.Anchor memory a = store.anchor(v5.hash);
        vm.assertEq(a.hash, v5.hash, "hash: SHA-256 of the tbsCertificate");
        vm.assertTrue(a.hash != v5.derHash, "not of the whole DER");
        vm.assertEq(a.exceptions, 0, "no exception declared");
        vm.assertEq(bytes32(a.country), bytes32(bytes2("BR")), "country");
        vm.assertEq(a.spkiHash, v5.spkiHash, "SPKI hash as openssl computes it");
        vm.assertEq(a.notBefore, v5.notBefore, "notBefore");
        vm.assertEq(a.notAfter, v5.notAfter, "notAfter");
        vm.assertEq(uint256(a.status), uint256(ITrustStore.AnchorStatus.Active), "active");
        vm.assertEq(a.proposalId, id, "proposal");
        vm.assertEq(a.history.length, 1, "one change");
        vm.assertEq(a.history[0].at, START, "added now");
        vm.assertEq(uint256(a.history[0].status), uint256(ITrustStore.AnchorStatus.Active), "added");
        vm.assertEq(a.der, v5.der, "DER");
        vm.assertTrue(store.proposal(id).executed, "executed");
        vm.assertEq(store.anchorCount(), 1, "one anchor");
    }

    function test_execute_addsChineseSm2Root() public {
        _addAnchor(cnRoot, "CN", china);
        ITrustStore.Anchor memory a = store.anchor(cnRoot.hash);
        vm.assertEq(a.spkiHash, cnRoot.spkiHash, "SM2 SPKI hash");
        vm.assertEq(a.notAfter, cnRoot.notAfter, "notAfter 2042");
        vm.assertTrue(store.wasTrustedAt(cnRoot.hash, START), "trusted");
    }

    function test_execute_refusals() public {
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__UnknownProposal.selector, 1));
        vm.prank(brazil);
        store.execute(1);

        vm.prank(brazil);
        uint256 id = store.proposeAddAnchor(v5.der, "BR", 0);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__NotApproved.selector, id, 1, 2));
        vm.prank(brazil);
        store.execute(id);

        vm.prank(china);
        store.approve(id);
        // Only active members execute: the moment an approval takes effect is theirs to choose.
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__NotMember.selector, outsider));
        store.execute(id);
        vm.prank(brazil);
        store.execute(id);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__ProposalExecuted.selector, id));
        vm.prank(brazil);
        store.execute(id);
    }

    function test_execute_refusesExpired() public {
        vm.prank(brazil);
        uint256 id = store.proposeAddAnchor(v5.der, "BR", 0);
        vm.prank(china);
        store.approve(id);
        _warpBy(VOTING_PERIOD);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__ProposalExpired.selector, id));
        vm.prank(brazil);
        store.execute(id);
    }

    function test_proposeAddAnchor_refusesSecondOpenProposalOfSameAnchor() public {
        vm.prank(brazil);
        uint256 first = store.proposeAddAnchor(v5.der, "BR", 0);
        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__DuplicateProposal.selector, first));
        store.proposeAddAnchor(v5.der, "BR", 0);
        // Once the first has expired, the anchor may be proposed again.
        _warpBy(VOTING_PERIOD);
        vm.prank(brazil);
        uint256 second = store.proposeAddAnchor(v5.der, "BR", 0);
        vm.prank(china);
        store.approve(second);
        vm.prank(china);
        store.execute(second);
        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__AnchorExists.selector, v5.hash));
        store.proposeAddAnchor(v5.der, "BR", 0);
    }

    function test_execute_countsOnlyVotesOfActiveMembers() public {
        vm.prank(brazil);
        uint256 id = store.proposeAddAnchor(v5.der, "BR", 0);
        vm.prank(china);
        store.approve(id);
        _pass(portugal, brazil, abi.encodeCall(ITrustStore.proposeRemoveMember, (china)));
        // Two members remain, so a majority is 2; china's vote no longer counts.
        vm.assertEq(store.proposal(id).approvals, 1, "only brazil's vote");
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__NotApproved.selector, id, 1, 2));
        vm.prank(brazil);
        store.execute(id);
        vm.prank(portugal);
        store.approve(id);
        vm.prank(brazil);
        store.execute(id);
    }

    function test_openProposals_listsOnlyUnexecutedUnexpired() public {
        vm.prank(brazil);
        uint256 expiring = store.proposeAddAnchor(v5.der, "BR", 0);
        _warpBy(1 days);
        vm.prank(brazil);
        uint256 executed = store.proposeAddAnchor(v10.der, "BR", 0);
        vm.prank(china);
        uint256 open = store.proposeAddAnchor(cnRoot.der, "CN", 0);
        vm.prank(portugal);
        store.approve(executed);
        vm.prank(brazil);
        store.execute(executed);

        ITrustStore.Proposal[] memory list = store.openProposals(0, type(uint256).max);
        vm.assertEq(list.length, 2, "two open");
        vm.assertEq(list[0].id, expiring, "oldest first");
        vm.assertEq(list[1].id, open, "then the newest");

        _warpBy(VOTING_PERIOD - 1 days);
        list = store.openProposals(0, type(uint256).max);
        vm.assertEq(list.length, 1, "the first expired");
        vm.assertEq(list[0].id, open, "open");
        _warpBy(1 days);
        vm.assertEq(store.openProposals(0, type(uint256).max).length, 0, "all expired");
    }

    function test_proposal_refusesUnknownId() public {
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__UnknownProposal.selector, 0));
        store.proposal(0);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__UnknownProposal.selector, 1));
        store.proposal(1);
    }
}

contract TrustStoreAnchorTest is TrustStoreBase {
    function setUp() public override {
        super.setUp();
        _addAnchor(v5, "BR", brazil);
    }

    function test_anchors_pagedAndByCountry() public {
        _addAnchor(cnRoot, "CN", china);
        _addAnchor(v10, "BR", brazil);

        ITrustStore.Anchor[] memory page = store.anchors(1, 5);
        vm.assertEq(page.length, 2, "two from offset 1");
        vm.assertEq(page[0].hash, cnRoot.hash, "second added");
        vm.assertEq(page[1].hash, v10.hash, "third added");
        vm.assertEq(store.anchors(0, 1).length, 1, "limit");
        vm.assertEq(store.anchors(0, 1)[0].hash, v5.hash, "first added");
        vm.assertEq(store.anchors(3, 1).length, 0, "past the end");
        vm.assertEq(store.anchors(0, 0).length, 0, "limit 0");
        vm.assertEq(store.anchors(2, type(uint256).max).length, 1, "huge limit");

        ITrustStore.Anchor[] memory brazilian = store.anchorsByCountry("BR");
        vm.assertEq(brazilian.length, 2, "two BR");
        vm.assertEq(brazilian[0].hash, v5.hash, "v5");
        vm.assertEq(brazilian[1].hash, v10.hash, "v10");
        vm.assertEq(store.anchorsByCountry("CN")[0].der, cnRoot.der, "CN DER");
        vm.assertEq(store.anchorsByCountry("AR").length, 0, "none");
    }

    function test_anchor_unknownIsNone() public view {
        ITrustStore.Anchor memory a = store.anchor(v10.hash);
        vm.assertEq(uint256(a.status), uint256(ITrustStore.AnchorStatus.None), "None");
        vm.assertEq(a.der.length, 0, "no DER");
        vm.assertFalse(store.wasTrustedAt(v10.hash, START), "never trusted");
    }

    function test_suspendAnchor_byMemberOfCountry() public {
        _warpBy(100);
        vm.expectEmit();
        emit ITrustStore.AnchorSuspended(v5.hash, "BR", brazil, "key compromise suspected");
        vm.prank(brazil);
        store.suspendAnchor(v5.hash, "key compromise suspected");
        ITrustStore.Anchor memory a = store.anchor(v5.hash);
        vm.assertEq(uint256(a.status), uint256(ITrustStore.AnchorStatus.Suspended), "suspended");
        vm.assertEq(a.history.length, 2, "two changes");
        vm.assertEq(a.history[1].at, START + 100, "at");
        vm.assertTrue(store.wasTrustedAt(v5.hash, START + 99), "trusted before");
        vm.assertFalse(store.wasTrustedAt(v5.hash, START + 100), "not from the suspension on");
    }

    function test_suspendAnchor_refusals() public {
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__NotMember.selector, outsider));
        store.suspendAnchor(v5.hash, "");

        vm.prank(china);
        vm.expectRevert(
            abi.encodeWithSelector(ITrustStore.TrustStore__NotMemberOfCountry.selector, china, bytes2("BR"))
        );
        store.suspendAnchor(v5.hash, "");

        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__UnknownAnchor.selector, v10.hash));
        store.suspendAnchor(v10.hash, "");

        vm.prank(brazil);
        store.suspendAnchor(v5.hash, "");
        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__AnchorNotActive.selector, v5.hash));
        store.suspendAnchor(v5.hash, "");

        _pass(china, portugal, abi.encodeCall(ITrustStore.proposeRetireAnchor, (v5.hash)));
        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__AnchorRetired.selector, v5.hash));
        store.suspendAnchor(v5.hash, "");
    }

    function test_reinstateAnchor_throughProposal() public {
        vm.prank(brazil);
        store.suspendAnchor(v5.hash, "audit");
        _warpBy(1 days);
        vm.prank(brazil);
        uint256 id = store.proposeReinstateAnchor(v5.hash);
        vm.prank(china);
        store.approve(id);
        vm.expectEmit();
        emit ITrustStore.AnchorReinstated(v5.hash, "BR", id);
        vm.prank(brazil);
        store.execute(id);

        ITrustStore.Anchor memory a = store.anchor(v5.hash);
        vm.assertEq(uint256(a.status), uint256(ITrustStore.AnchorStatus.Active), "active again");
        vm.assertEq(a.history.length, 3, "added, suspended, reinstated");
        vm.assertTrue(store.wasTrustedAt(v5.hash, START + 1 days), "trusted again");
        vm.assertFalse(store.wasTrustedAt(v5.hash, START + 1 days - 1), "not while suspended");
        // Added and suspended in the same second: the later change is in force at that second.
        vm.assertFalse(store.wasTrustedAt(v5.hash, START), "same-second changes: the last wins");
    }

    function test_reinstateAnchor_refusals() public {
        vm.prank(china);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__AnchorNotSuspended.selector, v5.hash));
        store.proposeReinstateAnchor(v5.hash);

        vm.prank(china);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__UnknownAnchor.selector, v10.hash));
        store.proposeReinstateAnchor(v10.hash);

        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__NotMember.selector, outsider));
        store.proposeReinstateAnchor(v5.hash);

        // Proposed while suspended, but the anchor is retired before execution: the proposal is stale.
        vm.prank(brazil);
        store.suspendAnchor(v5.hash, "");
        vm.prank(brazil);
        uint256 reinstate = store.proposeReinstateAnchor(v5.hash);
        vm.prank(china);
        store.approve(reinstate);
        _pass(china, portugal, abi.encodeCall(ITrustStore.proposeRetireAnchor, (v5.hash)));
        vm.assertTrue(store.proposal(reinstate).stale, "stale");
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__StaleProposal.selector, reinstate));
        vm.prank(brazil);
        store.execute(reinstate);
        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__AnchorRetired.selector, v5.hash));
        store.proposeReinstateAnchor(v5.hash);
    }

    function test_reinstateAnchor_refusedWhenAlreadyActiveAtExecution() public {
        vm.prank(brazil);
        store.suspendAnchor(v5.hash, "");
        vm.prank(brazil);
        uint256 first = store.proposeReinstateAnchor(v5.hash);
        // A second, equivalent proposal is refused while the first is open.
        vm.prank(china);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__DuplicateProposal.selector, first));
        store.proposeReinstateAnchor(v5.hash);
        vm.prank(china);
        store.approve(first);
        vm.prank(brazil);
        store.execute(first);
        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__ProposalExecuted.selector, first));
        store.execute(first);
        vm.prank(china);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__AnchorNotSuspended.selector, v5.hash));
        store.proposeReinstateAnchor(v5.hash);
    }

    function test_retireAnchor_isFinal() public {
        _warpBy(10);
        // Any member may propose to retire, not only the anchor's country.
        vm.prank(china);
        uint256 id = store.proposeRetireAnchor(v5.hash);
        vm.prank(portugal);
        store.approve(id);
        vm.expectEmit();
        emit ITrustStore.AnchorRetired(v5.hash, "BR", id);
        vm.prank(brazil);
        store.execute(id);

        vm.assertEq(uint256(store.anchor(v5.hash).status), uint256(ITrustStore.AnchorStatus.Retired), "retired");
        vm.assertTrue(store.wasTrustedAt(v5.hash, START + 9), "trusted before retirement");
        vm.assertFalse(store.wasTrustedAt(v5.hash, START + 10), "not after");
        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__AnchorRetired.selector, v5.hash));
        store.proposeRetireAnchor(v5.hash);
    }

    function test_retireAnchor_refusals() public {
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__NotMember.selector, outsider));
        store.proposeRetireAnchor(v5.hash);
        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__UnknownAnchor.selector, v10.hash));
        store.proposeRetireAnchor(v10.hash);

        vm.prank(brazil);
        uint256 first = store.proposeRetireAnchor(v5.hash);
        vm.prank(china);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__DuplicateProposal.selector, first));
        store.proposeRetireAnchor(v5.hash);
        // Suspension changes the anchor's history: the retirement approved before it is stale.
        vm.prank(china);
        store.approve(first);
        vm.prank(brazil);
        store.suspendAnchor(v5.hash, "");
        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__StaleProposal.selector, first));
        store.execute(first);
        // A stale proposal no longer blocks an equivalent one.
        _pass(china, portugal, abi.encodeCall(ITrustStore.proposeRetireAnchor, (v5.hash)));
        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__AnchorRetired.selector, v5.hash));
        store.proposeRetireAnchor(v5.hash);
    }

    function test_retireAnchor_fromSuspended() public {
        vm.prank(brazil);
        store.suspendAnchor(v5.hash, "");
        _pass(brazil, china, abi.encodeCall(ITrustStore.proposeRetireAnchor, (v5.hash)));
        vm.assertEq(uint256(store.anchor(v5.hash).status), uint256(ITrustStore.AnchorStatus.Retired), "retired");
    }

    // ------------------------------------------------------------------------------ revocation

    function test_revokeCertificate_recordsRevocationFromNow() public {
        bytes32 intermediate = Fixtures.intermediateHash();
        _warpBy(1000);
        uint64 now64 = START + 1000;
        vm.expectEmit();
        emit ITrustStore.CertificateRevoked(intermediate, v5.hash, 1, now64, brazil, 0);
        vm.prank(brazil);
        store.revokeCertificate(v5.hash, intermediate, 1);

        ITrustStore.Revocation memory r = store.revocation(v5.hash, intermediate);
        vm.assertEq(r.certificateHash, intermediate, "certificate");
        vm.assertEq(r.anchorHash, v5.hash, "anchor");
        vm.assertEq(r.reason, 1, "keyCompromise");
        vm.assertEq(r.effectiveAt, now64, "effective from the block, never earlier alone");
        vm.assertEq(r.recordedAt, now64, "recordedAt");
        vm.assertEq(r.annulledAt, 0, "in force");
        vm.assertEq(r.version, 1, "first version");
        vm.assertEq(r.by, brazil, "by");
        vm.assertEq(r.proposalId, 0, "alone");
        vm.assertFalse(store.isRevokedAt(v5.hash, intermediate, now64 - 1), "not before");
        vm.assertTrue(store.isRevokedAt(v5.hash, intermediate, now64), "from now");
        vm.assertTrue(store.isRevokedAt(v5.hash, intermediate, now64 + 5000), "after");
        vm.assertEq(store.revocation(v5.hash, bytes32(uint256(1))).version, 0, "unknown: zero record");
    }

    function testFuzz_revokeCertificate_acceptsRfc5280Reasons(uint8 reason, uint64 time) public {
        bytes32 certificate = keccak256(abi.encode(reason, time));
        vm.prank(brazil);
        if (reason > 10 || reason == 7) {
            vm.expectRevert(ITrustStore.TrustStore__InvalidRevocation.selector);
            store.revokeCertificate(v5.hash, certificate, reason);
            vm.assertFalse(store.isRevokedAt(v5.hash, certificate, type(uint64).max), "not revoked");
        } else {
            store.revokeCertificate(v5.hash, certificate, reason);
            vm.assertEq(store.isRevokedAt(v5.hash, certificate, time), time >= START, "revoked from now on");
        }
    }

    function test_revokeCertificate_refusals() public {
        bytes32 intermediate = Fixtures.intermediateHash();
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__NotMember.selector, outsider));
        store.revokeCertificate(v5.hash, intermediate, 1);

        vm.prank(china);
        vm.expectRevert(
            abi.encodeWithSelector(ITrustStore.TrustStore__NotMemberOfCountry.selector, china, bytes2("BR"))
        );
        store.revokeCertificate(v5.hash, intermediate, 1);

        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__UnknownAnchor.selector, v10.hash));
        store.revokeCertificate(v10.hash, intermediate, 1);

        vm.prank(brazil);
        vm.expectRevert(ITrustStore.TrustStore__InvalidRevocation.selector);
        store.revokeCertificate(v5.hash, bytes32(0), 1);

        vm.prank(brazil);
        vm.expectRevert(ITrustStore.TrustStore__InvalidRevocation.selector);
        store.revokeCertificate(v5.hash, v5.hash, 1); // the anchor is suspended or retired instead

        vm.prank(brazil);
        store.revokeCertificate(v5.hash, intermediate, 4);
        vm.prank(brazil);
        vm.expectRevert(
            abi.encodeWithSelector(ITrustStore.TrustStore__AlreadyRevoked.selector, v5.hash, intermediate)
        );
        store.revokeCertificate(v5.hash, intermediate, 1);
        vm.assertEq(store.revocation(v5.hash, intermediate).reason, 4, "first revocation stands");
    }

    function test_revokeCertificate_underRetiredAnchor() public {
        _pass(brazil, china, abi.encodeCall(ITrustStore.proposeRetireAnchor, (v5.hash)));
        vm.prank(brazil);
        store.revokeCertificate(v5.hash, Fixtures.intermediateHash(), 1);
        vm.assertTrue(store.isRevokedAt(v5.hash, Fixtures.intermediateHash(), START), "revoked");
    }

    function test_proposeRevokeCertificate_backdatesByVote() public {
        bytes32 intermediate = Fixtures.intermediateHash();
        _warpBy(1000);
        uint64 compromise = START + 10;
        vm.prank(brazil);
        uint256 id = store.proposeRevokeCertificate(v5.hash, intermediate, 1, compromise);
        ITrustStore.Proposal memory p = store.proposal(id);
        vm.assertEq(uint256(p.kind), uint256(ITrustStore.ProposalKind.RevokeCertificate), "kind");
        vm.assertEq(p.data, abi.encode(v5.hash, intermediate, uint8(1), compromise), "data");
        vm.assertEq(p.targetVersion, 0, "no record yet");
        vm.assertFalse(store.isRevokedAt(v5.hash, intermediate, START + 1000), "nothing before the vote");

        vm.prank(portugal);
        store.approve(id);
        vm.expectEmit();
        emit ITrustStore.CertificateRevoked(intermediate, v5.hash, 1, compromise, address(store), id);
        vm.prank(portugal);
        store.execute(id);
        ITrustStore.Revocation memory r = store.revocation(v5.hash, intermediate);
        vm.assertEq(r.effectiveAt, compromise, "backdated by vote");
        vm.assertEq(r.by, address(store), "by the store");
        vm.assertEq(r.proposalId, id, "proposal");
        vm.assertEq(r.version, 1, "version");
        vm.assertTrue(store.isRevokedAt(v5.hash, intermediate, compromise), "from the compromise");
        vm.assertFalse(store.isRevokedAt(v5.hash, intermediate, compromise - 1), "not before");
    }

    function test_proposeRevokeCertificate_replacesRecordInForce() public {
        bytes32 intermediate = Fixtures.intermediateHash();
        _warpBy(1000);
        vm.prank(brazil);
        store.revokeCertificate(v5.hash, intermediate, 4);
        _pass(brazil, china, abi.encodeCall(ITrustStore.proposeRevokeCertificate, (v5.hash, intermediate, 1, START + 1)));
        ITrustStore.Revocation memory r = store.revocation(v5.hash, intermediate);
        vm.assertEq(r.reason, 1, "new reason");
        vm.assertEq(r.effectiveAt, START + 1, "earlier");
        vm.assertEq(r.version, 2, "second version");
    }

    function test_proposeRevokeCertificate_refusals() public {
        bytes32 intermediate = Fixtures.intermediateHash();
        _warpBy(1000);
        vm.prank(china);
        vm.expectRevert(
            abi.encodeWithSelector(ITrustStore.TrustStore__NotMemberOfCountry.selector, china, bytes2("BR"))
        );
        store.proposeRevokeCertificate(v5.hash, intermediate, 1, START);
        vm.prank(brazil);
        vm.expectRevert(ITrustStore.TrustStore__InvalidRevocation.selector);
        store.proposeRevokeCertificate(v5.hash, intermediate, 1, 0); // the epoch
        vm.prank(brazil);
        vm.expectRevert(ITrustStore.TrustStore__InvalidRevocation.selector);
        store.proposeRevokeCertificate(v5.hash, intermediate, 1, START + 1001); // the future
        vm.prank(brazil);
        vm.expectRevert(ITrustStore.TrustStore__InvalidRevocation.selector);
        store.proposeRevokeCertificate(v5.hash, intermediate, 7, START);
        vm.prank(brazil);
        uint256 id = store.proposeRevokeCertificate(v5.hash, intermediate, 1, START);
        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__DuplicateProposal.selector, id));
        store.proposeRevokeCertificate(v5.hash, intermediate, 1, START);
        // The record changes before execution: the proposal is stale.
        vm.prank(china);
        store.approve(id);
        vm.prank(brazil);
        store.revokeCertificate(v5.hash, intermediate, 4);
        vm.prank(china);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__StaleProposal.selector, id));
        store.execute(id);
    }

    function test_annulRevocation_throughProposal() public {
        bytes32 intermediate = Fixtures.intermediateHash();
        _warpBy(1000);
        vm.prank(brazil);
        store.revokeCertificate(v5.hash, intermediate, 0);
        _warpBy(1000);
        // Any member may propose the annulment; it needs the votes.
        vm.prank(portugal);
        uint256 id = store.proposeAnnulRevocation(v5.hash, intermediate);
        vm.assertEq(store.proposal(id).targetVersion, 1, "acts on version 1");
        vm.assertTrue(store.isRevokedAt(v5.hash, intermediate, START + 2000), "still revoked before the vote");
        vm.prank(china);
        store.approve(id);
        vm.expectEmit();
        emit ITrustStore.RevocationAnnulled(intermediate, v5.hash, id);
        vm.prank(china);
        store.execute(id);

        ITrustStore.Revocation memory r = store.revocation(v5.hash, intermediate);
        vm.assertEq(r.annulledAt, START + 2000, "annulled");
        vm.assertEq(r.version, 2, "second version");
        vm.assertEq(r.effectiveAt, START + 1000, "the record stays readable");
        vm.assertFalse(store.isRevokedAt(v5.hash, intermediate, START + 1500), "void for every time");
        vm.assertFalse(store.isRevokedAt(v5.hash, intermediate, START + 5000), "void after");

        vm.prank(portugal);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__NotRevoked.selector, v5.hash, intermediate));
        store.proposeAnnulRevocation(v5.hash, intermediate);
        // Revoked again alone, from now on: a third version.
        _warpBy(10);
        vm.prank(brazil);
        store.revokeCertificate(v5.hash, intermediate, 5);
        r = store.revocation(v5.hash, intermediate);
        vm.assertEq(r.version, 3, "third version");
        vm.assertEq(r.annulledAt, 0, "in force again");
        vm.assertTrue(store.isRevokedAt(v5.hash, intermediate, START + 2010), "revoked again");
        vm.assertFalse(store.isRevokedAt(v5.hash, intermediate, START + 2009), "not before");
    }

    function test_annulRevocation_refusals() public {
        bytes32 intermediate = Fixtures.intermediateHash();
        vm.prank(china);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__NotRevoked.selector, v5.hash, intermediate));
        store.proposeAnnulRevocation(v5.hash, intermediate);
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__NotMember.selector, outsider));
        store.proposeAnnulRevocation(v5.hash, intermediate);
    }

    // ------------------------------------------------------------------------------- checkPath

    function test_checkPath_statuses() public {
        bytes32 intermediate = Fixtures.intermediateHash();
        bytes32 leaf = keccak256("leaf");
        ITrustStore.PathStatus status;
        uint256 index;

        (status, index) = store.checkPath(new bytes32[](0), START);
        _assertPath(status, index, ITrustStore.PathStatus.EmptyPath, 0);
        (status, index) = store.checkPath(_path(intermediate, v10.hash), START);
        _assertPath(status, index, ITrustStore.PathStatus.UnknownAnchor, 1);
        (status, index) = store.checkPath(_path(intermediate, v5.hash), START - 1);
        _assertPath(status, index, ITrustStore.PathStatus.AnchorNotYetTrusted, 1);
        (status, index) = store.checkPath(_path(intermediate, v5.hash), START);
        _assertPath(status, index, ITrustStore.PathStatus.Ok, 0);

        vm.warp(START + 50);
        vm.prank(brazil);
        store.revokeCertificate(v5.hash, intermediate, 2);
        vm.warp(START + 100);
        bytes32[] memory path = new bytes32[](3);
        (path[0], path[1], path[2]) = (leaf, intermediate, v5.hash);
        (status, index) = store.checkPath(path, START + 49);
        _assertPath(status, index, ITrustStore.PathStatus.Ok, 0);
        (status, index) = store.checkPath(path, START + 50);
        _assertPath(status, index, ITrustStore.PathStatus.CertificateRevoked, 1);

        _warpBy(100);
        vm.prank(brazil);
        store.suspendAnchor(v5.hash, "");
        (status, index) = store.checkPath(_path(leaf, v5.hash), START + 200);
        _assertPath(status, index, ITrustStore.PathStatus.AnchorSuspended, 1);
        (status, index) = store.checkPath(_path(leaf, v5.hash), START + 199);
        _assertPath(status, index, ITrustStore.PathStatus.Ok, 0);

        _warpBy(100);
        _pass(china, portugal, abi.encodeCall(ITrustStore.proposeRetireAnchor, (v5.hash)));
        (status, index) = store.checkPath(_path(v5.hash), START + 300);
        _assertPath(status, index, ITrustStore.PathStatus.AnchorRetired, 0);
        (status, index) = store.checkPath(_path(v5.hash), START + 250);
        _assertPath(status, index, ITrustStore.PathStatus.AnchorSuspended, 0);
        (status, index) = store.checkPath(_path(v5.hash), START + 150);
        _assertPath(status, index, ITrustStore.PathStatus.Ok, 0);
    }

    function _assertPath(
        ITrustStore.PathStatus status,
        uint256 index,
        ITrustStore.PathStatus expectedStatus,
        uint256 expectedIndex
    ) private pure {
        vm.assertEq(uint256(status), uint256(expectedStatus), "path status");
        vm.assertEq(index, expectedIndex, "path index");
    }
}

contract TrustStoreMembershipTest is TrustStoreBase {
    address internal immutable argentina = vm.addr(0xA0);

    function test_addMember_throughProposal() public {
        vm.prank(brazil);
        uint256 id = store.proposeAddMember(argentina, "AR", "Secretaria de Innovacion");
        vm.prank(china);
        store.approve(id);
        vm.expectEmit();
        emit ITrustStore.MemberAdded(argentina, "AR", "Secretaria de Innovacion", id);
        vm.prank(brazil);
        store.execute(id);

        vm.assertTrue(store.isActiveMember(argentina), "active");
        ITrustStore.Member memory m = store.memberOf(argentina);
        vm.assertEq(m.account, argentina, "account");
        vm.assertEq(bytes32(m.country), bytes32(bytes2("AR")), "country");
        vm.assertEq(m.name, "Secretaria de Innovacion", "name");
        vm.assertEq(store.members().length, 4, "four members");
        vm.assertEq(store.requiredApprovals(), 3, "majority of 4");
    }

    function test_addMember_refusals() public {
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__NotMember.selector, outsider));
        store.proposeAddMember(argentina, "AR", "x");
        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__InvalidMember.selector, address(0)));
        store.proposeAddMember(address(0), "AR", "x");
        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__InvalidMember.selector, argentina));
        store.proposeAddMember(argentina, "AR", "");
        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__InvalidCountry.selector, bytes2("A1")));
        store.proposeAddMember(argentina, "A1", "x");
        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__InvalidCountry.selector, bytes2(0)));
        store.proposeAddMember(argentina, bytes2(0), "x");
        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__MemberExists.selector, china));
        store.proposeAddMember(china, "CN", "again");

        // Two proposals for one account: the second is stale once the first has changed the membership.
        vm.prank(brazil);
        uint256 first = store.proposeAddMember(argentina, "AR", "x");
        vm.prank(brazil);
        uint256 second = store.proposeAddMember(argentina, "AR", "y");
        vm.prank(china);
        store.approve(first);
        vm.prank(china);
        store.approve(second);
        vm.prank(portugal);
        store.approve(second); // a majority of the four members there will be
        vm.prank(brazil);
        store.execute(first);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__StaleProposal.selector, second));
        vm.prank(brazil);
        store.execute(second);
        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__MemberExists.selector, argentina));
        store.proposeAddMember(argentina, "AR", "y");
    }

    function testFuzz_countryCodes(bytes2 country) public {
        bool valid = country[0] >= "A" && country[0] <= "Z" && country[1] >= "A" && country[1] <= "Z";
        vm.prank(brazil);
        if (!valid) vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__InvalidCountry.selector, country));
        store.proposeAddMember(argentina, country, "x");
    }

    function test_removeMember_throughProposal() public {
        vm.prank(brazil);
        uint256 id = store.proposeRemoveMember(portugal);
        vm.prank(china);
        store.approve(id);
        vm.expectEmit();
        emit ITrustStore.MemberRemoved(portugal, "PT", id);
        vm.prank(brazil);
        store.execute(id);

        vm.assertFalse(store.isActiveMember(portugal), "inactive");
        ITrustStore.Member memory m = store.memberOf(portugal);
        vm.assertEq(m.account, portugal, "still listed");
        vm.assertFalse(m.active, "as inactive");
        vm.assertEq(store.requiredApprovals(), 2, "majority of 2");
        vm.prank(portugal);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__NotMember.selector, portugal));
        store.proposeThreshold(1);
    }

    function test_removeMember_thenAddAgain() public {
        _pass(brazil, china, abi.encodeCall(ITrustStore.proposeRemoveMember, (portugal)));
        _pass(brazil, china, abi.encodeCall(ITrustStore.proposeAddMember, (portugal, "PT", "GNS")));
        vm.assertTrue(store.isActiveMember(portugal), "active again");
        vm.assertEq(store.memberOf(portugal).name, "GNS", "new name");
        vm.assertEq(store.members().length, 3, "listed once");
    }

    function test_removeMember_refusals() public {
        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__NotMember.selector, outsider));
        store.proposeRemoveMember(outsider);
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__NotMember.selector, outsider));
        store.proposeRemoveMember(brazil);

        ITrustStore.Member[] memory one = new ITrustStore.Member[](1);
        one[0] = ITrustStore.Member(brazil, "BR", "ITI", true);
        TrustStore solo = new TrustStore(one, 0, 1 days);
        vm.prank(brazil);
        vm.expectRevert(ITrustStore.TrustStore__LastMember.selector);
        solo.proposeRemoveMember(brazil);
    }

    function test_removeMember_neverTheLastAtExecution() public {
        ITrustStore.Member[] memory two = new ITrustStore.Member[](2);
        two[0] = ITrustStore.Member(brazil, "BR", "ITI", true);
        two[1] = ITrustStore.Member(china, "CN", "NRCAC", true);
        store = new TrustStore(two, 0, 1 days);
        vm.prank(brazil);
        uint256 removeBrazil = store.proposeRemoveMember(brazil);
        vm.prank(china);
        uint256 removeChina = store.proposeRemoveMember(china);
        vm.prank(china);
        store.approve(removeBrazil);
        vm.prank(brazil);
        store.approve(removeChina);
        vm.prank(china);
        store.execute(removeBrazil);
        // The membership changed: the other removal is stale, and china stays the last member.
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__StaleProposal.selector, removeChina));
        vm.prank(china);
        store.execute(removeChina);
        vm.assertTrue(store.isActiveMember(china), "china stays");
    }

    function test_threshold_changeAndBackToMajority() public {
        vm.prank(brazil);
        uint256 id = store.proposeThreshold(3);
        vm.prank(china);
        store.approve(id);
        vm.expectEmit();
        emit ITrustStore.ThresholdChanged(0, 3, id);
        vm.prank(brazil);
        store.execute(id);
        vm.assertEq(store.threshold(), 3, "3");
        vm.assertEq(store.requiredApprovals(), 3, "unanimity");

        vm.prank(brazil);
        id = store.proposeThreshold(0);
        vm.prank(china);
        store.approve(id);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__NotApproved.selector, id, 2, 3));
        vm.prank(brazil);
        store.execute(id);
        vm.prank(portugal);
        store.approve(id);
        vm.prank(brazil);
        store.execute(id);
        vm.assertEq(store.requiredApprovals(), 2, "majority again");
    }

    function test_threshold_refusals() public {
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__NotMember.selector, outsider));
        store.proposeThreshold(1);
        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__InvalidThreshold.selector, 4, 3));
        store.proposeThreshold(4);

        // Valid when proposed; the membership changes before execution: stale, never too high.
        vm.prank(brazil);
        uint256 id = store.proposeThreshold(3);
        vm.prank(china);
        store.approve(id);
        _pass(brazil, china, abi.encodeCall(ITrustStore.proposeRemoveMember, (portugal)));
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__StaleProposal.selector, id));
        vm.prank(brazil);
        store.execute(id);
    }

    /// A fixed threshold above the remaining members is capped, so governance keeps working.
    function test_threshold_cappedAfterRemoval() public {
        _pass(brazil, china, abi.encodeCall(ITrustStore.proposeThreshold, (2)));
        _pass(brazil, china, abi.encodeCall(ITrustStore.proposeRemoveMember, (portugal)));
        _pass(brazil, china, abi.encodeCall(ITrustStore.proposeRemoveMember, (china)));
        vm.assertEq(store.threshold(), 2, "stored threshold unchanged");
        vm.assertEq(store.requiredApprovals(), 1, "capped at the one active member");
        vm.prank(brazil);
        uint256 id = store.proposeAddAnchor(v5.der, "BR", 0);
        vm.prank(brazil);
        store.execute(id);
        vm.assertTrue(store.wasTrustedAt(v5.hash, START), "brazil alone can still govern");
    }

    function test_memberOf_unknownIsZero() public view {
        ITrustStore.Member memory m = store.memberOf(outsider);
        vm.assertEq(m.account, address(0), "zero");
        vm.assertFalse(m.active, "inactive");
        vm.assertFalse(store.isActiveMember(outsider), "not a member");
    }
}
