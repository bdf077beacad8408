// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ILedgerLightClient} from "./interfaces/ILedgerLightClient.sol";
import {MerklePatricia} from "./lib/MerklePatricia.sol";
import {QbftHeader} from "./lib/QbftHeader.sol";
import {Rlp} from "./lib/Rlp.sol";

/**
 * @title LedgerLightClient
 * @notice {ILedgerLightClient} for peer ledgers sealed by Hyperledger Besu's QBFT.
 *
 * A header is accepted when ceil(2n/3) distinct members of the trusted set of n validators sealed its
 * commit hash, its number and timestamp are above the last accepted ones, and the last accepted header
 * is younger than the trusting period. A header naming a different validator list must also be sealed
 * by a quorum of that list (as Besu itself requires of every block), and its list becomes the trusted set.
 *
 * Misbehaviour: a second header at an accepted number, with a different commit hash and sealed by a
 * quorum of the set that sealed the first, proves that the validators equivocated. The ledger is then
 * frozen (event `LedgerFrozen`; `submitHeader` and `verifyStorage` revert with
 * `LedgerLightClient__Frozen`) until the registrar registers it again.
 *
 * @dev Gas: the trusted set is kept both as a hash and as a list. A header that names the trusted set
 * (almost every header) is checked against its own list in calldata, hashed and compared; the stored
 * list is read only when the set changes. Signers are matched by a linear scan and marked in a bitmap,
 * so a duplicate seal of one validator reverts.
 */
