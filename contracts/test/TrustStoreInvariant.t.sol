// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

// Tests cast string literals and values they have bounded themselves.
// forge-lint: disable-start(unsafe-typecast)

import {TrustStore} from "../src/TrustStore.sol";
import {ITrustStore} from "../src/interfaces/ITrustStore.sol";
import {InvariantTest, Test} from "./utils/Test.sol";
import {Fixtures, RootFixture} from "./utils/Fixtures.sol";

/**
 * @notice Drives a TrustStore with bounded random actions (members and an outsider proposing, voting,
 * executing, suspending, revoking; time passing) and keeps its own model of who may vote and of every
 * anchor's status history, to compare the contract against.
 */
contract TrustStoreHandler is Test {
    uint64 internal constant VOTING_PERIOD = 2 days;

    struct Change {
        ITrustStore.AnchorStatus status;
        uint64 at;
    }

    TrustStore public immutable store;
    address[6] internal actors; // 0..2 founders (BR, CN, PT), 3 and 4 candidates (BR, CN), 5 an outsider
    bytes2[6] internal countries;
    RootFixture[] internal roots;
    bytes2[] internal rootCountries;
    bytes32[4] internal certificates;

    // The model.
    mapping(address => bool) public modelActive;
    uint32 public modelActiveCount;
    uint32 public modelThreshold;
    mapping(uint256 id => address[]) internal modelVoters;
    mapping(uint256 id => mapping(address => bool)) internal modelVoted;
    mapping(bytes32 anchorHash => Change[]) internal modelHistory;
    mapping(bytes32 anchorHash => uint256) public modelAddedBy;
    bytes32[] public addedAnchors;
    bytes32[] public revoked;
    mapping(bytes32 certificateHash => bytes32) public revokedUnder;
    mapping(bytes32 certificateHash => uint64) public revokedFrom;

    // Violations seen while acting (the invariants require them to stay zero).
    uint256 public executionsBelowThreshold;
    uint256 public votesByNonMembers;
    uint256 public doubleVotes;

    constructor() {
        string[5] memory names = [
            Fixtures.ICP_BRASIL_V5,
            Fixtures.ICP_BRASIL_V10,
            Fixtures.ICP_BRASIL_V12,
            Fixtures.CN_SM2_ROOT,
            Fixtures.TONGSUO_SM2_TEST_ROOT
        ];
        for (uint256 i; i < names.length; ++i) {
            roots.push(Fixtures.root(names[i]));
            rootCountries.push(i < 3 ? bytes2("BR") : bytes2("CN"));
        }
        certificates = [Fixtures.intermediateHash(), keccak256("c1"), keccak256("c2"), keccak256("c3")];
        bytes2[6] memory c = [bytes2("BR"), "CN", "PT", "BR", "CN", "AR"];
        ITrustStore.Member[] memory founders = new ITrustStore.Member[](3);
        for (uint256 i; i < 6; ++i) {
            actors[i] = address(uint160(0xA000 + i));
            countries[i] = c[i];
            if (i < 3) {
                founders[i] = ITrustStore.Member(actors[i], c[i], "founder", true);
                modelActive[actors[i]] = true;
            }
        }
        modelActiveCount = 3;
        store = new TrustStore(founders, 0, VOTING_PERIOD);
    }

    // ------------------------------------------------------------------------------- actions

    /// @notice Proposes something: an anchor four times in ten, otherwise one of the other kinds.
    function propose(uint256 kindSeed, uint256 actorSeed, uint256 argumentSeed) external {
        uint256 kind = kindSeed % 10;
        if (kind < 4) _proposeAddAnchor(actorSeed, argumentSeed);
        else if (kind == 4 || kind == 5) _proposeRetireAnchor(actorSeed, argumentSeed);
        else if (kind == 6) _proposeReinstateAnchor(actorSeed, argumentSeed);
        else if (kind == 7) _proposeAddMember(actorSeed, argumentSeed);
        else if (kind == 8) _proposeRemoveMember(actorSeed, argumentSeed);
        else _proposeThreshold(actorSeed, argumentSeed);
    }

    function _proposeAddAnchor(uint256 actorSeed, uint256 rootSeed) private {
        uint256 r = rootSeed % roots.length;
        // Mostly a member of the root's country, so that anchors do get proposed; sometimes anyone.
        address actor = actorSeed % 4 == 0 ? _actor(actorSeed >> 2) : _memberOf(rootCountries[r], actorSeed);
        vm.prank(actor);
        try store.proposeAddAnchor(roots[r].der, rootCountries[r], 0) returns (uint256 id) {
            _recordVote(id, actor);
        } catch {}
    }

    function _proposeRetireAnchor(uint256 actorSeed, uint256 anchorSeed) private {
        if (addedAnchors.length == 0) return _proposeAddAnchor(actorSeed, anchorSeed);
        address actor = _actor(actorSeed);
        vm.prank(actor);
        try store.proposeRetireAnchor(addedAnchors[anchorSeed % addedAnchors.length]) returns (uint256 id) {
            _recordVote(id, actor);
        } catch {}
    }

    function _proposeReinstateAnchor(uint256 actorSeed, uint256 anchorSeed) private {
        if (addedAnchors.length == 0) return _proposeAddAnchor(actorSeed, anchorSeed);
        address actor = _actor(actorSeed);
        vm.prank(actor);
        try store.proposeReinstateAnchor(addedAnchors[anchorSeed % addedAnchors.length]) returns (uint256 id) {
            _recordVote(id, actor);
        } catch {}
    }

    function _proposeAddMember(uint256 actorSeed, uint256 candidateSeed) private {
        address actor = _actor(actorSeed);
        uint256 c = candidateSeed % actors.length;
        vm.prank(actor);
        try store.proposeAddMember(actors[c], countries[c], "candidate") returns (uint256 id) {
            _recordVote(id, actor);
        } catch {}
    }

    function _proposeRemoveMember(uint256 actorSeed, uint256 targetSeed) private {
        address actor = _actor(actorSeed);
        vm.prank(actor);
        try store.proposeRemoveMember(_actor(targetSeed)) returns (uint256 id) {
            _recordVote(id, actor);
        } catch {}
    }

    function _proposeThreshold(uint256 actorSeed, uint256 thresholdSeed) private {
        address actor = _actor(actorSeed);
        vm.prank(actor);
        try store.proposeThreshold(uint32(thresholdSeed % 6)) returns (uint256 id) {
            _recordVote(id, actor);
        } catch {}
    }

    function approve(uint256 actorSeed, uint256 proposalSeed) external {
        uint256 count = store.proposalCount();
        if (count == 0) return;
        // Mostly a member who has not voted on an open proposal, so that proposals do pass; sometimes
        // any actor on any proposal, so that refusals are exercised too.
        uint256 id = _pickProposal(proposalSeed, count, false);
        address actor = actorSeed % 5 == 0 ? _actor(actorSeed) : _nonVoter(id, actorSeed);
        vm.prank(actor);
        try store.approve(id) {
            _recordVote(id, actor);
        } catch {}
    }

    function execute(uint256 proposalSeed, uint256 executorSeed) external {
        uint256 count = store.proposalCount();
        if (count == 0) return;
        uint256 id = _pickProposal(proposalSeed, count, true);
        ITrustStore.Proposal memory p = store.proposal(id);
        uint32 activeVotes = modelApprovals(id);
        uint32 required = _modelRequired();
        vm.prank(_actor(executorSeed));
        try store.execute(id) {
            if (activeVotes < required) ++executionsBelowThreshold;
            _applyToModel(p);
        } catch {}
    }

    function suspendAnchor(uint256 actorSeed, uint256 anchorSeed) external {
        if (addedAnchors.length == 0) return;
        bytes32 anchorHash = addedAnchors[anchorSeed % addedAnchors.length];
        address actor =
            actorSeed % 2 == 0 ? _actor(actorSeed >> 1) : _memberOf(store.anchor(anchorHash).country, actorSeed);
        vm.prank(actor);
        try store.suspendAnchor(anchorHash, "fuzz") {
            modelHistory[anchorHash].push(Change(ITrustStore.AnchorStatus.Suspended, now_()));
        } catch {}
    }

    function revokeCertificate(
        uint256 actorSeed,
        uint256 anchorSeed,
        uint256 certificateSeed,
        uint8 reason,
        uint32 backdate
    ) external {
        if (addedAnchors.length == 0) return;
        bytes32 anchorHash = addedAnchors[anchorSeed % addedAnchors.length];
        bytes32 certificateHash = certificates[certificateSeed % certificates.length];
        address actor =
            actorSeed % 2 == 0 ? _actor(actorSeed >> 1) : _memberOf(store.anchor(anchorHash).country, actorSeed);
        uint64 effectiveAt = now_() - uint64(backdate % 30 days);
        vm.prank(actor);
        try store.revokeCertificate(anchorHash, certificateHash, reason % 12) {
            revoked.push(certificateHash);
            revokedUnder[certificateHash] = anchorHash;
            revokedFrom[certificateHash] = effectiveAt;
        } catch {}
    }

    function warp(uint256 seconds_) external {
        vm.warp(now_() + bound(seconds_, 1, 6 hours));
    }

    // --------------------------------------------------------------------------------- model

    function _recordVote(uint256 id, address actor) private {
        if (!modelActive[actor]) ++votesByNonMembers;
        if (modelVoted[id][actor]) ++doubleVotes;
        modelVoted[id][actor] = true;
        modelVoters[id].push(actor);
    }

    function _applyToModel(ITrustStore.Proposal memory p) private {
        uint64 at = now_();
        if (p.kind == ITrustStore.ProposalKind.AddAnchor) {
            (bytes memory der,) = abi.decode(p.data, (bytes, bytes2));
            bytes32 anchorHash = sha256(der);
            addedAnchors.push(anchorHash);
            modelAddedBy[anchorHash] = p.id;
            modelHistory[anchorHash].push(Change(ITrustStore.AnchorStatus.Active, at));
        } else if (p.kind == ITrustStore.ProposalKind.RetireAnchor) {
            modelHistory[abi.decode(p.data, (bytes32))].push(Change(ITrustStore.AnchorStatus.Retired, at));
        } else if (p.kind == ITrustStore.ProposalKind.ReinstateAnchor) {
            modelHistory[abi.decode(p.data, (bytes32))].push(Change(ITrustStore.AnchorStatus.Active, at));
        } else if (p.kind == ITrustStore.ProposalKind.AddMember) {
            (address account,,) = abi.decode(p.data, (address, bytes2, string));
            modelActive[account] = true;
            ++modelActiveCount;
        } else if (p.kind == ITrustStore.ProposalKind.RemoveMember) {
            modelActive[abi.decode(p.data, (address))] = false;
            --modelActiveCount;
        } else {
            modelThreshold = abi.decode(p.data, (uint32));
        }
    }

    function _modelRequired() internal view returns (uint32) {
        if (modelThreshold == 0) return modelActiveCount / 2 + 1;
        return modelThreshold < modelActiveCount ? modelThreshold : modelActiveCount;
    }

    /**
     * @dev One in five times any proposal (executed, expired or open); otherwise the open proposal
     * closest to passing (for `approve`) or an open one that has passed (for `execute`), so that
     * proposals do pass within a run.
     */
    function _pickProposal(uint256 seed, uint256 count, bool toExecute) private view returns (uint256) {
        ITrustStore.Proposal[] memory open = store.openProposals(0, type(uint256).max);
        if (open.length == 0 || seed % 5 == 0) return 1 + (seed >> 3) % count;
        uint256 best = open[(seed >> 3) % open.length].id;
        uint32 bestApprovals;
        for (uint256 i; i < open.length; ++i) {
            uint32 approvals = modelApprovals(open[i].id);
            if (toExecute ? approvals >= _modelRequired() : approvals > bestApprovals && approvals < modelActiveCount) {
                if (toExecute) return open[i].id;
                (best, bestApprovals) = (open[i].id, approvals);
            }
        }
        return best;
    }

    /// @dev An active member (in the model) who has not voted on `id`, or an actor at random.
    function _nonVoter(uint256 id, uint256 seed) private view returns (address) {
        for (uint256 i; i < actors.length; ++i) {
            address candidate = actors[(seed % actors.length + i) % actors.length];
            if (modelActive[candidate] && !modelVoted[id][candidate]) return candidate;
        }
        return _actor(seed);
    }

    function _actor(uint256 seed) private view returns (address) {
        return actors[seed % actors.length];
    }

    /// @dev An active member of `country` in the model, or an actor at random when there is none.
    function _memberOf(bytes2 country, uint256 seed) private view returns (address) {
        for (uint256 i; i < actors.length; ++i) {
            uint256 j = (seed % actors.length + i) % actors.length;
            if (countries[j] == country && modelActive[actors[j]]) return actors[j];
        }
        return _actor(seed);
    }

    // ------------------------------------------------------------------- views for invariants

    function modelRequired() external view returns (uint32) {
        return _modelRequired();
    }

    function addedAnchorCount() external view returns (uint256) {
        return addedAnchors.length;
    }

    function revokedCount() external view returns (uint256) {
        return revoked.length;
    }

    function history(bytes32 anchorHash) external view returns (Change[] memory) {
        return modelHistory[anchorHash];
    }

    function actorAt(uint256 i) external view returns (address) {
        return actors[i];
    }

    function modelApprovals(uint256 id) public view returns (uint32 approvals) {
        address[] storage voters = modelVoters[id];
        for (uint256 i; i < voters.length; ++i) {
            if (modelActive[voters[i]]) ++approvals;
        }
    }
}

