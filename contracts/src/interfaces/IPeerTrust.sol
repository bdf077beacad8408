// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {ILedgerLightClient} from "./ILedgerLightClient.sol";
import {ITrustStore} from "./ITrustStore.sol";

/**
 * @title IPeerTrust
 * @notice Trust routes from peer ledgers, as BGP routes between autonomous systems. This ledger's Trust
 * Store governance votes a peering agreement with a peer ledger (which countries it accepts from it, a
 * hold timer, the peer's consensus); anyone may then relay the peer's export hash chain ({RouteExport}):
 * `sync` proves the peer Trust Store's export head at a block the light client accepted, replays the
 * entries from the head it knew, and applies them. An anchor announced by the peer is then trusted here
 * by route while the route is live.
 *
 * Rules:
 * - Nothing dropped, reordered or altered: the replayed head must equal the proven head.
 * - A peer announces only the countries the agreement accepts, and never a country this ledger governs
 *   itself (an active member of it in the Trust Store): such entries are recorded as refused (an event)
 *   and never become routes. They do not block the sync, so that one bad announcement cannot hold back a
 *   withdrawal that follows it.
 * - Route length 1: routes learned here are never exported again (the Trust Store exports only its own
 *   changes), so no route can loop back.
 * - Hold timer: a route counts only while `block.timestamp - provenTime <= holdTime`, where `provenTime`
 *   is the timestamp of the peer's header at the last sync; past it the route is `Stale` and fails closed.
 *   A sync without new entries (keepalive) refreshes `provenTime`.
 * - A route never overrides this ledger's own decision: the registries consult it only for anchors the
 *   local Trust Store does not know.
 */
interface IPeerTrust {
    /// @notice A peering agreement as voted (the data of a `ProposalKind.AddPeering` proposal).
    struct Agreement {
        bytes32 ledgerId; // keccak256(abi.encode(chainId, genesisHash))
        uint64 chainId;
        bytes32 genesisHash;
        bytes2[] countries; // the peer's countries accepted from it
        address[] validators; // the peer's starting QBFT validator set
        uint64 trustingPeriod; // of the light client (seconds)
        bytes trustedHeaderRlp; // a header of the peer governance vouches for
        uint64 holdTime; // seconds a proven state stays good enough for routes
        address trustStore; // the peer's TrustStore (its export head is proven there)
        address transactionRegistry; // the peer's TransactionRegistry (records proven there); may be zero
        ILedgerLightClient lightClient; // the light client this contract registers the peer with
    }

    /// @notice A stored agreement and the state of its sync.
    struct Peer {
        bytes32 ledgerId;
        uint64 chainId;
        bytes32 genesisHash;
        bytes2[] countries;
        uint64 holdTime;
        address trustStore;
        address transactionRegistry;
        ILedgerLightClient lightClient;
        bool active;
        bytes32 head; // the export head replayed so far
        uint64 seq; // the entries replayed so far
        uint64 provenNumber; // the peer block of the last sync (0: never synced)
        uint64 provenTime; // that block's timestamp
    }

    enum RouteStatus {
        Unknown, // never announced by a peer with a live agreement
        Active, // announced, not withdrawn, and the peer's state is younger than the hold time
        Withdrawn, // the peer suspended or retired it
        Stale, // announced, but the peer's last proven state is older than the hold time: fails closed
        Overridden // this ledger has come to govern the route's country itself since
    }

    /// @notice What is known here of an anchor learned from a peer.
    struct Route {
        RouteStatus status;
        bytes32 ledgerId;
        bytes2 country;
        bytes32 spkiHash;
        uint64 changedAt; // the peer's time of the last announcement or withdrawal
        uint64 provenNumber; // the peer block the route was last proven at (the agreement's last sync)
        uint64 provenTime;
        uint64 holdTime;
    }

    enum Refusal {
        CountryNotAccepted, // the agreement does not accept the entry's country
        CountryGovernedLocally, // this ledger governs the country itself
        AnchorOfOtherPeer // another live agreement already routes this anchor
    }

    event PeeringAdded(bytes32 indexed ledgerId, uint64 chainId, bytes2[] countries, uint64 holdTime, address trustStore);
    event PeeringRemoved(bytes32 indexed ledgerId);
    /// @notice A sync proved the peer's export head at block `number`; `entries` were new.
    event RoutesSynced(bytes32 indexed ledgerId, uint64 indexed number, uint64 timestamp, uint64 seq, bytes32 head, uint256 entries);
    event RouteAnnounced(bytes32 indexed ledgerId, bytes32 indexed anchorHash, bytes2 indexed country, uint64 seq);
    event RouteWithdrawn(bytes32 indexed ledgerId, bytes32 indexed anchorHash, bytes2 indexed country, uint64 seq);
    event RouteRevocationRecorded(bytes32 indexed ledgerId, bytes32 indexed anchorHash, bytes32 indexed certificateHash, uint64 effectiveAt);
    event RouteRevocationAnnulled(bytes32 indexed ledgerId, bytes32 indexed anchorHash, bytes32 indexed certificateHash);
    event RouteRefused(bytes32 indexed ledgerId, bytes32 indexed anchorHash, bytes2 indexed country, uint64 seq, Refusal reason);
    /// @notice The DER of a routed anchor was published (its tbsCertificate hash is `anchorHash`).
    event AnchorCertificatePublished(bytes32 indexed anchorHash, bytes32 indexed ledgerId);

