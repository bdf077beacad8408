// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {IPeerTrust} from "./IPeerTrust.sol";

// Deliberate exceptions a proposer declares for an anchor, so that voters see them (the proposal's
// data carries them). `proposeAddAnchor` requires exactly the flags the certificate needs: an unusual
// anchor without its flag is refused, and so is a flag the certificate does not need (no false warning).
// (Plain comments: NatSpec is not allowed on file-level constants.)

// The certificate's subject has no single countryName equal to the anchor's country.
uint8 constant ANCHOR_COUNTRY_DIFFERS = 1;
// The key (SPKI) is that of an anchor already known to the store, of any status (a re-issued or
// retired root).
uint8 constant ANCHOR_KEY_REUSED = 2;

/**
 * @title ITrustStore
 * @notice Trust anchors (national root CA certificates) governed by member PKI authorities, one per
 * country seat. Anchors enter and leave only through proposals approved by a threshold of active
 * members; a member may suspend an anchor of its own country alone (emergency) and revoke certificates
 * under it from now on. Every change keeps its time so that `wasTrustedAt` and `checkPath` answer for
 * any past time (the signing time of a record), not only for now.
 *
 * Identity: a certificate (anchor or not) is named by the SHA-256 of its signed `tbsCertificate`, which
 * no re-encoding of the outer certificate can change.
 *
 * Revocation belongs to its anchor: a record is kept under (anchor, certificate), only a member of the
 * anchor's country makes it, and `checkPath` honours it only for paths that end in that anchor. Alone,
 * a member revokes with effect from the current block; a revocation effective in the past (key
 * compromise) and the annulment of a mistaken record need a proposal and its votes.
 *
 * Replay: every proposal records the version of the state it acts on (the anchor's status history, the
 * revocation record, the membership and threshold); executing it after that state changed reverts with
 * `TrustStore__StaleProposal`. An equivalent proposal (same kind and data) cannot be opened while one is
 * open and not stale.
 */
interface ITrustStore {
    // ---------------------------------------------------------------- types

    /// @notice What a proposal does when executed; its arguments are ABI-encoded in `Proposal.data`.
    enum ProposalKind {
        AddAnchor, //         (bytes der, bytes2 country, uint8 exceptions)
        RetireAnchor, //      (bytes32 anchorHash)
        ReinstateAnchor, //   (bytes32 anchorHash)
        AddMember, //         (address account, bytes2 country, string name)
        RemoveMember, //      (address account)
        ChangeThreshold, //   (uint32 threshold; 0 = strict majority of active members)
        RevokeCertificate, // (bytes32 anchorHash, bytes32 certificateHash, uint8 reason, uint64 effectiveAt)
        AnnulRevocation, //   (bytes32 anchorHash, bytes32 certificateHash)
        AddPeering, //        (IPeerTrust.Agreement agreement)
        RemovePeering //      (bytes32 ledgerId)
    }

    /// @notice What an export entry tells a peer ledger (see {RouteExport}).
    enum RouteKind {
        Announce, // the anchor became active (added or reinstated)
        Withdraw, // the anchor stopped being active (suspended or retired)
        Revoke, //   a certificate under the anchor is revoked from `at` on
        Annul //     the revocation record of a certificate under the anchor was annulled
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
        bytes32 hash; // SHA-256 of the tbsCertificate of `der`: the anchor's identity
        bytes2 country;
        bytes32 spkiHash; // SHA-256 of the DER SubjectPublicKeyInfo
        uint64 notBefore;
        uint64 notAfter;
        AnchorStatus status; // the current status, the last entry of `history`
        uint256 proposalId; // the proposal that added it
        uint8 exceptions; // ANCHOR_* flags its proposal declared
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
        bool stale; // the state it acts on changed since it was made: it can no longer be executed
        uint64 targetVersion; // the version of that state when proposed
        bytes data;
    }

    /// @notice The revocation record of a certificate under one anchor. `version` counts the changes
    /// to the record (revoked, annulled, revoked again); a record whose `annulledAt` is set is void for
    /// every time, since it was made in error.
    struct Revocation {
        bytes32 certificateHash; // SHA-256 of the tbsCertificate
        bytes32 anchorHash;
        uint8 reason; // RFC 5280 CRLReason
        uint64 effectiveAt; // the block time, or earlier when voted (compromise time)
        uint64 recordedAt;
        uint64 annulledAt; // 0: in force
        uint32 version;
        address by; // the member, or the TrustStore itself when executed from a proposal
        uint256 proposalId; // 0 when a member revoked alone
    }

