// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

/**
 * @title ITrustStore
 * @notice Trust anchors (national root CA certificates) governed by member PKI authorities, one per
 * country seat. Anchors enter and leave only through proposals approved by a threshold of active
 * members; a member may suspend an anchor of its own country alone (emergency) and revoke intermediate
 * CA certificates under it. Every change keeps its time so that `wasTrustedAt` and `checkPath` answer
 * for any past time (the signing time of a record), not only for now.
 */
interface ITrustStore {
    // ---------------------------------------------------------------- types

    /// @notice What a proposal does when executed; its arguments are ABI-encoded in `Proposal.data`.
    enum ProposalKind {
        AddAnchor, //         (bytes der, bytes2 country)
        RetireAnchor, //      (bytes32 anchorHash)
        ReinstateAnchor, //   (bytes32 anchorHash)
        AddMember, //         (address account, bytes2 country, string name)
        RemoveMember, //      (address account)
        ChangeThreshold //    (uint32 threshold; 0 = strict majority of active members)
    }

    /// @notice An anchor's governance status. `None` is an unknown anchor.
    enum AnchorStatus {
        None,
        Active,
        Suspended,
        Retired
    }

    /// @notice The answer of `checkPath`.
    enum PathStatus {
        Ok,
        EmptyPath,
        UnknownAnchor,
        AnchorNotYetTrusted, // the time lies before the anchor was added
        AnchorSuspended,
        AnchorRetired,
        CertificateRevoked
    }

    struct Member {
        address account;
        bytes2 country; // ISO 3166-1 alpha-2, upper case ("BR", "CN")
        string name;
        bool active;
    }

    struct StatusChange {
        AnchorStatus status;
        uint64 at;
    }

    struct Anchor {
        bytes32 hash; // SHA-256 of `der`
        bytes2 country;
        bytes32 spkiHash; // SHA-256 of the DER SubjectPublicKeyInfo
        uint64 notBefore;
        uint64 notAfter;
        AnchorStatus status; // the current status, the last entry of `history`
        uint256 proposalId; // the proposal that added it
        StatusChange[] history;
        bytes der;
    }

    struct Proposal {
        uint256 id;
        ProposalKind kind;
        address proposer;
        uint64 createdAt;
        uint64 expiresAt;
        uint32 approvals; // votes of currently active members
        bool executed;
        bytes data;
    }

    struct Revocation {
        bytes32 certificateHash;
        bytes32 anchorHash;
        uint8 reason; // RFC 5280 CRLReason
        uint64 effectiveAt; // may lie in the past (compromise time)
        uint64 recordedAt;
        address by;
    }

    // ---------------------------------------------------------------- events

    event MemberAdded(address indexed account, bytes2 indexed country, string name, uint256 indexed proposalId);
    event MemberRemoved(address indexed account, bytes2 indexed country, uint256 indexed proposalId);
    event ThresholdChanged(uint32 previous, uint32 current, uint256 indexed proposalId);
    event ProposalCreated(
        uint256 indexed id, ProposalKind kind, address indexed proposer, uint64 expiresAt, bytes data
    );
    event ProposalApproved(uint256 indexed id, address indexed member, uint32 approvals);
    event ProposalExecuted(uint256 indexed id, address indexed executor);
    event AnchorAdded(
        bytes32 indexed anchorHash, bytes2 indexed country, bytes32 spkiHash, uint64 notBefore, uint64 notAfter, uint256 indexed proposalId, bytes der
    );
    event AnchorSuspended(bytes32 indexed anchorHash, bytes2 indexed country, address indexed by, string reason);
    event AnchorReinstated(bytes32 indexed anchorHash, bytes2 indexed country, uint256 indexed proposalId);
    event AnchorRetired(bytes32 indexed anchorHash, bytes2 indexed country, uint256 indexed proposalId);
    event CertificateRevoked(
        bytes32 indexed certificateHash, bytes32 indexed anchorHash, uint8 reason, uint64 effectiveAt, address indexed by
    );

    // ---------------------------------------------------------------- errors