    error PeerTrust__NotTrustStore(address caller);
    error PeerTrust__InvalidAgreement();
    error PeerTrust__InvalidCountry(bytes2 country);
    error PeerTrust__CountryGovernedLocally(bytes2 country);
    /// @notice Another live agreement already accepts `country` (a country comes from one peer only).
    error PeerTrust__CountryAcceptedFromOtherPeer(bytes2 country, bytes32 ledgerId);
    error PeerTrust__PeeringExists(bytes32 ledgerId);
    error PeerTrust__UnknownPeer(bytes32 ledgerId);
    /// @notice A sync must prove a newer block than the last one.
    error PeerTrust__NotNewer(uint64 number, uint64 provenNumber);
    /// @notice Entry `index` has sequence number `seq` where `expected` was next (dropped or reordered).
    error PeerTrust__OutOfOrder(uint256 index, uint64 expected, uint64 seq);
    /// @notice Entry `index` names another chain than the peer's.
    error PeerTrust__WrongLedger(uint256 index, uint64 chainId);
    /// @notice The replayed head differs from the head proven at the block: an entry is missing or altered.
    error PeerTrust__HeadMismatch(bytes32 proven, bytes32 replayed);
    /// @notice No route names the anchor whose certificate was published.
    error PeerTrust__UnknownRoute(bytes32 anchorHash);

    // ---------------------------------------------------------------- governance (the Trust Store only)

    /// @notice Stores a voted agreement and registers the peer with its light client. Trust Store only.
    function addPeering(Agreement calldata agreement) external;
    /// @notice Reverts with the `PeerTrust__*` reason `agreement` cannot be added now (asked at proposal).
    function validatePeering(Agreement calldata agreement) external view;
    /// @notice Ends the agreement with `ledgerId`: its routes count no more. Trust Store only.
    function removePeering(bytes32 ledgerId) external;

    // ---------------------------------------------------------------- anyone (relayers)

    /**
     * @notice Proves the peer's export head at its accepted block `number` and applies `entries`, the
     * entries after the last sync up to that head (none: a keepalive). Reverts when the replay does not
     * reach the proven head.
     */
    function sync(
        bytes32 ledgerId,
        uint64 number,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof,
        ITrustStore.RouteEntry[] calldata entries
    ) external;

    /**
     * @notice `sync` in one transaction with the header: the light client accepts the peer's sealed header
     * `headerRlp` (as `ILedgerLightClient.submitHeader` would; it must not have been accepted yet) and
     * proves the export head against that header's state root; then the entries are replayed and applied
     * as `sync` does. What a relayer sends for a new block of the peer.
     */
    function syncWithHeader(
        bytes32 ledgerId,
        bytes calldata headerRlp,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof,
        ITrustStore.RouteEntry[] calldata entries
    ) external;

    /// @notice Publishes the DER of an anchor a peer announced, so that registrations can verify paths
    /// under it; its tbsCertificate hash must be the route's anchor hash.
    function publishAnchorCertificate(bytes calldata der) external;

    // ---------------------------------------------------------------- views

    /// @notice The Trust Store whose governance votes the agreements.
    function trustStore() external view returns (ITrustStore);
    function route(bytes32 anchorHash) external view returns (Route memory);
    /// @notice The DER published for a routed anchor (empty when none).
    function anchorCertificate(bytes32 anchorHash) external view returns (bytes memory);
    function peer(bytes32 ledgerId) external view returns (Peer memory);
    /// @notice Every agreement ever added, removed ones included (`active` false).
    function peers() external view returns (Peer[] memory);
    /**
     * @notice Checks a path (tbsCertificate hashes, leaf first, the anchor last) against the routes now:
     * the anchor's route status and, when it is `Active`, whether a certificate of the path is revoked
     * under the anchor at `time` by the peer's records.
     * @return status the anchor's route status.
     * @return revoked whether a certificate is revoked; `index` is then its position.
     */
    function checkRoutedPath(bytes32[] calldata hashes, uint64 time)
        external
        view
        returns (RouteStatus status, bool revoked, uint256 index);
    /**
     * @notice Whether the peer's TransactionRegistry held `recordHash` for transaction `txId` at its
     * accepted block `number` (see `TransactionRegistry.RECORDS_SLOT`). A zero `recordHash` is never recorded.
     */
    function verifyRecord(
        bytes32 ledgerId,
        uint64 number,
        uint256 txId,
        bytes32 recordHash,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof
    ) external view returns (bool);
}