    /// @notice One entry of the export hash chain (see {RouteExport}): all a peer needs to apply it.
    struct RouteEntry {
        uint64 chainId; // the exporting ledger's chain id
        uint64 seq; // 1, 2, 3, ... in export order
        RouteKind kind;
        bytes2 country; // the anchor's country
        bytes32 anchorHash; // SHA-256 of the anchor's tbsCertificate
        bytes32 spkiHash; // Announce/Withdraw: SHA-256 of the anchor's SubjectPublicKeyInfo; otherwise 0
        bytes32 certificateHash; // Revoke/Annul: the certificate's tbsCertificate hash; otherwise 0
        uint64 at; // when it took effect (Revoke: the revocation's effective time)
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
        bytes32 indexed certificateHash,
        bytes32 indexed anchorHash,
        uint8 reason,
        uint64 effectiveAt,
        address indexed by,
        uint256 proposalId
    );
    event RevocationAnnulled(bytes32 indexed certificateHash, bytes32 indexed anchorHash, uint256 indexed proposalId);
    /// @notice An entry was appended to the export hash chain; `head` is the new head. A relayer reads
    /// entries from these logs and proves `head` on the peer ledger.
    event RouteExported(uint64 indexed seq, bytes32 indexed anchorHash, RouteEntry entry, bytes32 head);

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
    error TrustStore__AlreadyRevoked(bytes32 anchorHash, bytes32 certificateHash);
    error TrustStore__NotRevoked(bytes32 anchorHash, bytes32 certificateHash);
    error TrustStore__InvalidRevocation();
    error TrustStore__StaleProposal(uint256 id);
    error TrustStore__DuplicateProposal(uint256 openId);
    /// @notice The proposed anchor is not a self-issued CA certificate (subject = issuer, cA true, keyCertSign).
    error TrustStore__NotRootCertificate();
    /// @notice The proposed anchor's declared exceptions differ from the ANCHOR_* flags it needs
    /// (`required`): one is missing, or one is declared that the certificate does not need.
    error TrustStore__UndeclaredException(uint8 required);

    // ---------------------------------------------------------------- governance

    /**
     * @notice Proposes a new trust anchor of the proposer's own country; the proposer's vote counts.
     * @dev `der` must be a well-formed strict-DER X.509 certificate of a self-issued CA (a malformed one
     * reverts with the `Der__*`/`X509__*` error that says where and why). `exceptions` must declare
     * every ANCHOR_* condition the certificate meets, and nothing else.
     */
    function proposeAddAnchor(bytes calldata der, bytes2 country, uint8 exceptions) external returns (uint256 id);
    function proposeRetireAnchor(bytes32 anchorHash) external returns (uint256 id);
    /// @notice Proposes to make a suspended anchor active again.
    function proposeReinstateAnchor(bytes32 anchorHash) external returns (uint256 id);
    function proposeAddMember(address account, bytes2 country, string calldata name) external returns (uint256 id);
    function proposeRemoveMember(address account) external returns (uint256 id);
    /// @notice Proposes a new approval threshold: a number of approvals, or 0 for a strict majority.
    function proposeThreshold(uint32 threshold) external returns (uint256 id);
    /// @notice Proposes a revocation under an anchor of the proposer's country effective at a past time
    /// (`effectiveAt` <= now), e.g. the time of a key compromise. Executed, it replaces an in-force record.
    function proposeRevokeCertificate(bytes32 anchorHash, bytes32 certificateHash, uint8 reason, uint64 effectiveAt)
        external
        returns (uint256 id);
    /// @notice Proposes to annul a revocation record made in error; any active member may propose it.
    function proposeAnnulRevocation(bytes32 anchorHash, bytes32 certificateHash) external returns (uint256 id);
    /**
     * @notice Proposes a peering agreement with another ledger (see {IPeerTrust}); any active member may.
     * Executed, it is stored in `peerTrust()`, which registers the peer's consensus with the agreement's
     * light client; an agreement it refuses makes the execution revert with its `PeerTrust__*` error.
     */
    function proposeAddPeering(IPeerTrust.Agreement calldata agreement) external returns (uint256 id);
    /// @notice Proposes to end the peering agreement with `ledgerId`: its routes stop counting at once.
    function proposeRemovePeering(bytes32 ledgerId) external returns (uint256 id);
    /// @notice Approves an open proposal; one vote per active member.
    function approve(uint256 id) external;
    /// @notice Executes an approved, unexpired, unexecuted, not stale proposal. Only active members:
    /// the executor chooses the moment an approved change takes effect, so that choice stays with an
    /// accountable authority (named in `ProposalExecuted`), not with anyone replaying an approval.
    function execute(uint256 id) external;

    /// @notice Emergency: a member suspends an active anchor of its own country at once.
    function suspendAnchor(bytes32 anchorHash, string calldata reason) external;
    /// @notice A member of the anchor's country revokes a certificate under it, effective from this block.
    function revokeCertificate(bytes32 anchorHash, bytes32 certificateHash, uint8 reason) external;

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
    /// @notice Proposals neither executed nor expired, oldest first, from the `offset`-th to `offset + limit`.
    function openProposals(uint256 offset, uint256 limit) external view returns (Proposal[] memory);
    function hasVoted(uint256 id, address member) external view returns (bool);
    function revocation(bytes32 anchorHash, bytes32 certificateHash) external view returns (Revocation memory);
    /// @notice The export hash chain's head and the number of entries it holds (see {RouteExport}).
    function exportHead() external view returns (bytes32 head, uint64 seq);
    /// @notice The contract that keeps this ledger's peering agreements and the routes learned from them
    /// (deployed by the constructor).
    function peerTrust() external view returns (IPeerTrust);
    /// @notice Whether an active member of `country` governs it on this ledger (routes for it are refused).
    function governsCountry(bytes2 country) external view returns (bool);
    /// @notice Whether a certificate is revoked under `anchorHash` as of `time` (in force, effective at or before it).
    function isRevokedAt(bytes32 anchorHash, bytes32 certificateHash, uint64 time) external view returns (bool);
    /**
     * @notice Checks a certification path against the store as of `atTime`: the last hash is the anchor,
     * the others (leaf first, tbsCertificate hashes) must not be revoked under that anchor at that time.
     * @return status `Ok`, or why not.
     * @return index the index in `certificateHashes` the status concerns.
     */
    function checkPath(bytes32[] calldata certificateHashes, uint64 atTime)
        external
        view
        returns (PathStatus status, uint256 index);
}
