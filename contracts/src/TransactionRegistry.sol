// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {IIdentityRegistry} from "./interfaces/IIdentityRegistry.sol";
import {ITransactionRegistry} from "./interfaces/ITransactionRegistry.sol";
import {IPeerTrust} from "./interfaces/IPeerTrust.sol";
import {ITrustStore} from "./interfaces/ITrustStore.sol";
import {PkiSignature} from "./lib/PkiSignature.sol";
import {RecordCommitment} from "./lib/RecordCommitment.sol";

/**
 * @title TransactionRegistry
 * @notice See {ITransactionRegistry}. EIP-712 domain: name "TransactionRegistry", version "1", the
 * chain id and this contract's address. The PKI signature covers:
 * `Sign(uint256 transactionId,uint256 partyIndex,address wallet,bytes32 payloadHash,Terms terms,bytes32 identity,uint256 nonce,uint64 deadline)`
 * `Terms(uint256 amount,uint8 decimals,bytes3 currency,string paymentReference,bytes32 memoHash)`, where
 * `wallet` is the signing wallet, `identity` the signer certificate's tbsCertificate hash and `nonce`
 * the per-key (SPKI hash) counter. The PKI signature is checked by {PkiSignature}, as the proof of
 * possession at registration is.
 * @dev The ECDSA P-256 signature is DER-encoded as in CMS; any s is accepted (normalised to low s).
 * A party signature is one storage slot (wallet, time, key tag) plus the certificate hash; "one key signs
 * one party" compares the 56-bit key tags of the transaction's signed parties.
 *
 * Cross-ledger records (issue 15): a completed transaction's record hash (`recordHashOf`) is committed at
 * `RecordCommitment.slotOf(id)`, so that a peer ledger proves it with one storage proof.
 */
