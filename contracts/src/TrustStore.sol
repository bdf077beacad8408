// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {ANCHOR_COUNTRY_DIFFERS, ANCHOR_KEY_REUSED, ITrustStore} from "./interfaces/ITrustStore.sol";
import {IPeerTrust} from "./interfaces/IPeerTrust.sol";
import {RootCertificateReader} from "./RootCertificateReader.sol";
import {PeerTrust} from "./PeerTrust.sol";
import {RouteExport} from "./lib/RouteExport.sol";

/**
 * @title TrustStore
 * @notice National root CA certificates (trust anchors) governed by member PKI authorities. See
 * {ITrustStore} for the model.
 *
 * Governance rules this implementation decides:
 * - The approval threshold is a number of approvals, or 0 for a strict majority of the active members.
 *   A fixed threshold is capped at the number of active members when counted (`requiredApprovals`), so
 *   removing members never leaves governance unable to reach it; a proposed threshold must not exceed
 *   the active members, both when proposed and when executed.
 * - Only votes of members still active count, when executing and in `Proposal.approvals`.
 * - A proposal can be voted on and executed while `block.timestamp < expiresAt` and it is not stale.
 * - Versions: an anchor proposal (add, retire, reinstate) acts on the anchor's status history (its
 *   length; 0 for an anchor not yet added), a revocation proposal on the record of (anchor,
 *   certificate) (its `version`), a member or threshold proposal on the membership, whose one version
 *   grows with every member added or removed and every threshold change. Any change to that state makes
 *   the proposal stale.
 * - Equivalent proposals: same kind and data; for adding an anchor, the same anchor (tbsCertificate),
 *   whatever its outer encoding. Opening one while an equivalent one is open (unexecuted, unexpired,
 *   not stale) reverts with `TrustStore__DuplicateProposal`.
 * - Any active member may propose to retire or reinstate an anchor and to annul a revocation; only a
 *   member of the anchor's country may propose to add it, suspend it, or revoke certificates under it.
 * - A removed member may be added again by proposal; its earlier votes count again once it is active.
 * - Revocations may be recorded under an anchor of any status, retired included, since they matter for
 *   checks as of past times. A voted revocation (`proposeRevokeCertificate`) is effective from a past
 *   time after the epoch (0 is refused) and replaces the record in force, if any.
 * - `wasTrustedAt` and `checkPath` answer the governance status only; the anchor's validity period is
 *   recorded (`notBefore`, `notAfter`) for RFC 5280 path validation, which checks it. A status change
 *   is in force from its own second on; of two changes in one second, the later one.
 * - Export (issue 15): every anchor status change and every revocation record made or annulled appends
 *   to the export hash chain ({RouteExport}) kept in one ERC-7201 slot; routes learned from peers
 *   live in `peerTrust()` and are never exported (route length 1). Peering proposals act on the
 *   agreement of their ledger id (version: how many times it was added or removed).
 * - Logs alone rebuild the history: the constructor emits `MemberAdded` and `ThresholdChanged` with
 *   proposal id 0, and every `ProposalCreated` is followed by `ProposalApproved` for the proposer's vote.
 */