    error TrustStore__NotMember(address account);
    error TrustStore__NotMemberOfCountry(address account, bytes2 country);
    error TrustStore__InvalidCountry(bytes2 country);
    error TrustStore__MemberExists(address account);
    error TrustStore__InvalidMember(address account);
    error TrustStore__LastMember();
    error TrustStore__InvalidThreshold(uint32 threshold, uint32 activeMembers);
    error TrustStore__InvalidVotingPeriod();
    error TrustStore__UnknownProposal(uint256 id);
    error TrustStore__ProposalExpired(uint256 id);
    error TrustStore__ProposalExecuted(uint256 id);
    error TrustStore__AlreadyVoted(uint256 id, address member);
    error TrustStore__NotApproved(uint256 id, uint32 approvals, uint32 required);
    error TrustStore__AnchorExists(bytes32 anchorHash);
    error TrustStore__UnknownAnchor(bytes32 anchorHash);
    error TrustStore__AnchorNotActive(bytes32 anchorHash);
    error TrustStore__AnchorNotSuspended(bytes32 anchorHash);
    error TrustStore__AnchorRetired(bytes32 anchorHash);
    error TrustStore__AlreadyRevoked(bytes32 certificateHash);
    error TrustStore__InvalidRevocation();

    // ---------------------------------------------------------------- governance

    /**
     * @notice Proposes a new trust anchor of the proposer's own country; the proposer's vote counts.
     * @dev `der` must be a well-formed DER X.509 certificate: a malformed one reverts with the `Der__*` or
     * `CertificateShape__*` error that says where and why (see contracts/src/lib/).
     */
    function proposeAddAnchor(bytes calldata der, bytes2 country) external returns (uint256 id);
    function proposeRetireAnchor(bytes32 anchorHash) external returns (uint256 id);
    /// @notice Proposes to make a suspended anchor active again.
    function proposeReinstateAnchor(bytes32 anchorHash) external returns (uint256 id);
    function proposeAddMember(address account, bytes2 country, string calldata name) external returns (uint256 id);
    function proposeRemoveMember(address account) external returns (uint256 id);
    /// @notice Proposes a new approval threshold: a number of approvals, or 0 for a strict majority.
    function proposeThreshold(uint32 threshold) external returns (uint256 id);
    /// @notice Approves an open proposal; one vote per active member.
    function approve(uint256 id) external;
    /// @notice Executes an approved, unexpired, unexecuted proposal. Anyone may call it.
    function execute(uint256 id) external;

    /// @notice Emergency: a member suspends an active anchor of its own country at once.
    function suspendAnchor(bytes32 anchorHash, string calldata reason) external;
    /// @notice A member of the anchor's country revokes a certificate issued under it, permanently.
    function revokeCertificate(bytes32 certificateHash, bytes32 anchorHash, uint8 reason, uint64 effectiveAt)
        external;

    // ---------------------------------------------------------------- views

    function threshold() external view returns (uint32);
    /// @notice The number of approvals a proposal needs now.
    function requiredApprovals() external view returns (uint32);
    function votingPeriod() external view returns (uint64);
    function members() external view returns (Member[] memory);
    function isActiveMember(address account) external view returns (bool);
    function memberOf(address account) external view returns (Member memory);
    function anchorCount() external view returns (uint256);
    /// @notice Anchors in order of addition, `offset` to `offset + limit`.
    function anchors(uint256 offset, uint256 limit) external view returns (Anchor[] memory);
    function anchorsByCountry(bytes2 country) external view returns (Anchor[] memory);
    function anchor(bytes32 anchorHash) external view returns (Anchor memory);
    function wasTrustedAt(bytes32 anchorHash, uint64 time) external view returns (bool);
    function proposal(uint256 id) external view returns (Proposal memory);
    function proposalCount() external view returns (uint256);
    /// @notice Proposals neither executed nor expired.
    function openProposals() external view returns (Proposal[] memory);
    function hasVoted(uint256 id, address member) external view returns (bool);
    function revocation(bytes32 certificateHash) external view returns (Revocation memory);
    /// @notice Whether a certificate is revoked as of `time` (effective at or before it).
    function isRevokedAt(bytes32 certificateHash, uint64 time) external view returns (bool);
    /**
     * @notice Checks a certification path against the store as of `atTime`: the last hash is the anchor,
     * the others (leaf first) must not be revoked at that time.
     * @return status `Ok`, or why not.
     * @return index the index in `certificateHashes` the status concerns.
     */
    function checkPath(bytes32[] calldata certificateHashes, uint64 atTime)
        external
        view
        returns (PathStatus status, uint256 index);
}