contract LedgerLightClient is ILedgerLightClient {
    /// @notice Per ledger state; the second word packs all that `submitHeader` updates.
    struct Ledger {
        bytes32 validatorSetHash;
        uint64 trustingPeriod;
        uint64 latestNumber;
        uint64 latestTimestamp;
        uint32 generation;
        uint24 setIndex;
        bool frozen;
        address[] validators;
    }

    /**
     * @dev An accepted header in two words (its number is the key). The commit hash is kept as its first
     * 20 bytes, only to tell a repeat from an equivocation: validators who grind 2^80 hashes for two
     * headers with one prefix get the second refused as a repeat, never accepted. The set index names
     * the validator set that sealed it, which judges an equivocation at its number.
     */
    struct StoredHeader {
        uint64 timestamp;
        uint24 setIndex;
        bool exists;
        bytes20 commitPrefix;
        bytes32 stateRoot;
    }

    /// @notice The only account that may register ledgers (the peering contract).
    address public immutable registrar;

    mapping(bytes32 ledgerId => Ledger) private _ledgers;
    /// @dev Keyed by generation, so a re-registration starts from an empty history.
    mapping(bytes32 ledgerId => mapping(uint32 generation => mapping(uint64 number => StoredHeader))) private _headers;
    mapping(bytes32 ledgerId => mapping(uint32 generation => mapping(uint24 setIndex => bytes32))) private _setHashes;

    /// @notice Two different headers at `number`, each sealed by a quorum, froze `ledgerId` (the accepted one named by its commit hash's first 20 bytes).
    event LedgerFrozen(bytes32 indexed ledgerId, uint64 indexed number, bytes20 acceptedCommitPrefix, bytes32 conflictingCommitHash);

    /// @notice The caller is not the registrar.
    error LedgerLightClient__NotRegistrar(address caller);
    /// @notice `ledgerId` was never registered.
    error LedgerLightClient__UnknownLedger(bytes32 ledgerId);
    /// @notice The registration is unusable: no validator, a zero trusting period, or a duplicate validator.
    error LedgerLightClient__InvalidRegistration();
    /// @notice The header's validator list is not the one registered with it.
    error LedgerLightClient__ValidatorsMismatch();
    /// @notice `ledgerId`'s validators equivocated; it accepts nothing until it is registered again.
    error LedgerLightClient__Frozen(bytes32 ledgerId);
    /// @notice The last accepted header (time `latestTimestamp`) is older than the trusting period: register again.
    error LedgerLightClient__TrustingPeriodExpired(uint64 latestTimestamp, uint64 trustingPeriod);
    /// @notice The header's number or timestamp is not above the last accepted header's.
    error LedgerLightClient__NotNewer(uint64 number, uint64 timestamp);
    /// @notice Only `signers` distinct validators of the trusted set sealed the header; `required` are needed.
    error LedgerLightClient__QuorumNotReached(uint256 signers, uint256 required);
    /// @notice Two seals of the header were made by validator `signer`.
    error LedgerLightClient__DuplicateSigner(address signer);
    /// @notice This header (same commit hash) was already accepted.
    error LedgerLightClient__HeaderKnown(uint64 number);
    /// @notice No header of `ledgerId` at `number` was accepted.
    error LedgerLightClient__UnknownHeader(bytes32 ledgerId, uint64 number);
    /// @notice A header at `number` was already accepted: prove against it with `verifyStorage`, or submit a conflicting one with `submitHeader`.
    error LedgerLightClient__NumberTaken(uint64 number);
    /// @notice The validator set that sealed the header accepted at that number is not available to judge a conflicting one.
    error LedgerLightClient__SetUnavailable(uint64 number);

    /// @param registrar_ the account allowed to register ledgers (the peering contract).
    constructor(address registrar_) {
        registrar = registrar_;
    }

    /// @inheritdoc ILedgerLightClient
    function registerLedger(
        bytes32 ledgerId,
        address[] calldata validators,
        uint64 trustingPeriod,
        bytes calldata trustedHeaderRlp
    ) external {
        if (msg.sender != registrar) revert LedgerLightClient__NotRegistrar(msg.sender);
        if (validators.length == 0 || validators.length > QbftHeader.MAX_VALIDATORS || trustingPeriod == 0) {
            revert LedgerLightClient__InvalidRegistration();
        }
        for (uint256 i = 1; i < validators.length; i++) {
            for (uint256 j; j < i; j++) {
                if (validators[i] == validators[j]) revert LedgerLightClient__InvalidRegistration();
            }
        }
        QbftHeader.Header memory header = QbftHeader.decode(trustedHeaderRlp);
        bytes32 setHash = keccak256(abi.encodePacked(validators));
        // Governance vouches for the header, not for its seals; the set it names must still be the one given.
        if (header.validatorSetHash != setHash) revert LedgerLightClient__ValidatorsMismatch();

        Ledger storage ledger = _ledgers[ledgerId];
        uint32 generation = ledger.generation + 1;
        ledger.validatorSetHash = setHash;
        ledger.trustingPeriod = trustingPeriod;
        ledger.latestNumber = header.number;
        ledger.latestTimestamp = header.timestamp;
        ledger.generation = generation;
        ledger.setIndex = 0;
        ledger.frozen = false;
        ledger.validators = validators;
        _setHashes[ledgerId][generation][0] = setHash;
        _headers[ledgerId][generation][header.number] = StoredHeader({
            timestamp: header.timestamp,
            setIndex: 0,
            exists: true,
            commitPrefix: bytes20(header.commitHash),
            stateRoot: header.stateRoot
        });
        emit LedgerRegistered(ledgerId, setHash, trustingPeriod, header.number);
        emit HeaderAccepted(ledgerId, header.number, header.stateRoot, header.timestamp);
    }

    /// @inheritdoc ILedgerLightClient
    function submitHeader(bytes32 ledgerId, bytes calldata headerRlp) external {
        Ledger storage ledger = _ledgers[ledgerId];
        uint32 generation = _live(ledgerId, ledger);
        QbftHeader.Header memory header = QbftHeader.decode(headerRlp);

        StoredHeader storage existing = _headers[ledgerId][generation][header.number];
        if (existing.exists) {
            _judgeConflict(ledgerId, ledger, existing, header);
            return;
        }
        _accept(ledgerId, ledger, generation, header);
    }

    /// @inheritdoc ILedgerLightClient
    /// @dev The state root is used from the decoded header, not read back from storage.
    function submitHeaderAndVerifyStorage(
        bytes32 ledgerId,
        bytes calldata headerRlp,
        address account,
        bytes32 slot,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof
    ) external returns (ProvenHeader memory proven, bytes32 value) {
        Ledger storage ledger = _ledgers[ledgerId];
        uint32 generation = _live(ledgerId, ledger);
        QbftHeader.Header memory header = QbftHeader.decode(headerRlp);
        // A repeat or an equivocation is judged by `submitHeader` alone: a freeze must not depend on a proof.
        if (_headers[ledgerId][generation][header.number].exists) revert LedgerLightClient__NumberTaken(header.number);
        _accept(ledgerId, ledger, generation, header);
        value = _verifyStorage(header.stateRoot, account, slot, accountProof, storageProof);
        proven = ProvenHeader({number: header.number, timestamp: header.timestamp, stateRoot: header.stateRoot});
    }

    /// @inheritdoc ILedgerLightClient
    function latestHeader(bytes32 ledgerId) external view returns (ProvenHeader memory) {
        Ledger storage ledger = _ledgers[ledgerId];
        if (ledger.generation == 0) revert LedgerLightClient__UnknownLedger(ledgerId);
        return _proven(ledgerId, ledger.generation, ledger.latestNumber);
    }

    /// @inheritdoc ILedgerLightClient
    function headerAt(bytes32 ledgerId, uint64 number) external view returns (ProvenHeader memory) {
        Ledger storage ledger = _ledgers[ledgerId];
        if (ledger.generation == 0) revert LedgerLightClient__UnknownLedger(ledgerId);
        return _proven(ledgerId, ledger.generation, number);
    }

    /// @inheritdoc ILedgerLightClient
    function verifyStorage(
        bytes32 ledgerId,
        uint64 number,
        address account,
        bytes32 slot,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof
    ) external view returns (bytes32 value) {
        Ledger storage ledger = _ledgers[ledgerId];
        uint32 generation = _live(ledgerId, ledger);
        return _verifyStorage(_proven(ledgerId, generation, number).stateRoot, account, slot, accountProof, storageProof);
    }

    /// @notice Whether `ledgerId` is frozen after an equivocation.
    function isFrozen(bytes32 ledgerId) external view returns (bool) {
        return _ledgers[ledgerId].frozen;
    }

    /// @notice The hash of `ledgerId`'s trusted validator set (keccak256 of the packed addresses) and its list.
    function trustedValidators(bytes32 ledgerId) external view returns (bytes32 validatorSetHash, address[] memory validators) {
        Ledger storage ledger = _ledgers[ledgerId];
        return (ledger.validatorSetHash, ledger.validators);
    }

    /// @dev The ledger's generation; reverts when it was never registered or is frozen.
    function _live(bytes32 ledgerId, Ledger storage ledger) private view returns (uint32 generation) {
        generation = ledger.generation;
        if (generation == 0) revert LedgerLightClient__UnknownLedger(ledgerId);
        if (ledger.frozen) revert LedgerLightClient__Frozen(ledgerId);
    }

    /// @dev Accepts a header at a number not accepted yet: trusting period, order, quorum, set change.
    function _accept(bytes32 ledgerId, Ledger storage ledger, uint32 generation, QbftHeader.Header memory header) private {
        uint64 latestTimestamp = ledger.latestTimestamp;
        if (block.timestamp > uint256(latestTimestamp) + ledger.trustingPeriod) {
            revert LedgerLightClient__TrustingPeriodExpired(latestTimestamp, ledger.trustingPeriod);
        }
        if (header.number <= ledger.latestNumber || header.timestamp <= latestTimestamp) {
            revert LedgerLightClient__NotNewer(header.number, header.timestamp);
        }

        bytes32 trustedHash = ledger.validatorSetHash;
        address[] memory signers = _recoverSigners(header);
        uint24 setIndex = ledger.setIndex;
        if (header.validatorSetHash == trustedHash) {
            _requireQuorum(signers, header.validators);
        } else {
            _requireQuorum(signers, ledger.validators);
            _requireQuorum(signers, header.validators);
            setIndex++;
            ledger.validatorSetHash = header.validatorSetHash;
            ledger.validators = header.validators;
            _setHashes[ledgerId][generation][setIndex] = header.validatorSetHash;
            emit ValidatorSetChanged(ledgerId, header.number, header.validatorSetHash);
        }

        ledger.latestNumber = header.number;
        ledger.latestTimestamp = header.timestamp;
        ledger.setIndex = setIndex;
        // The header was sealed by the set trusted before it: an equivocation at this number is judged by that set.
        _headers[ledgerId][generation][header.number] = StoredHeader({
            timestamp: header.timestamp,
            setIndex: header.validatorSetHash == trustedHash ? setIndex : setIndex - 1,
            exists: true,
            commitPrefix: bytes20(header.commitHash),
            stateRoot: header.stateRoot
        });
        emit HeaderAccepted(ledgerId, header.number, header.stateRoot, header.timestamp);
    }

    function _verifyStorage(
        bytes32 stateRoot,
        address account,
        bytes32 slot,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof
    ) private pure returns (bytes32) {
        MerklePatricia.Account memory acct = MerklePatricia.verifyAccount(stateRoot, account, accountProof);
        return MerklePatricia.verifyStorage(acct.storageRoot, slot, storageProof);
    }

    /**
     * @dev A header at an accepted number: the same commit hash is a repeat; a different one sealed by a
     * quorum of the set that sealed the accepted header freezes the ledger (it must not revert, or the
     * freeze would be undone).
     */
    function _judgeConflict(bytes32 ledgerId, Ledger storage ledger, StoredHeader storage existing, QbftHeader.Header memory header)
        private
    {
        bytes20 accepted = existing.commitPrefix;
        if (accepted == bytes20(header.commitHash)) revert LedgerLightClient__HeaderKnown(header.number);
        bytes32 sealedBy = _setHashes[ledgerId][ledger.generation][existing.setIndex];
        address[] memory signers = _recoverSigners(header);
        if (sealedBy == ledger.validatorSetHash) {
            _requireQuorum(signers, ledger.validators);
        } else if (sealedBy == header.validatorSetHash) {
            _requireQuorum(signers, header.validators);
        } else {
            revert LedgerLightClient__SetUnavailable(header.number);
        }
        ledger.frozen = true;
        emit LedgerFrozen(ledgerId, header.number, accepted, header.commitHash);
    }

    /// @dev The signer of every seal of `header`.
    function _recoverSigners(QbftHeader.Header memory header) private pure returns (address[] memory signers) {
        uint256 count = header.seals.length;
        signers = new address[](count);
        for (uint256 i; i < count; i++) {
            signers[i] = QbftHeader.recoverSigner(header.commitHash, header.seals[i], i);
        }
    }

    /// @dev Requires a quorum of `set` among `signers`; signers outside the set do not count, a repeated member reverts.
    function _requireQuorum(address[] memory signers, address[] memory set) private pure {
        uint256 seen;
        uint256 count;
        uint256 n = set.length;
        for (uint256 i; i < signers.length; i++) {
            address signer = signers[i];
            for (uint256 j; j < n; j++) {
                if (set[j] != signer) continue;
                uint256 bit = 1 << j;
                if (seen & bit != 0) revert LedgerLightClient__DuplicateSigner(signer);
                seen |= bit;
                count++;
                break;
            }
        }
        uint256 required = QbftHeader.quorum(n);
        if (count < required) revert LedgerLightClient__QuorumNotReached(count, required);
    }

    function _proven(bytes32 ledgerId, uint32 generation, uint64 number) private view returns (ProvenHeader memory) {
        StoredHeader storage stored = _headers[ledgerId][generation][number];
        if (!stored.exists) revert LedgerLightClient__UnknownHeader(ledgerId, number);
        return ProvenHeader({number: number, timestamp: stored.timestamp, stateRoot: stored.stateRoot});
    }
}
