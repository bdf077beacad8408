// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {ILedgerLightClient} from "./interfaces/ILedgerLightClient.sol";
import {IPeerTrust} from "./interfaces/IPeerTrust.sol";
import {ITrustStore} from "./interfaces/ITrustStore.sol";
import {Der} from "./lib/Der.sol";
import {RecordCommitment} from "./lib/RecordCommitment.sol";
import {RouteExport} from "./lib/RouteExport.sol";

/**
 * @title PeerTrust
 * @notice See {IPeerTrust}. Deployed by the TrustStore's constructor, which alone adds and removes
 * agreements (when a peering proposal is executed); it is the registrar of each agreement's light client.
 *
 * Decisions of this implementation:
 * - A country is accepted from one live agreement at most, so an anchor's route has one origin.
 * - An agreement removed and voted again starts over (a new epoch): its routes, revocations and sync
 *   state from before count no more, and the first sync replays the peer's chain from its start.
 * - Revocations travel with the routes: a certificate the peer's authority revoked under an anchor must
 *   be refused here too, or a compromised intermediate CA of the peer would stay usable on this ledger.
 * - A route for a country this ledger has come to govern after the sync is `Overridden` at use.
 */
contract PeerTrust is IPeerTrust {
    struct PeerRecord {
        uint64 chainId;
        uint64 holdTime;
        uint32 epoch; // grows each time the agreement is added
        bool active;
        bool known; // listed in `_ledgerIds`
        address trustStore;
        address transactionRegistry;
        ILedgerLightClient lightClient;
        bytes32 genesisHash;
        bytes32 head;
        uint64 seq;
        uint64 provenNumber;
        uint64 provenTime;
        bytes2[] countries;
    }

    /// @dev One slot plus the key hash: which agreement (and epoch) routes an anchor, and its state.
    struct RouteRecord {
        bytes32 ledgerId;
        uint32 epoch;
        bool active;
        bytes2 country;
        uint64 changedAt;
        bytes32 spkiHash;
    }

    struct RevocationRecord {
        bytes32 ledgerId;
        uint32 epoch;
        uint64 effectiveAt; // 0: none (the peer refuses a revocation effective at 0)
    }

    /// @inheritdoc IPeerTrust
    ITrustStore public immutable trustStore;

    bytes32[] private _ledgerIds;
    mapping(bytes32 ledgerId => PeerRecord) private _peers;
    /// @dev The agreement that accepts a country (its `active` flag says whether it still does).
    mapping(bytes2 country => bytes32 ledgerId) private _countryPeer;
    mapping(bytes32 anchorHash => RouteRecord) private _routes;
    mapping(bytes32 key => RevocationRecord) private _revocations;
    mapping(bytes32 anchorHash => bytes der) private _certificates;

    modifier onlyTrustStore() {
        if (msg.sender != address(trustStore)) revert PeerTrust__NotTrustStore(msg.sender);
        _;
    }

    /// @dev Deployed by the TrustStore, which becomes its governance.
    constructor() {
        trustStore = ITrustStore(msg.sender);
    }

    // ------------------------------------------------------------------------------- governance

    /// @inheritdoc IPeerTrust
    function addPeering(Agreement calldata agreement) external onlyTrustStore {
        validatePeering(agreement);
        bytes32 ledgerId = agreement.ledgerId;
        PeerRecord storage p = _peers[ledgerId];
        if (!p.known) {
            p.known = true;
            _ledgerIds.push(ledgerId);
        }
        ++p.epoch;
        p.active = true;
        p.chainId = agreement.chainId;
        p.genesisHash = agreement.genesisHash;
        p.holdTime = agreement.holdTime;
        p.trustStore = agreement.trustStore;
        p.transactionRegistry = agreement.transactionRegistry;
        p.lightClient = agreement.lightClient;
        p.countries = agreement.countries;
        p.head = bytes32(0);
        p.seq = 0;
        p.provenNumber = 0;
        p.provenTime = 0;
        for (uint256 i; i < agreement.countries.length; ++i) {
            _countryPeer[agreement.countries[i]] = ledgerId;
        }
        emit PeeringAdded(ledgerId, agreement.chainId, agreement.countries, agreement.holdTime, agreement.trustStore);
        // Interaction last: the light client is governance's choice, but it still runs after our effects.
        agreement.lightClient.registerLedger(
            ledgerId, agreement.validators, agreement.trustingPeriod, agreement.trustedHeaderRlp
        );
    }

    /// @inheritdoc IPeerTrust
    /// @dev The Trust Store asks it when the peering is proposed, so that members do not vote an agreement
    /// that cannot be executed, and again (through `addPeering`) when it is executed.
    function validatePeering(Agreement calldata agreement) public view {
        if (
            agreement.ledgerId != keccak256(abi.encode(agreement.chainId, agreement.genesisHash))
                || agreement.chainId == block.chainid || agreement.countries.length == 0 || agreement.holdTime == 0
                || agreement.trustStore == address(0) || address(agreement.lightClient) == address(0)
        ) revert PeerTrust__InvalidAgreement();
        if (_peers[agreement.ledgerId].active) revert PeerTrust__PeeringExists(agreement.ledgerId);
        bytes2[] calldata countries = agreement.countries;
        for (uint256 i; i < countries.length; ++i) {
            bytes2 country = countries[i];
            if (!_isCountryCode(country)) revert PeerTrust__InvalidCountry(country);
            for (uint256 j; j < i; ++j) {
                if (countries[j] == country) revert PeerTrust__InvalidCountry(country);
            }
            if (trustStore.governsCountry(country)) revert PeerTrust__CountryGovernedLocally(country);
            bytes32 other = _countryPeer[country];
            if (other != bytes32(0) && _peers[other].active) revert PeerTrust__CountryAcceptedFromOtherPeer(country, other);
        }
    }

    /// @inheritdoc IPeerTrust
    function removePeering(bytes32 ledgerId) external onlyTrustStore {
        PeerRecord storage p = _peers[ledgerId];
        if (!p.active) revert PeerTrust__UnknownPeer(ledgerId);
        p.active = false;
        // Its countries are accepted from it no more: a later agreement with this peer names its own.
        bytes2[] storage countries = p.countries;
        for (uint256 i; i < countries.length; ++i) {
            if (_countryPeer[countries[i]] == ledgerId) delete _countryPeer[countries[i]];
        }
        emit PeeringRemoved(ledgerId);
    }

    // ---------------------------------------------------------------------------------- relaying

    /// @inheritdoc IPeerTrust
    function sync(
        bytes32 ledgerId,
        uint64 number,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof,
        ITrustStore.RouteEntry[] calldata entries
    ) external {
        PeerRecord storage p = _livePeer(ledgerId);
        uint64 provenNumber = p.provenNumber;
        if (number <= provenNumber) revert PeerTrust__NotNewer(number, provenNumber);
        // Both calls are views (STATICCALL): no state of ours can change under them.
        ILedgerLightClient client = p.lightClient;
        uint64 timestamp = client.headerAt(ledgerId, number).timestamp;
        bytes32 provenHead =
            client.verifyStorage(ledgerId, number, p.trustStore, RouteExport.HEAD_SLOT, accountProof, storageProof);
        _replay(ledgerId, p, number, timestamp, provenHead, entries);
    }

    /// @inheritdoc IPeerTrust
    /// @dev The light client accepts the header and walks the proofs against that header's own state root
    /// in one call: the export head is always proven at the header that refreshes `provenTime`.
    function syncWithHeader(
        bytes32 ledgerId,
        bytes calldata headerRlp,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof,
        ITrustStore.RouteEntry[] calldata entries
    ) external {
        PeerRecord storage p = _livePeer(ledgerId);
        // The light client is governance's choice and calls nothing back; our effects follow its answer.
        (ILedgerLightClient.ProvenHeader memory header, bytes32 provenHead) = p.lightClient.submitHeaderAndVerifyStorage(
            ledgerId, headerRlp, p.trustStore, RouteExport.HEAD_SLOT, accountProof, storageProof
        );
        uint64 provenNumber = p.provenNumber;
        if (header.number <= provenNumber) revert PeerTrust__NotNewer(header.number, provenNumber);
        _replay(ledgerId, p, header.number, header.timestamp, provenHead, entries);
    }

    /// @inheritdoc IPeerTrust
    function publishAnchorCertificate(bytes calldata der) external {
        (uint256 start, uint256 outerEnd) = Der.expectCalldata(der, 0, der.length, 0x30);
        Der.requireEnd(outerEnd, der.length);
        (, uint256 end) = Der.expectCalldata(der, start, outerEnd, 0x30);
        bytes32 anchorHash = sha256(der[start:end]);
        bytes32 ledgerId = _routes[anchorHash].ledgerId;
        if (ledgerId == bytes32(0)) revert PeerTrust__UnknownRoute(anchorHash);
        _certificates[anchorHash] = der;
        emit AnchorCertificatePublished(anchorHash, ledgerId);
    }

    // ------------------------------------------------------------------------------------- views

    /// @inheritdoc IPeerTrust
    function route(bytes32 anchorHash) external view returns (Route memory result) {
        RouteRecord storage r = _routes[anchorHash];
        result.status = _statusOf(r);
        if (r.ledgerId == bytes32(0)) return result;
        PeerRecord storage p = _peers[r.ledgerId];
        result.ledgerId = r.ledgerId;
        result.country = r.country;
        result.spkiHash = r.spkiHash;
        result.changedAt = r.changedAt;
        result.provenNumber = p.provenNumber;
        result.provenTime = p.provenTime;
        result.holdTime = p.holdTime;
    }

    /// @inheritdoc IPeerTrust
    function anchorCertificate(bytes32 anchorHash) external view returns (bytes memory) {
        return _certificates[anchorHash];
    }

    /// @inheritdoc IPeerTrust
    function peer(bytes32 ledgerId) public view returns (Peer memory) {
        PeerRecord storage p = _peers[ledgerId];
        if (!p.known) revert PeerTrust__UnknownPeer(ledgerId);
        return Peer({
            ledgerId: ledgerId,
            chainId: p.chainId,
            genesisHash: p.genesisHash,
            countries: p.countries,
            holdTime: p.holdTime,
            trustStore: p.trustStore,
            transactionRegistry: p.transactionRegistry,
            lightClient: p.lightClient,
            active: p.active,
            head: p.head,
            seq: p.seq,
            provenNumber: p.provenNumber,
            provenTime: p.provenTime
        });
    }

    /// @inheritdoc IPeerTrust
    function peers() external view returns (Peer[] memory list) {
        uint256 n = _ledgerIds.length;
        list = new Peer[](n);
        for (uint256 i; i < n; ++i) {
            list[i] = peer(_ledgerIds[i]);
        }
    }

    /// @inheritdoc IPeerTrust
    function checkRoutedPath(bytes32[] calldata hashes, uint64 time)
        external
        view
        returns (RouteStatus status, bool revoked, uint256 index)
    {
        uint256 n = hashes.length;
        if (n == 0) return (RouteStatus.Unknown, false, 0);
        bytes32 anchorHash = hashes[n - 1];
        RouteRecord storage r = _routes[anchorHash];
        status = _statusOf(r);
        if (status != RouteStatus.Active) return (status, false, n - 1);
        for (uint256 i; i < n - 1; ++i) {
            RevocationRecord storage v = _revocations[_revocationKey(anchorHash, hashes[i])];
            if (v.effectiveAt != 0 && v.effectiveAt <= time && v.ledgerId == r.ledgerId && v.epoch == r.epoch) {
                return (status, true, i);
            }
        }
    }

    /// @inheritdoc IPeerTrust
    function verifyRecord(
        bytes32 ledgerId,
        uint64 number,
        uint256 txId,
        bytes32 recordHash,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof
    ) external view returns (bool) {
        PeerRecord storage p = _livePeer(ledgerId);
        address registry = p.transactionRegistry;
        if (recordHash == bytes32(0) || registry == address(0)) return false;
        return p.lightClient.verifyStorage(
            ledgerId, number, registry, RecordCommitment.slotOf(txId), accountProof, storageProof
        ) == recordHash;
    }

    // ---------------------------------------------------------------------------------- internal

    function _livePeer(bytes32 ledgerId) private view returns (PeerRecord storage p) {
        p = _peers[ledgerId];
        if (!p.active) revert PeerTrust__UnknownPeer(ledgerId);
    }

    /// @dev Replays `entries` from the head known here; they must reach `provenHead`, proven at block `number`.
    function _replay(
        bytes32 ledgerId,
        PeerRecord storage p,
        uint64 number,
        uint64 timestamp,
        bytes32 provenHead,
        ITrustStore.RouteEntry[] calldata entries
    ) private {
        bytes32 head = p.head;
        uint64 seq = p.seq;
        uint64 chainId = p.chainId;
        for (uint256 i; i < entries.length; ++i) {
            ITrustStore.RouteEntry calldata entry = entries[i];
            if (entry.chainId != chainId) revert PeerTrust__WrongLedger(i, entry.chainId);
            if (entry.seq != seq + 1) revert PeerTrust__OutOfOrder(i, seq + 1, entry.seq);
            seq = entry.seq;
            head = RouteExport.link(head, entry);
        }
        if (head != provenHead) revert PeerTrust__HeadMismatch(provenHead, head);

        if (entries.length != 0) {
            p.head = head;
            p.seq = seq;
        }
        p.provenNumber = number;
        p.provenTime = timestamp;
        uint32 epoch = p.epoch;
        bytes2 checkedCountry; // the last country found not governed here: entries come in runs of one country
        for (uint256 i; i < entries.length; ++i) {
            checkedCountry = _apply(ledgerId, epoch, entries[i], checkedCountry);
        }
        emit RoutesSynced(ledgerId, number, timestamp, seq, head, entries.length);
    }

    /// @dev Applies one verified entry, or records why it is refused. Returns the last country found
    /// not governed here, so that a run of entries of one country asks the Trust Store once.
    function _apply(bytes32 ledgerId, uint32 epoch, ITrustStore.RouteEntry calldata entry, bytes2 checkedCountry)
        private
        returns (bytes2)
    {
        bytes2 country = entry.country;
        bytes32 anchorHash = entry.anchorHash;
        if (_countryPeer[country] != ledgerId) {
            emit RouteRefused(ledgerId, anchorHash, country, entry.seq, Refusal.CountryNotAccepted);
            return checkedCountry;
        }
        if (country != checkedCountry) {
            if (trustStore.governsCountry(country)) {
                emit RouteRefused(ledgerId, anchorHash, country, entry.seq, Refusal.CountryGovernedLocally);
                return checkedCountry;
            }
            checkedCountry = country;
        }
        RouteRecord storage r = _routes[anchorHash];
        if (r.ledgerId != ledgerId && _statusOf(r) != RouteStatus.Unknown) {
            emit RouteRefused(ledgerId, anchorHash, country, entry.seq, Refusal.AnchorOfOtherPeer);
            return checkedCountry;
        }
        ITrustStore.RouteKind kind = entry.kind;
        if (kind == ITrustStore.RouteKind.Announce || kind == ITrustStore.RouteKind.Withdraw) {
            bool active = kind == ITrustStore.RouteKind.Announce;
            _routes[anchorHash] = RouteRecord({
                ledgerId: ledgerId,
                epoch: epoch,
                active: active,
                country: country,
                changedAt: entry.at,
                spkiHash: entry.spkiHash
            });
            if (active) emit RouteAnnounced(ledgerId, anchorHash, country, entry.seq);
            else emit RouteWithdrawn(ledgerId, anchorHash, country, entry.seq);
        } else if (kind == ITrustStore.RouteKind.Revoke) {
            _revocations[_revocationKey(anchorHash, entry.certificateHash)] =
                RevocationRecord({ledgerId: ledgerId, epoch: epoch, effectiveAt: entry.at});
            emit RouteRevocationRecorded(ledgerId, anchorHash, entry.certificateHash, entry.at);
        } else {
            delete _revocations[_revocationKey(anchorHash, entry.certificateHash)];
            emit RouteRevocationAnnulled(ledgerId, anchorHash, entry.certificateHash);
        }
        return checkedCountry;
    }

    function _statusOf(RouteRecord storage r) private view returns (RouteStatus) {
        bytes32 ledgerId = r.ledgerId;
        if (ledgerId == bytes32(0)) return RouteStatus.Unknown;
        PeerRecord storage p = _peers[ledgerId];
        if (!p.active || p.epoch != r.epoch) return RouteStatus.Unknown;
        if (!r.active) return RouteStatus.Withdrawn;
        // forge-lint: disable-next-line(block-timestamp) hold times are minutes to hours; seconds of drift do not matter
        if (block.timestamp > uint256(p.provenTime) + p.holdTime) return RouteStatus.Stale;
        if (trustStore.governsCountry(r.country)) return RouteStatus.Overridden;
        return RouteStatus.Active;
    }

    function _revocationKey(bytes32 anchorHash, bytes32 certificateHash) private pure returns (bytes32) {
        return keccak256(abi.encode(anchorHash, certificateHash));
    }

    /// @dev ISO 3166-1 alpha-2: two upper-case ASCII letters.
    function _isCountryCode(bytes2 country) private pure returns (bool) {
        uint8 a = uint8(country[0]);
        uint8 b = uint8(country[1]);
        return a >= 0x41 && a <= 0x5a && b >= 0x41 && b <= 0x5a;
    }
}
