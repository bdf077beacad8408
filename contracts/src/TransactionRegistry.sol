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
    /// @dev The most summaries one list call answers: keeps a page well under a node's call gas cap.
    uint256 private constant MAX_LIST = 100;
    /// @dev The most open transactions one list call examines (about 13k gas each with two parties).
    uint256 private constant MAX_SCAN = 500;

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

    /// @dev Open transactions per country, newest first: a doubly linked list of ids, so completing or
    /// cancelling one unlinks it in O(1) and the inbox view never walks finished ones.
    struct OpenLink {
        uint128 newer;
        uint128 older;
    }

    mapping(bytes2 country => uint256 id) private _newestOpen;
    mapping(bytes2 country => mapping(uint256 id => OpenLink)) private _openLinks;

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
        _listOpen(id, parties);
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
            _unlistOpen(id, t.parties);
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
        _unlistOpen(id, t.parties);
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

    // ------------------------------------------------------------------ lists

    /// @inheritdoc ITransactionRegistry
    /// @dev Expired transactions stay linked until someone unlists them (`unlistExpired`) and are skipped,
    /// one scan slot each.
    function openTransactionsOf(bytes2 country, address account, uint256 belowId, uint256 limit)
        external
        view
        returns (Summary[] memory list, uint256 nextBelowId)
    {
        uint256[] memory found = new uint256[](limit < MAX_LIST ? limit : MAX_LIST);
        uint256 n;
        uint256 id = _newestOpen[country];
        mapping(uint256 => OpenLink) storage links = _openLinks[country];
        // Ids are linked in creation order, so the ones at or above the bound come first.
        while (id != 0 && belowId != 0 && id >= belowId) id = links[id].older;
        // At most MAX_SCAN candidates per call, so lingering expired ones cannot push it over the gas cap.
        for (uint256 scanned; id != 0 && n < found.length && scanned < MAX_SCAN; ++scanned) {
            if (_waitsFor(id, country, account)) found[n++] = id;
            nextBelowId = id;
            id = links[id].older;
        }
        if (id == 0) nextBelowId = 0;
        list = new Summary[](n);
        for (uint256 i; i < n; ++i) {
            list[i] = _summary(found[i]);
        }
    }

    /// @inheritdoc ITransactionRegistry
    function expiredOpenOf(bytes2 country, uint256 belowId, uint256 limit)
        external
        view
        returns (uint256[] memory ids, uint256 nextBelowId)
    {
        uint256[] memory found = new uint256[](limit < MAX_LIST ? limit : MAX_LIST);
        uint256 n;
        uint256 id = _newestOpen[country];
        mapping(uint256 => OpenLink) storage links = _openLinks[country];
        while (id != 0 && belowId != 0 && id >= belowId) id = links[id].older;
        for (uint256 scanned; id != 0 && n < found.length && scanned < MAX_SCAN; ++scanned) {
            // forge-lint: disable-next-line(block-timestamp) deadlines are days away; seconds of drift do not matter
            if (block.timestamp > _transactions[id].deadline) found[n++] = id;
            nextBelowId = id;
            id = links[id].older;
        }
        if (id == 0) nextBelowId = 0;
        ids = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            ids[i] = found[i];
        }
    }

    /// @inheritdoc ITransactionRegistry
    function unlistExpired(uint256[] calldata ids) external {
        for (uint256 i; i < ids.length; ++i) {
            Transaction storage t = _transactions[ids[i]];
            Status status = _status(ids[i], t);
            if (status != Status.Expired) revert TransactionRegistry__NotExpired(ids[i], status);
            if (_unlistOpen(ids[i], t.parties)) emit TransactionUnlisted(ids[i]);
        }
    }

    /// @inheritdoc ITransactionRegistry
    function summariesOf(uint256[] calldata ids) external view returns (Summary[] memory list) {
        list = new Summary[](ids.length);
        for (uint256 i; i < ids.length; ++i) {
            list[i] = _summary(ids[i]);
        }
    }

    /// @dev Whether open transaction `id` has a party of `country` that `account` may sign now.
    function _waitsFor(uint256 id, bytes2 country, address account) private view returns (bool) {
        Transaction storage t = _transactions[id];
        // forge-lint: disable-next-line(block-timestamp) deadlines are days away; seconds of drift do not matter
        if (block.timestamp > t.deadline) return false;
        Party[] storage parties = t.parties;
        mapping(uint256 => StoredSignature) storage signatures = _signatures[id];
        bool seat;
        for (uint256 i; i < parties.length; ++i) {
            address signer = signatures[i].account;
            if (account != address(0) && signer == account) return false;
            Party storage p = parties[i];
            if (signer == address(0) && p.country == country && (account == address(0) || p.account == address(0) || p.account == account)) {
                seat = true;
            }
        }
        return seat;
    }

    function _summary(uint256 id) private view returns (Summary memory s) {
        Transaction storage t = _transactions[id];
        s.id = id;
        s.status = _status(id, t);
        s.transaction = t;
        s.signedBy = new address[](t.parties.length);
        for (uint256 i; i < s.signedBy.length; ++i) {
            s.signedBy[i] = _signatures[id][i].account;
        }
    }

    /// @dev Links `id` as the newest open transaction of each of its parties' countries (once per country).
    function _listOpen(uint256 id, Party[] calldata parties) private {
        for (uint256 i; i < parties.length; ++i) {
            bytes2 country = parties[i].country;
            emit PartyRequired(id, country, parties[i].account, i);
            if (_seenBefore(parties, i)) continue;
            uint256 newest = _newestOpen[country];
            // forge-lint: disable-next-line(unsafe-typecast) ids are counted one by one from 1
            _openLinks[country][id] = OpenLink({newer: 0, older: uint128(newest)});
            // forge-lint: disable-next-line(unsafe-typecast) ids are counted one by one from 1
            if (newest != 0) _openLinks[country][newest].newer = uint128(id);
            _newestOpen[country] = id;
        }
    }

    /// @dev Unlinks a transaction that completed, was cancelled or expired from its countries' open lists;
    /// false when it was not linked (an expired one unlisted before): unlinking it again would cut the list.
    function _unlistOpen(uint256 id, Party[] storage parties) private returns (bool) {
        for (uint256 i; i < parties.length; ++i) {
            bytes2 country = parties[i].country;
            bool seen;
            for (uint256 j; j < i && !seen; ++j) {
                seen = parties[j].country == country;
            }
            if (seen) continue;
            mapping(uint256 => OpenLink) storage links = _openLinks[country];
            OpenLink memory link = links[id];
            // A linked id has a neighbour or heads its list (alone); all of its countries are linked alike.
            if (link.newer == 0 && link.older == 0 && _newestOpen[country] != id) return false;
            if (link.newer != 0) links[link.newer].older = link.older;
            else _newestOpen[country] = link.older;
            if (link.older != 0) links[link.older].newer = link.newer;
            delete links[id];
        }
        return true;
    }

    function _seenBefore(Party[] calldata parties, uint256 i) private pure returns (bool) {
        for (uint256 j; j < i; ++j) {
            if (parties[j].country == parties[i].country) return true;
        }
        return false;
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