contract TransactionRegistry is ITransactionRegistry, EIP712 {
    uint256 public constant MAX_PARTIES = 16;

    bytes32 private constant _TERMS_TYPEHASH =
        keccak256("Terms(uint256 amount,uint8 decimals,bytes3 currency,string paymentReference,bytes32 memoHash)");
    bytes32 private constant _SIGN_TYPEHASH = keccak256(
        "Sign(uint256 transactionId,uint256 partyIndex,address wallet,bytes32 payloadHash,Terms terms,bytes32 identity,uint256 nonce,uint64 deadline)Terms(uint256 amount,uint8 decimals,bytes3 currency,string paymentReference,bytes32 memoHash)"
    );

    /// @dev A party signature in storage: the wallet, the time, and the first 7 bytes of the key hash.
    struct StoredSignature {
        address account;
        uint40 signedAt;
        bytes7 keyTag;
        bytes32 certificateHash;
    }

    IIdentityRegistry public immutable identityRegistry;
    ITrustStore public immutable trustStore;

    uint256 public transactionCount;
    mapping(uint256 id => Transaction) private _transactions;
    mapping(uint256 id => mapping(uint256 partyIndex => StoredSignature)) private _signatures;
    mapping(bytes32 keyHash => uint256) private _nonces;
    /// @dev The EIP-712 hash of each transaction's terms, computed once at creation: signing reads one slot
    /// instead of the terms' five.
    mapping(uint256 id => bytes32) private _termsHashes;

    constructor(IIdentityRegistry identityRegistry_) EIP712("TransactionRegistry", "1") {
        identityRegistry = identityRegistry_;
        trustStore = identityRegistry_.trustStore();
    }

    /// @inheritdoc ITransactionRegistry
    function create(Party[] calldata parties, bytes32 payloadHash, Terms calldata terms, uint64 deadline)
        external
        returns (uint256 id)
    {
        if (parties.length == 0) revert TransactionRegistry__NoParties();
        if (parties.length > MAX_PARTIES) revert TransactionRegistry__TooManyParties(parties.length, MAX_PARTIES);
        if (deadline <= block.timestamp) revert TransactionRegistry__DeadlinePassed(deadline);
        id = ++transactionCount;
        Transaction storage t = _transactions[id];
        t.creator = msg.sender;
        t.payloadHash = payloadHash;
        t.terms = terms;
        t.deadline = deadline;
        t.createdAt = uint64(block.timestamp);
        _termsHashes[id] = keccak256(
            abi.encode(
                _TERMS_TYPEHASH, terms.amount, terms.decimals, terms.currency, keccak256(bytes(terms.paymentReference)), terms.memoHash
            )
        );
        for (uint256 i; i < parties.length; i++) {
            bytes2 country = parties[i].country;
            if (!_isCountryCode(country)) revert TransactionRegistry__InvalidCountry(country);
            t.parties.push(parties[i]);
        }
        emit TransactionCreated(id, msg.sender, payloadHash, terms, parties, deadline);
    }

    /// @inheritdoc ITransactionRegistry
    function sign(uint256 id, uint256 partyIndex, bytes calldata signedAttributes, bytes calldata signature) external {
        Transaction storage t = _transactions[id];
        Status status = _status(id, t);
        if (status != Status.Proposed && status != Status.PartiallySigned) revert TransactionRegistry__NotOpen(id, status);
        uint256 partyCount = t.parties.length;
        if (partyIndex >= partyCount) revert TransactionRegistry__UnknownParty(id, partyIndex);
        if (_signatures[id][partyIndex].account != address(0)) revert TransactionRegistry__AlreadySigned(id, partyIndex);

        IIdentityRegistry.Identity memory identity = identityRegistry.identityOf(msg.sender);
        if (identity.certificateHash == bytes32(0)) revert TransactionRegistry__NoIdentity(msg.sender);
        Party memory party = t.parties[partyIndex];
        if (identity.country != party.country) revert TransactionRegistry__WrongCountry(party.country, identity.country);
        if (party.account != address(0) && party.account != msg.sender) {
            revert TransactionRegistry__WrongAccount(party.account, msg.sender);
        }
        bytes7 keyTag = bytes7(identity.keyHash);
        _checkKeyNotSigned(id, partyCount, keyTag, identity.keyHash);
        _checkTrust(identity);

        uint256 nonce = _nonces[identity.keyHash];
        bytes32 digest = _digest(id, t, partyIndex, msg.sender, identity.certificateHash, nonce);
        PkiSignature.verify(
            digest, signedAttributes, signature, identity.derHash, identity.keyType, identity.key, identity.exponent
        );

        _nonces[identity.keyHash] = nonce + 1;
        _signatures[id][partyIndex] = StoredSignature({
            account: msg.sender,
            signedAt: uint40(block.timestamp),
            keyTag: keyTag,
            certificateHash: identity.certificateHash
        });
        uint32 count = t.signatureCount + 1;
        t.signatureCount = count;
        emit TransactionSigned(
            id, partyIndex, msg.sender, identity.certificateHash, identity.keyHash, nonce, digest, signedAttributes, signature
        );
        if (count == partyCount) {
            _commitRecord(id, t);
            emit TransactionCompleted(id);
        }
    }

    /// @inheritdoc ITransactionRegistry
    function cancel(uint256 id) external {
        Transaction storage t = _transactions[id];
        if (t.creator == address(0)) revert TransactionRegistry__UnknownTransaction(id);
        if (t.creator != msg.sender) revert TransactionRegistry__NotCreator(msg.sender);
        Status status = _status(id, t);
        if (status != Status.Proposed && status != Status.PartiallySigned) revert TransactionRegistry__NotCancellable(id);
        t.cancelled = true;
        emit TransactionCancelled(id);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc ITransactionRegistry
    function transaction(uint256 id) external view returns (Transaction memory) {
        return _transactions[id];
    }

    /// @inheritdoc ITransactionRegistry
    function statusOf(uint256 id) external view returns (Status) {
        return _status(id, _transactions[id]);
    }

    /// @inheritdoc ITransactionRegistry
    function signatureOf(uint256 id, uint256 partyIndex) external view returns (PartySignature memory) {
        StoredSignature storage s = _signatures[id][partyIndex];
        return PartySignature({account: s.account, signedAt: s.signedAt, certificateHash: s.certificateHash});
    }

    /// @inheritdoc ITransactionRegistry
    function recordHashOf(uint256 id) external view returns (bytes32) {
        return _records()[id];
    }

    /// @inheritdoc ITransactionRegistry
    function nonceOf(bytes32 keyHash) external view returns (uint256) {
        return _nonces[keyHash];
    }

    /// @inheritdoc ITransactionRegistry
    function digestOf(uint256 id, uint256 partyIndex, address account) external view returns (bytes32) {
        Transaction storage t = _transactions[id];
        if (t.creator == address(0)) revert TransactionRegistry__UnknownTransaction(id);
        IIdentityRegistry.Identity memory identity = identityRegistry.identityOf(account);
        if (identity.certificateHash == bytes32(0)) revert TransactionRegistry__NoIdentity(account);
        return _digest(id, t, partyIndex, account, identity.certificateHash, _nonces[identity.keyHash]);
    }

    // ------------------------------------------------------------------ internals

    function _status(uint256 id, Transaction storage t) private view returns (Status) {
        if (t.creator == address(0)) revert TransactionRegistry__UnknownTransaction(id);
        if (t.cancelled) return Status.Cancelled;
        if (t.signatureCount == t.parties.length) return Status.Completed;
        if (block.timestamp > t.deadline) return Status.Expired;
        return t.signatureCount == 0 ? Status.Proposed : Status.PartiallySigned;
    }

    /// @dev One key signs one party of a transaction, whatever certificate carries it. The parties'
    /// slots hold a 56-bit key tag: a scan of at most MAX_PARTIES slots is cheaper than a flag per key, and a
    /// tag that collides (2^-56 by chance) is refused as the same key: never laxer.
    function _checkKeyNotSigned(uint256 id, uint256 partyCount, bytes7 keyTag, bytes32 keyHash) private view {
        mapping(uint256 => StoredSignature) storage signatures = _signatures[id];
        for (uint256 i; i < partyCount; i++) {
            if (signatures[i].keyTag == keyTag) revert TransactionRegistry__KeyAlreadySigned(id, keyHash);
        }
    }

    /// @dev The identity's path must be trusted now (anchor active, nothing revoked) and its path's validity
    /// window (leaf and intermediates) must hold.
    function _checkTrust(IIdentityRegistry.Identity memory identity) private view {
        if (block.timestamp < identity.notBefore || block.timestamp > identity.notAfter) {
            revert TransactionRegistry__CertificateNotValidAt(uint64(block.timestamp));
        }
        (ITrustStore.PathStatus status, uint256 index) = trustStore.checkPath(identity.path, uint64(block.timestamp));
        if (status == ITrustStore.PathStatus.UnknownAnchor) return _checkRoute(identity.path);
        if (status != ITrustStore.PathStatus.Ok) revert TransactionRegistry__PathNotTrusted(status, index);
    }

    /// @dev An anchor the local Trust Store does not know may be trusted by a live route from a peer
    /// ledger (see {IPeerTrust}); the local store's own decision, when it has one, always wins.
    function _checkRoute(bytes32[] memory path) private view {
        IPeerTrust peers = trustStore.peerTrust();
        uint256 last = path.length - 1;
        if (address(peers) == address(0)) {
            revert TransactionRegistry__PathNotTrusted(ITrustStore.PathStatus.UnknownAnchor, last);
        }
        (IPeerTrust.RouteStatus status, bool revoked, uint256 index) = peers.checkRoutedPath(path, uint64(block.timestamp));
        if (status != IPeerTrust.RouteStatus.Active) revert TransactionRegistry__RouteNotLive(path[last], status);
        if (revoked) revert TransactionRegistry__PathNotTrusted(ITrustStore.PathStatus.CertificateRevoked, index);
    }

    /**
     * @dev Commits the completed transaction's record: keccak256 of (id, payloadHash, the EIP-712 terms
     * hash, createdAt, deadline, the parties, and each party's signature (wallet, time, certificate)).
     */
    function _commitRecord(uint256 id, Transaction storage t) private {
        uint256 n = t.parties.length;
        PartySignature[] memory signatures = new PartySignature[](n);
        mapping(uint256 => StoredSignature) storage stored = _signatures[id];
        for (uint256 i; i < n; i++) {
            StoredSignature storage s = stored[i];
            signatures[i] = PartySignature({account: s.account, signedAt: s.signedAt, certificateHash: s.certificateHash});
        }
        _records()[id] = keccak256(
            abi.encode(id, t.payloadHash, _termsHashes[id], t.createdAt, t.deadline, t.parties, signatures)
        );
    }

    /// @dev The record commitments, at the documented ERC-7201 slot (see {RecordCommitment}).
    function _records() private pure returns (mapping(uint256 => bytes32) storage records) {
        bytes32 slot = RecordCommitment.RECORDS_SLOT;
        assembly ("memory-safe") {
            records.slot := slot
        }
    }

    function _digest(uint256 id, Transaction storage t, uint256 partyIndex, address wallet, bytes32 identity, uint256 nonce)
        private
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(_SIGN_TYPEHASH, id, partyIndex, wallet, t.payloadHash, _termsHashes[id], identity, nonce, t.deadline)
            )
        );
    }

    /// @dev ISO 3166-1 alpha-2: two upper-case letters.
    function _isCountryCode(bytes2 country) private pure returns (bool) {
        uint8 a = uint8(country[0]);
        uint8 b = uint8(country[1]);
        return a >= 0x41 && a <= 0x5a && b >= 0x41 && b <= 0x5a;
    }
}