contract TrustStore is ITrustStore {
    struct MemberRecord {
        bytes2 country;
        bool active;
        bool known; // ever a member: keeps one entry in `_memberAccounts`
        string name;
    }

    struct AnchorRecord {
        bytes2 country;
        AnchorStatus status;
        uint8 exceptions;
        uint64 notBefore;
        uint64 notAfter;
        bytes32 spkiHash;
        // The DER is stored once, in the data of the proposal that added the anchor.
        uint256 proposalId;
        StatusChange[] history;
    }

    struct ProposalRecord {
        ProposalKind kind;
        address proposer;
        uint64 createdAt;
        uint64 expiresAt;
        uint64 targetVersion;
        bool executed;
        bytes32 target; // what it acts on: an anchor hash, a revocation key, or 0 for the membership
        bytes data;
        address[] voters;
    }

    /// @dev A `Revocation` without its keys, in two slots.
    struct RevocationRecord {
        uint64 effectiveAt;
        uint64 recordedAt;
        uint64 annulledAt;
        uint32 version;
        uint8 reason;
        address by;
        uint64 proposalId;
    }

    /// @custom:storage-location erc7201:pkiledger.TrustStore.export
    struct ExportStorage {
        bytes32 head; // at RouteExport.HEAD_SLOT: the one slot a peer proves
        uint64 seq;
    }

    /// @inheritdoc ITrustStore
    uint64 public immutable votingPeriod;
    /// @inheritdoc ITrustStore
    IPeerTrust public immutable peerTrust;
    /// @notice Reads proposed anchors (deployed by the constructor; see {RootCertificateReader}).
    RootCertificateReader public immutable certificateReader;
    /// @inheritdoc ITrustStore
    uint32 public threshold;
    uint32 private _activeMemberCount;
    /// @dev The membership version: grows with every member added or removed and every threshold change.
    uint64 private _membershipVersion;
    address[] private _memberAccounts;
    mapping(address account => MemberRecord) private _members;

    bytes32[] private _anchorHashes;
    mapping(bytes2 country => bytes32[]) private _anchorHashesByCountry;
    mapping(bytes32 anchorHash => AnchorRecord) private _anchors;
    /// @dev SPKI hashes of every anchor ever added, whatever its status now.
    mapping(bytes32 spkiHash => bool) private _knownKeys;

    /// @inheritdoc ITrustStore
    uint256 public proposalCount; // ids run from 1 to proposalCount
    mapping(uint256 id => ProposalRecord) private _proposals;
    mapping(uint256 id => mapping(address member => bool)) private _voted;
    /// @dev The last proposal opened with a given equivalence key (`_equivalenceKey`).
    mapping(bytes32 key => uint256 id) private _lastProposalOf;

    /// @dev Keyed by `_revocationKey(anchorHash, certificateHash)`.
    mapping(bytes32 key => RevocationRecord) private _revocations;

    /// @dev How many times a peering agreement (by ledger id) was added or removed: its proposals' version.
    mapping(bytes32 ledgerId => uint64) private _peeringVersions;

    /**
     * @param initialMembers the founding members, all active (their `active` field is ignored); at least one.
     * @param threshold_ the approval threshold, or 0 for a strict majority of active members.
     * @param votingPeriod_ seconds a proposal stays open; immutable, so proposals expire in id order.
     */
    constructor(Member[] memory initialMembers, uint32 threshold_, uint64 votingPeriod_) {
        if (initialMembers.length == 0) revert TrustStore__LastMember();
        if (votingPeriod_ == 0) revert TrustStore__InvalidVotingPeriod();
        votingPeriod = votingPeriod_;
        certificateReader = new RootCertificateReader();
        peerTrust = new PeerTrust();
        for (uint256 i; i < initialMembers.length; ++i) {
            Member memory member = initialMembers[i];
            _validateNewMember(member.account, member.country, member.name);
            _addMember(member.account, member.country, member.name, 0);
        }
        _validateThreshold(threshold_);
        emit ThresholdChanged(0, threshold_, 0);
        threshold = threshold_;
    }

    // ------------------------------------------------------------------------------------ governance

    /// @inheritdoc ITrustStore
    function proposeAddAnchor(bytes calldata der, bytes2 country, uint8 exceptions) external returns (uint256 id) {
        _requireMemberOfCountry(msg.sender, country);
        bytes32 anchorHash = _inspectNewAnchor(der, country, exceptions).tbsHash;
        id = _propose(ProposalKind.AddAnchor, abi.encode(der, country, exceptions), anchorHash);
    }

    /// @inheritdoc ITrustStore
    function proposeRetireAnchor(bytes32 anchorHash) external returns (uint256 id) {
        _requireActiveMember(msg.sender);
        _requireRetirable(anchorHash);
        id = _propose(ProposalKind.RetireAnchor, abi.encode(anchorHash), anchorHash);
    }

    /// @inheritdoc ITrustStore
    function proposeReinstateAnchor(bytes32 anchorHash) external returns (uint256 id) {
        _requireActiveMember(msg.sender);
        _requireSuspended(anchorHash);
        id = _propose(ProposalKind.ReinstateAnchor, abi.encode(anchorHash), anchorHash);
    }

    /// @inheritdoc ITrustStore
    function proposeAddMember(address account, bytes2 country, string calldata name) external returns (uint256 id) {
        _requireActiveMember(msg.sender);
        _validateNewMember(account, country, name);
        id = _propose(ProposalKind.AddMember, abi.encode(account, country, name), 0);
    }

    /// @inheritdoc ITrustStore
    function proposeRemoveMember(address account) external returns (uint256 id) {
        _requireActiveMember(msg.sender);
        _validateRemoval(account);
        id = _propose(ProposalKind.RemoveMember, abi.encode(account), 0);
    }

    /// @inheritdoc ITrustStore
    function proposeThreshold(uint32 threshold_) external returns (uint256 id) {
        _requireActiveMember(msg.sender);
        _validateThreshold(threshold_);
        id = _propose(ProposalKind.ChangeThreshold, abi.encode(threshold_), 0);
    }

    /// @inheritdoc ITrustStore
    /// @dev `effectiveAt` must lie after the epoch and not after the current block.
    function proposeRevokeCertificate(bytes32 anchorHash, bytes32 certificateHash, uint8 reason, uint64 effectiveAt)
        external
        returns (uint256 id)
    {
        _requireMemberOfCountry(msg.sender, _requireAnchor(anchorHash).country);
        _validateRevocation(anchorHash, certificateHash, reason);
        // forge-lint: disable-next-line(block-timestamp) a validator's few seconds of drift are harmless here
        if (effectiveAt == 0 || effectiveAt > block.timestamp) revert TrustStore__InvalidRevocation();
        id = _propose(
            ProposalKind.RevokeCertificate,
            abi.encode(anchorHash, certificateHash, reason, effectiveAt),
            _revocationKey(anchorHash, certificateHash)
        );
    }

    /// @inheritdoc ITrustStore
    function proposeAnnulRevocation(bytes32 anchorHash, bytes32 certificateHash) external returns (uint256 id) {
        _requireActiveMember(msg.sender);
        bytes32 key = _revocationKey(anchorHash, certificateHash);
        _requireInForce(_revocations[key], anchorHash, certificateHash);
        id = _propose(ProposalKind.AnnulRevocation, abi.encode(anchorHash, certificateHash), key);
    }

    /// @inheritdoc ITrustStore
    /// @dev The proposal keeps the agreement's ABI encoding as sent (the call data after the selector,
    /// which is `abi.encode(agreement)` for this one-argument function) and hands it to PeerTrust as is:
    /// the Trust Store never encodes or decodes the agreement itself, which keeps it under the code size limit.
    function proposeAddPeering(IPeerTrust.Agreement calldata agreement) external returns (uint256 id) {
        _requireActiveMember(msg.sender);
        bytes memory data = msg.data[4:];
        _callPeerTrust(abi.encodePacked(IPeerTrust.validatePeering.selector, data));
        id = _propose(ProposalKind.AddPeering, data, agreement.ledgerId);
    }

    /// @inheritdoc ITrustStore
    function proposeRemovePeering(bytes32 ledgerId) external returns (uint256 id) {
        _requireActiveMember(msg.sender);
        if (!peerTrust.peer(ledgerId).active) revert IPeerTrust.PeerTrust__UnknownPeer(ledgerId);
        id = _propose(ProposalKind.RemovePeering, abi.encode(ledgerId), ledgerId);
    }

    /// @inheritdoc ITrustStore
    function approve(uint256 id) external {
        _requireActiveMember(msg.sender);
        ProposalRecord storage p = _openProposal(id);
        if (_voted[id][msg.sender]) revert TrustStore__AlreadyVoted(id, msg.sender);
        _voted[id][msg.sender] = true;
        p.voters.push(msg.sender);
        emit ProposalApproved(id, msg.sender, _approvals(p));
    }

    /// @inheritdoc ITrustStore
    function execute(uint256 id) external {
        _requireActiveMember(msg.sender);
        ProposalRecord storage p = _openProposal(id);
        uint32 approvals = _approvals(p);
        uint32 required = requiredApprovals();
        if (approvals < required) revert TrustStore__NotApproved(id, approvals, required);
        p.executed = true;

        ProposalKind kind = p.kind;
        if (kind == ProposalKind.AddAnchor) {
            (bytes memory der, bytes2 country, uint8 exceptions) = abi.decode(p.data, (bytes, bytes2, uint8));
            _addAnchor(der, country, exceptions, id);
        } else if (kind == ProposalKind.RetireAnchor) {
            bytes32 anchorHash = abi.decode(p.data, (bytes32));
            AnchorRecord storage a = _requireRetirable(anchorHash);
            _setStatus(anchorHash, a, AnchorStatus.Retired);
            emit AnchorRetired(anchorHash, a.country, id);
        } else if (kind == ProposalKind.ReinstateAnchor) {
            bytes32 anchorHash = abi.decode(p.data, (bytes32));
            AnchorRecord storage a = _requireSuspended(anchorHash);
            _setStatus(anchorHash, a, AnchorStatus.Active);
            emit AnchorReinstated(anchorHash, a.country, id);
        } else if (kind == ProposalKind.AddMember) {
            (address account, bytes2 country, string memory name) = abi.decode(p.data, (address, bytes2, string));
            _validateNewMember(account, country, name);
            _addMember(account, country, name, id);
        } else if (kind == ProposalKind.RemoveMember) {
            address account = abi.decode(p.data, (address));
            _validateRemoval(account);
            MemberRecord storage m = _members[account];
            m.active = false;
            --_activeMemberCount;
            ++_membershipVersion;
            emit MemberRemoved(account, m.country, id);
        } else if (kind == ProposalKind.ChangeThreshold) {
            uint32 newThreshold = abi.decode(p.data, (uint32));
            _validateThreshold(newThreshold);
            emit ThresholdChanged(threshold, newThreshold, id);
            threshold = newThreshold;
            ++_membershipVersion;
        } else if (kind == ProposalKind.RevokeCertificate) {
            (bytes32 anchorHash, bytes32 certificateHash, uint8 reason, uint64 effectiveAt) =
                abi.decode(p.data, (bytes32, bytes32, uint8, uint64));
            _recordRevocation(anchorHash, certificateHash, reason, effectiveAt, address(this), id);
        } else if (kind == ProposalKind.AnnulRevocation) {
            (bytes32 anchorHash, bytes32 certificateHash) = abi.decode(p.data, (bytes32, bytes32));
            RevocationRecord storage r = _revocations[_revocationKey(anchorHash, certificateHash)];
            _requireInForce(r, anchorHash, certificateHash);
            r.annulledAt = uint64(block.timestamp);
            ++r.version;
            emit RevocationAnnulled(certificateHash, anchorHash, id);
            _export(RouteKind.Annul, anchorHash, _anchors[anchorHash].country, 0, certificateHash, uint64(block.timestamp));
        } else {
            _executePeering(kind, p.data, p.target);
        }
        emit ProposalExecuted(id, msg.sender);
    }

    // ------------------------------------------------------------------------- country authority

    /// @inheritdoc ITrustStore
    function suspendAnchor(bytes32 anchorHash, string calldata reason) external {
        AnchorRecord storage a = _requireAnchor(anchorHash);
        _requireMemberOfCountry(msg.sender, a.country);
        if (a.status == AnchorStatus.Retired) revert TrustStore__AnchorRetired(anchorHash);
        if (a.status != AnchorStatus.Active) revert TrustStore__AnchorNotActive(anchorHash);
        _setStatus(anchorHash, a, AnchorStatus.Suspended);
        emit AnchorSuspended(anchorHash, a.country, msg.sender, reason);
    }

    /**
     * @inheritdoc ITrustStore
     * @dev `reason` is an RFC 5280 CRLReason (0..10; 7 is unassigned). The anchor itself is suspended or
     * retired, not revoked here. A record in force is never replaced alone; an annulled one may be.
     */
    function revokeCertificate(bytes32 anchorHash, bytes32 certificateHash, uint8 reason) external {
        _requireMemberOfCountry(msg.sender, _requireAnchor(anchorHash).country);
        _validateRevocation(anchorHash, certificateHash, reason);
        RevocationRecord storage r = _revocations[_revocationKey(anchorHash, certificateHash)];
        if (r.version != 0 && r.annulledAt == 0) revert TrustStore__AlreadyRevoked(anchorHash, certificateHash);
        _recordRevocation(anchorHash, certificateHash, reason, uint64(block.timestamp), msg.sender, 0);
    }

    // ------------------------------------------------------------------------------------- views

    /// @inheritdoc ITrustStore
    function requiredApprovals() public view returns (uint32) {
        uint32 active = _activeMemberCount;
        uint32 t = threshold;
        if (t == 0) return active / 2 + 1;
        return t < active ? t : active;
    }

    /// @inheritdoc ITrustStore
    function members() external view returns (Member[] memory list) {
        uint256 count = _memberAccounts.length;
        list = new Member[](count);
        for (uint256 i; i < count; ++i) {
            list[i] = memberOf(_memberAccounts[i]);
        }
    }

    /// @inheritdoc ITrustStore
    function isActiveMember(address account) external view returns (bool) {
        return _members[account].active;
    }

    /// @inheritdoc ITrustStore
    /// @dev An account that was never a member gives a zero record (`account` zero).
    function memberOf(address account) public view returns (Member memory) {
        MemberRecord storage m = _members[account];
        if (!m.known) return Member(address(0), bytes2(0), "", false);
        return Member(account, m.country, m.name, m.active);
    }

    /// @inheritdoc ITrustStore
    function anchorCount() external view returns (uint256) {
        return _anchorHashes.length;
    }

    /// @inheritdoc ITrustStore
    function anchors(uint256 offset, uint256 limit) external view returns (Anchor[] memory list) {
        uint256 count = _anchorHashes.length;
        if (offset >= count) return list;
        uint256 end = count - offset < limit ? count : offset + limit;
        list = new Anchor[](end - offset);
        for (uint256 i = offset; i < end; ++i) {
            list[i - offset] = anchor(_anchorHashes[i]);
        }
    }

    /// @inheritdoc ITrustStore
    function anchorsByCountry(bytes2 country) external view returns (Anchor[] memory list) {
        bytes32[] storage hashes = _anchorHashesByCountry[country];
        list = new Anchor[](hashes.length);
        for (uint256 i; i < hashes.length; ++i) {
            list[i] = anchor(hashes[i]);
        }
    }

    /// @inheritdoc ITrustStore
    /// @dev An unknown anchor gives a zero record with status `None`.
    function anchor(bytes32 anchorHash) public view returns (Anchor memory result) {
        AnchorRecord storage a = _anchors[anchorHash];
        if (a.status == AnchorStatus.None) return result;
        (bytes memory der,,) = abi.decode(_proposals[a.proposalId].data, (bytes, bytes2, uint8));
        result = Anchor({
            hash: anchorHash,
            country: a.country,
            spkiHash: a.spkiHash,
            notBefore: a.notBefore,
            notAfter: a.notAfter,
            status: a.status,
            proposalId: a.proposalId,
            exceptions: a.exceptions,
            history: a.history,
            der: der
        });
    }

    /// @inheritdoc ITrustStore
    function wasTrustedAt(bytes32 anchorHash, uint64 time) external view returns (bool) {
        return _statusAt(_anchors[anchorHash], time) == AnchorStatus.Active;
    }

    /// @inheritdoc ITrustStore
    function proposal(uint256 id) public view returns (Proposal memory) {
        if (id == 0 || id > proposalCount) revert TrustStore__UnknownProposal(id);
        ProposalRecord storage p = _proposals[id];
        return Proposal({
            id: id,
            kind: p.kind,
            proposer: p.proposer,
            createdAt: p.createdAt,
            expiresAt: p.expiresAt,
            approvals: _approvals(p),
            executed: p.executed,
            stale: _isStale(p),
            targetVersion: p.targetVersion,
            data: p.data
        });
    }

    /**
     * @inheritdoc ITrustStore
     * @dev Stale proposals are listed (with `stale` set) until they expire. Proposals expire in id order
     * (the voting period is fixed), so only the unexpired tail is read, and at most `offset + limit` of it.
     */
    function openProposals(uint256 offset, uint256 limit) external view returns (Proposal[] memory list) {
        uint256 count = proposalCount;
        // The first id whose proposal has not expired, by binary search over [1, count + 1).
        uint256 low = 1;
        uint256 high = count + 1;
        while (low < high) {
            uint256 mid = (low + high) / 2;
            // forge-lint: disable-next-line(block-timestamp) votes last days; seconds of drift do not matter
            if (_proposals[mid].expiresAt > block.timestamp) high = mid;
            else low = mid + 1;
        }
        uint256 size = count + 1 - low;
        if (limit < size) size = limit;
        list = new Proposal[](size);
        uint256 n;
        for (uint256 id = low; id <= count && n < size; ++id) {
            if (_proposals[id].executed) continue;
            if (offset > 0) {
                --offset;
                continue;
            }
            list[n++] = proposal(id);
        }
        // Trim the array to the proposals found.
        assembly ("memory-safe") {
            mstore(list, n)
        }
    }

    /// @inheritdoc ITrustStore
    function hasVoted(uint256 id, address member) external view returns (bool) {
        return _voted[id][member];
    }

    /// @inheritdoc ITrustStore
    /// @dev A certificate never revoked under `anchorHash` gives a zero record (`version` 0).
    function revocation(bytes32 anchorHash, bytes32 certificateHash) external view returns (Revocation memory result) {
        RevocationRecord storage r = _revocations[_revocationKey(anchorHash, certificateHash)];
        if (r.version == 0) return result;
        result = Revocation({
            certificateHash: certificateHash,
            anchorHash: anchorHash,
            reason: r.reason,
            effectiveAt: r.effectiveAt,
            recordedAt: r.recordedAt,
            annulledAt: r.annulledAt,
            version: r.version,
            by: r.by,
            proposalId: r.proposalId
        });
    }

    /// @inheritdoc ITrustStore
    function exportHead() external view returns (bytes32 head, uint64 seq) {
        ExportStorage storage $ = _exportStorage();
        return ($.head, $.seq);
    }

    /// @inheritdoc ITrustStore
    function governsCountry(bytes2 country) external view returns (bool) {
        address[] storage accounts = _memberAccounts;
        for (uint256 i; i < accounts.length; ++i) {
            MemberRecord storage m = _members[accounts[i]];
            if (m.active && m.country == country) return true;
        }
        return false;
    }

    /// @inheritdoc ITrustStore
    function isRevokedAt(bytes32 anchorHash, bytes32 certificateHash, uint64 time) public view returns (bool) {
        RevocationRecord storage r = _revocations[_revocationKey(anchorHash, certificateHash)];
        return r.version != 0 && r.annulledAt == 0 && r.effectiveAt <= time;
    }

    /// @inheritdoc ITrustStore
    /// @dev The anchor is checked first; then the other certificates, leaf first, against the anchor's
    /// own revocation records only.
    function checkPath(bytes32[] calldata certificateHashes, uint64 atTime)
        external
        view
        returns (PathStatus status, uint256 index)
    {
        uint256 length = certificateHashes.length;
        if (length == 0) return (PathStatus.EmptyPath, 0);
        index = length - 1;
        bytes32 anchorHash = certificateHashes[index];
        AnchorRecord storage a = _anchors[anchorHash];
        if (a.status == AnchorStatus.None) return (PathStatus.UnknownAnchor, index);
        AnchorStatus statusThen = _statusAt(a, atTime);
        if (statusThen == AnchorStatus.None) return (PathStatus.AnchorNotYetTrusted, index);
        if (statusThen == AnchorStatus.Suspended) return (PathStatus.AnchorSuspended, index);
        if (statusThen == AnchorStatus.Retired) return (PathStatus.AnchorRetired, index);
        for (uint256 i; i < index; ++i) {
            if (isRevokedAt(anchorHash, certificateHashes[i], atTime)) return (PathStatus.CertificateRevoked, i);
        }
        return (PathStatus.Ok, 0);
    }

    // ---------------------------------------------------------------------------------- internal

    /**
     * @dev Opens a proposal acting on `target` (an anchor hash, a revocation key, or 0 for the
     * membership) at its current version, unless an equivalent one is open.
     */
    function _propose(ProposalKind kind, bytes memory data, bytes32 target) private returns (uint256 id) {
        bytes32 key = _equivalenceKey(kind, data, target);
        uint256 previous = _lastProposalOf[key];
        if (previous != 0 && _isOpen(_proposals[previous])) revert TrustStore__DuplicateProposal(previous);
        id = ++proposalCount;
        _lastProposalOf[key] = id;
        uint256 expiresAt = block.timestamp + votingPeriod;
        ProposalRecord storage p = _proposals[id];
        p.kind = kind;
        p.proposer = msg.sender;
        p.createdAt = uint64(block.timestamp);
        // forge-lint: disable-next-line(unsafe-typecast) saturated just before
        p.expiresAt = expiresAt > type(uint64).max ? type(uint64).max : uint64(expiresAt);
        p.target = target;
        p.targetVersion = _versionOf(kind, target);
        p.data = data;
        p.voters.push(msg.sender);
        _voted[id][msg.sender] = true;
        emit ProposalCreated(id, kind, msg.sender, p.expiresAt, data);
        emit ProposalApproved(id, msg.sender, 1);
    }

    /// @dev Equivalent proposals share a key: same kind and data, or, to add an anchor, the same anchor.
    function _equivalenceKey(ProposalKind kind, bytes memory data, bytes32 target) private pure returns (bytes32) {
        return kind == ProposalKind.AddAnchor ? keccak256(abi.encode(kind, target)) : keccak256(abi.encode(kind, data));
    }

    /// @dev The version of the state a proposal of `kind` acts on, `target` naming it (see `_propose`).
    function _versionOf(ProposalKind kind, bytes32 target) private view returns (uint64) {
        if (kind >= ProposalKind.AddPeering) return _peeringVersions[target];
        if (kind <= ProposalKind.ReinstateAnchor) return uint64(_anchors[target].history.length);
        if (kind <= ProposalKind.ChangeThreshold) return _membershipVersion;
        return _revocations[target].version;
    }

    function _isStale(ProposalRecord storage p) private view returns (bool) {
        return !p.executed && _versionOf(p.kind, p.target) != p.targetVersion;
    }

    function _isOpen(ProposalRecord storage p) private view returns (bool) {
        // forge-lint: disable-next-line(block-timestamp) votes last days; seconds of drift do not matter
        return !p.executed && block.timestamp < p.expiresAt && !_isStale(p);
    }

    /// @dev The proposal `id`, which must exist, be unexecuted, unexpired and not stale.
    function _openProposal(uint256 id) private view returns (ProposalRecord storage p) {
        if (id == 0 || id > proposalCount) revert TrustStore__UnknownProposal(id);
        p = _proposals[id];
        if (p.executed) revert TrustStore__ProposalExecuted(id);
        // forge-lint: disable-next-line(block-timestamp) votes last days; seconds of drift do not matter
        if (block.timestamp >= p.expiresAt) revert TrustStore__ProposalExpired(id);
        if (_isStale(p)) revert TrustStore__StaleProposal(id);
    }

    /// @dev Votes of the proposal's voters who are active members now.
    function _approvals(ProposalRecord storage p) private view returns (uint32 count) {
        address[] storage voters = p.voters;
        for (uint256 i; i < voters.length; ++i) {
            if (_members[voters[i]].active) ++count;
        }
    }

    function _requireActiveMember(address account) private view returns (MemberRecord storage m) {
        m = _members[account];
        if (!m.active) revert TrustStore__NotMember(account);
    }

    function _requireMemberOfCountry(address account, bytes2 country) private view {
        if (_requireActiveMember(account).country != country) revert TrustStore__NotMemberOfCountry(account, country);
    }

    function _validateNewMember(address account, bytes2 country, string memory name) private view {
        if (account == address(0) || bytes(name).length == 0) revert TrustStore__InvalidMember(account);
        _requireCountryCode(country);
        if (_members[account].active) revert TrustStore__MemberExists(account);
    }

    function _validateRemoval(address account) private view {
        if (!_members[account].active) revert TrustStore__NotMember(account);
        if (_activeMemberCount == 1) revert TrustStore__LastMember();
    }

    function _validateThreshold(uint32 threshold_) private view {
        if (threshold_ > _activeMemberCount) revert TrustStore__InvalidThreshold(threshold_, _activeMemberCount);
    }

    /// @dev ISO 3166-1 alpha-2: two upper-case ASCII letters.
    function _requireCountryCode(bytes2 country) private pure {
        bytes1 first = country[0];
        bytes1 second = country[1];
        if (first < "A" || first > "Z" || second < "A" || second > "Z") revert TrustStore__InvalidCountry(country);
    }

    function _addMember(address account, bytes2 country, string memory name, uint256 proposalId) private {
        MemberRecord storage m = _members[account];
        if (!m.known) {
            m.known = true;
            _memberAccounts.push(account);
        }
        m.country = country;
        m.name = name;
        m.active = true;
        ++_activeMemberCount;
        ++_membershipVersion;
        emit MemberAdded(account, country, name, proposalId);
    }

    /**
     * @dev Checks a DER certificate proposed as an anchor of `country` with `exceptions` declared: a new
     * anchor (by its tbsCertificate), a self-issued CA root, exactly the exceptions it needs.
     */
    function _inspectNewAnchor(bytes memory der, bytes2 country, uint8 exceptions)
        private
        view
        returns (RootCertificateReader.Root memory root)
    {
        _requireCountryCode(country);
        root = certificateReader.read(der);
        if (_anchors[root.tbsHash].status != AnchorStatus.None) revert TrustStore__AnchorExists(root.tbsHash);
        if (!root.selfIssuedCa) revert TrustStore__NotRootCertificate();
        uint8 required;
        if (root.countryName != country) required |= ANCHOR_COUNTRY_DIFFERS;
        if (_knownKeys[root.spkiHash]) required |= ANCHOR_KEY_REUSED;
        if (exceptions != required) revert TrustStore__UndeclaredException(required);
    }

    function _addAnchor(bytes memory der, bytes2 country, uint8 exceptions, uint256 proposalId) private {
        RootCertificateReader.Root memory root = _inspectNewAnchor(der, country, exceptions);
        bytes32 anchorHash = root.tbsHash;
        AnchorRecord storage a = _anchors[anchorHash];
        a.country = country;
        a.exceptions = exceptions;
        a.notBefore = root.notBefore;
        a.notAfter = root.notAfter;
        a.spkiHash = root.spkiHash;
        a.proposalId = proposalId;
        _setStatus(anchorHash, a, AnchorStatus.Active);
        _knownKeys[root.spkiHash] = true;
        _anchorHashes.push(anchorHash);
        _anchorHashesByCountry[country].push(anchorHash);
        emit AnchorAdded(anchorHash, country, root.spkiHash, root.notBefore, root.notAfter, proposalId, der);
    }

    function _requireAnchor(bytes32 anchorHash) private view returns (AnchorRecord storage a) {
        a = _anchors[anchorHash];
        if (a.status == AnchorStatus.None) revert TrustStore__UnknownAnchor(anchorHash);
    }

    function _requireRetirable(bytes32 anchorHash) private view returns (AnchorRecord storage a) {
        a = _requireAnchor(anchorHash);
        if (a.status == AnchorStatus.Retired) revert TrustStore__AnchorRetired(anchorHash);
    }

    function _requireSuspended(bytes32 anchorHash) private view returns (AnchorRecord storage a) {
        a = _requireRetirable(anchorHash);
        if (a.status != AnchorStatus.Suspended) revert TrustStore__AnchorNotSuspended(anchorHash);
    }

    /// @dev Records a status change and exports it: `Active` announces the anchor, any other status withdraws it.
    function _setStatus(bytes32 anchorHash, AnchorRecord storage a, AnchorStatus status) private {
        a.status = status;
        a.history.push(StatusChange(status, uint64(block.timestamp)));
        _export(
            status == AnchorStatus.Active ? RouteKind.Announce : RouteKind.Withdraw,
            anchorHash,
            a.country,
            a.spkiHash,
            0,
            uint64(block.timestamp)
        );
    }

    /// @dev Executes an AddPeering or RemovePeering proposal through `peerTrust`; `ledgerId` is the
    /// proposal's target (the agreement's ledger id).
    function _executePeering(ProposalKind kind, bytes memory data, bytes32 ledgerId) private {
        ++_peeringVersions[ledgerId];
        if (kind == ProposalKind.AddPeering) {
            _callPeerTrust(abi.encodePacked(IPeerTrust.addPeering.selector, data));
        } else {
            peerTrust.removePeering(ledgerId);
        }
    }

    /// @dev Calls PeerTrust with an encoded call, passing its refusal on unchanged.
    function _callPeerTrust(bytes memory call) private {
        (bool ok, bytes memory result) = address(peerTrust).call(call);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 0x20), mload(result))
            }
        }
    }

    /// @dev Appends an entry to the export hash chain (see {RouteExport}).
    function _export(
        RouteKind kind,
        bytes32 anchorHash,
        bytes2 country,
        bytes32 spkiHash,
        bytes32 certificateHash,
        uint64 at
    ) private {
        ExportStorage storage $ = _exportStorage();
        RouteEntry memory entry = RouteEntry({
            chainId: uint64(block.chainid),
            seq: $.seq + 1,
            kind: kind,
            country: country,
            anchorHash: anchorHash,
            spkiHash: spkiHash,
            certificateHash: certificateHash,
            at: at
        });
        bytes32 head = RouteExport.link($.head, entry);
        $.head = head;
        $.seq = entry.seq;
        emit RouteExported(entry.seq, anchorHash, entry, head);
    }

    function _exportStorage() private pure returns (ExportStorage storage $) {
        bytes32 slot = RouteExport.HEAD_SLOT;
        assembly ("memory-safe") {
            $.slot := slot
        }
    }

    /// @dev The status in force at `time`: that of the last change at or before it (`None` before addition).
    function _statusAt(AnchorRecord storage a, uint64 time) private view returns (AnchorStatus) {
        StatusChange[] storage history = a.history;
        for (uint256 i = history.length; i > 0; --i) {
            StatusChange storage change = history[i - 1];
            if (change.at <= time) return change.status;
        }
        return AnchorStatus.None;
    }

    function _revocationKey(bytes32 anchorHash, bytes32 certificateHash) private pure returns (bytes32) {
        return keccak256(abi.encode(anchorHash, certificateHash));
    }

    /// @dev A certificate under an anchor (not the anchor itself) and an RFC 5280 CRLReason.
    function _validateRevocation(bytes32 anchorHash, bytes32 certificateHash, uint8 reason) private pure {
        if (certificateHash == bytes32(0) || certificateHash == anchorHash || reason > 10 || reason == 7) {
            revert TrustStore__InvalidRevocation();
        }
    }

    function _requireInForce(RevocationRecord storage r, bytes32 anchorHash, bytes32 certificateHash) private view {
        if (r.version == 0 || r.annulledAt != 0) revert TrustStore__NotRevoked(anchorHash, certificateHash);
    }

    /// @dev Writes a new version of the record of (`anchorHash`, `certificateHash`), in force.
    function _recordRevocation(
        bytes32 anchorHash,
        bytes32 certificateHash,
        uint8 reason,
        uint64 effectiveAt,
        address by,
        uint256 proposalId
    ) private {
        RevocationRecord storage r = _revocations[_revocationKey(anchorHash, certificateHash)];
        r.effectiveAt = effectiveAt;
        r.recordedAt = uint64(block.timestamp);
        r.annulledAt = 0;
        ++r.version;
        r.reason = reason;
        r.by = by;
        // forge-lint: disable-next-line(unsafe-typecast) proposal ids are counted one by one from 1
        r.proposalId = uint64(proposalId);
        emit CertificateRevoked(certificateHash, anchorHash, reason, effectiveAt, by, proposalId);
        _export(RouteKind.Revoke, anchorHash, _anchors[anchorHash].country, 0, certificateHash, effectiveAt);
    }
}