contract TrustStoreInvariantTest is InvariantTest {
    TrustStoreHandler private handler;
    TrustStore private store;

    function setUp() public {
        vm.warp(1_750_000_000);
        handler = new TrustStoreHandler();
        store = handler.store();
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](6);
        selectors[0] = TrustStoreHandler.propose.selector;
        selectors[1] = TrustStoreHandler.approve.selector;
        selectors[2] = TrustStoreHandler.execute.selector;
        selectors[3] = TrustStoreHandler.suspendAnchor.selector;
        selectors[4] = TrustStoreHandler.revokeCertificate.selector;
        selectors[5] = TrustStoreHandler.warp.selector;
        targetSelector(FuzzSelector(address(handler), selectors));
    }

    /// No proposal executes (so no anchor becomes active) without the threshold of active members' votes.
    /// forge-config: default.invariant.depth = 128
    function invariant_noExecutionBelowThreshold() public view {
        vm.assertEq(handler.executionsBelowThreshold(), 0, "executed below threshold");
        vm.assertEq(store.requiredApprovals(), handler.modelRequired(), "required approvals");
    }

    /// Every anchor in the store came from an executed, approved AddAnchor proposal; statuses match the model.
    /// forge-config: default.invariant.depth = 128
    function invariant_anchorsOnlyThroughApprovedProposals() public view {
        uint256 count = store.anchorCount();
        vm.assertEq(count, handler.addedAnchorCount(), "anchor count");
        ITrustStore.Anchor[] memory list = store.anchors(0, count);
        for (uint256 i; i < list.length; ++i) {
            ITrustStore.Anchor memory a = list[i];
            vm.assertEq(a.proposalId, handler.modelAddedBy(a.hash), "added by the executed proposal");
            ITrustStore.Proposal memory p = store.proposal(a.proposalId);
            vm.assertTrue(p.executed && p.kind == ITrustStore.ProposalKind.AddAnchor, "an executed AddAnchor");
            vm.assertEq(sha256(a.der), a.hash, "keyed by SHA-256 of the DER");
            TrustStoreHandler.Change[] memory model = handler.history(a.hash);
            vm.assertEq(a.history.length, model.length, "history length");
            for (uint256 j; j < model.length; ++j) {
                vm.assertEq(uint256(a.history[j].status), uint256(model[j].status), "history status");
                vm.assertEq(a.history[j].at, model[j].at, "history time");
            }
            vm.assertEq(uint256(a.status), uint256(model[model.length - 1].status), "current status");
        }
    }

    /// A suspended or retired anchor never passes `checkPath` for a time after the change (until reinstated).
    /// forge-config: default.invariant.depth = 128
    function invariant_suspendedOrRetiredAnchorNeverPasses() public view {
        uint64 now_ = uint64(vm.getBlockTimestamp());
        uint256 count = handler.addedAnchorCount();
        for (uint256 i; i < count; ++i) {
            bytes32 anchorHash = handler.addedAnchors(i);
            TrustStoreHandler.Change[] memory model = handler.history(anchorHash);
            for (uint256 j; j < model.length; ++j) {
                if (model[j].status == ITrustStore.AnchorStatus.Active) continue;
                // Until the next change (a later one in the same second overrides it), or well after now.
                uint64 until = j + 1 < model.length ? model[j + 1].at : now_ + 365 days;
                if (until <= model[j].at) continue;
                if (model[j].status == ITrustStore.AnchorStatus.Retired) {
                    vm.assertEq(j, model.length - 1, "retirement is final");
                }
                _assertAnchorRefused(anchorHash, model[j].at, model[j].status);
                _assertAnchorRefused(anchorHash, until - 1, model[j].status);
            }
        }
    }

    /// A revoked certificate never passes `checkPath` for a time at or after its revocation's effect.
    /// forge-config: default.invariant.depth = 128
    function invariant_revokedCertificateNeverPasses() public view {
        uint64 now_ = uint64(vm.getBlockTimestamp());
        uint256 count = handler.revokedCount();
        for (uint256 i; i < count; ++i) {
            bytes32 certificateHash = handler.revoked(i);
            bytes32[] memory path = new bytes32[](3);
            (path[0], path[1], path[2]) = (keccak256("leaf"), certificateHash, handler.revokedUnder(certificateHash));
            uint64 from = handler.revokedFrom(certificateHash);
            uint64[3] memory times = [from, now_, now_ + 365 days];
            for (uint256 t; t < times.length; ++t) {
                (ITrustStore.PathStatus status, uint256 index) = store.checkPath(path, times[t]);
                vm.assertTrue(status != ITrustStore.PathStatus.Ok, "revoked certificate passed");
                if (status == ITrustStore.PathStatus.CertificateRevoked) vm.assertEq(index, 1, "at its index");
                vm.assertTrue(store.isRevokedAt(path[2], certificateHash, times[t]), "isRevokedAt");
            }
        }
    }

    /// Only active members vote, once each; approvals count active voters only.
    /// forge-config: default.invariant.depth = 128
    function invariant_onlyMembersVoteOnce() public view {
        vm.assertEq(handler.votesByNonMembers(), 0, "a non-member voted");
        vm.assertEq(handler.doubleVotes(), 0, "a member voted twice");
        uint256 active;
        for (uint256 i; i < 6; ++i) {
            address account = handler.actorAt(i);
            bool isActive = store.isActiveMember(account);
            vm.assertEq(isActive, handler.modelActive(account), "membership");
            if (isActive) ++active;
        }
        vm.assertEq(active, handler.modelActiveCount(), "active members");
        vm.assertTrue(active >= 1, "never without members");
        uint256 count = store.proposalCount();
        for (uint256 id = 1; id <= count; ++id) {
            uint32 approvals = store.proposal(id).approvals;
            vm.assertEq(approvals, handler.modelApprovals(id), "approvals of active voters");
            vm.assertLe(approvals, active, "at most one vote per active member");
        }
    }

    function _assertAnchorRefused(bytes32 anchorHash, uint64 time, ITrustStore.AnchorStatus status) private view {
        bytes32[] memory path = new bytes32[](2);
        (path[0], path[1]) = (keccak256("leaf"), anchorHash);
        (ITrustStore.PathStatus pathStatus, uint256 index) = store.checkPath(path, time);
        ITrustStore.PathStatus expected = status == ITrustStore.AnchorStatus.Retired
            ? ITrustStore.PathStatus.AnchorRetired
            : ITrustStore.PathStatus.AnchorSuspended;
        vm.assertEq(uint256(pathStatus), uint256(expected), "anchor refused");
        vm.assertEq(index, 1, "at the anchor");
        vm.assertFalse(store.wasTrustedAt(anchorHash, time), "not trusted");
    }
}
