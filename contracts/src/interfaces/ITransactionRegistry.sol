// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {IIdentityRegistry} from "./IIdentityRegistry.sol";
import {IPeerTrust} from "./IPeerTrust.sol";
import {ITrustStore} from "./ITrustStore.sol";

/**
 * @title ITransactionRegistry
 * @notice Cross-border transactions that each required party signs twice: with its wallet (the caller,
 * bound to an identity of the party's country in the IdentityRegistry) and with its national-PKI key, a
 * CMS SignedData (CAdES-BES) signer over the 32-byte EIP-712 digest of the transaction. The contract
 * receives the DER signed attributes (the SET OF as signed) and the signature, checks the messageDigest
 * and signingCertificateV2 attributes, verifies the signature with the bound key, and checks the path
 * in the Trust Store at signing time. Events carry what a verifier needs to re-check each signature.
 */
interface ITransactionRegistry {
    enum Status {
        None,
        Proposed,
        PartiallySigned,
        Completed,
        Expired, // derived: past the deadline before completion
        Cancelled
    }

    /// @notice A required party: any identity of `country`, or only the wallet `account` when set.
    struct Party {
        bytes2 country;
        address account;
    }

    struct Terms {
        uint256 amount;
        uint8 decimals;
        bytes3 currency; // ISO 4217, e.g. "BRL"
        string paymentReference; // e.g. an invoice number
        bytes32 memoHash;
    }

    /// @dev Field order packs `creator`, `deadline` and `signatureCount` into one storage slot.
    struct Transaction {
        address creator;
        uint64 deadline;
        uint32 signatureCount;
        uint64 createdAt;
        bool cancelled;
        bytes32 payloadHash; // SHA-256 of the document
        Terms terms;
        Party[] parties;
    }

    /// @dev The digest, nonce, key hash and CMS parts are in the `TransactionSigned` event, not in storage.
    struct PartySignature {
        address account;
        uint64 signedAt;
        bytes32 certificateHash; // tbsCertificate hash
    }

    event TransactionCreated(
        uint256 indexed id, address indexed creator, bytes32 indexed payloadHash, Terms terms, Party[] parties, uint64 deadline
    );
    /// @notice Everything needed to re-check the PKI signature off-chain: `signedAttributes` and
    /// `signature` verify with the certificate `certificateHash` (see IdentityRegistry's events), and
    /// their messageDigest is SHA-256(`digest`).
    event TransactionSigned(
        uint256 indexed id,
        uint256 partyIndex,
        address indexed account,
        bytes32 indexed certificateHash,
        bytes32 keyHash,
        uint256 nonce,
        bytes32 digest,
        bytes signedAttributes,
        bytes signature
    );
    event TransactionCompleted(uint256 indexed id);
    event TransactionCancelled(uint256 indexed id);

    error TransactionRegistry__NoParties();
    error TransactionRegistry__TooManyParties(uint256 count, uint256 maximum);
    error TransactionRegistry__InvalidCountry(bytes2 country);
    error TransactionRegistry__DeadlinePassed(uint64 deadline);
    error TransactionRegistry__UnknownTransaction(uint256 id);
    error TransactionRegistry__NotOpen(uint256 id, Status status);
    error TransactionRegistry__UnknownParty(uint256 id, uint256 partyIndex);
    error TransactionRegistry__AlreadySigned(uint256 id, uint256 partyIndex);
    /// @notice The signer's key already signed another party of this transaction.
    error TransactionRegistry__KeyAlreadySigned(uint256 id, bytes32 keyHash);
    error TransactionRegistry__NoIdentity(address account);
    error TransactionRegistry__WrongCountry(bytes2 required, bytes2 actual);
    error TransactionRegistry__WrongAccount(address required, address actual);
    error TransactionRegistry__CertificateNotValidAt(uint64 time);
    error TransactionRegistry__PathNotTrusted(ITrustStore.PathStatus status, uint256 index);
    /// @notice The signer's anchor is unknown to the local Trust Store and its route from a peer ledger is not live.
    error TransactionRegistry__RouteNotLive(bytes32 anchorHash, IPeerTrust.RouteStatus status);
    error TransactionRegistry__NotCreator(address account);
    error TransactionRegistry__NotCancellable(uint256 id);

    /// @notice Proposes a transaction; returns its id (from 1).
    function create(Party[] calldata parties, bytes32 payloadHash, Terms calldata terms, uint64 deadline)
        external
        returns (uint256 id);

    /**
     * @notice Signs party `partyIndex` of transaction `id` as the caller: `signedAttributes` (DER, tag
     * 0x31) must hold messageDigest = SHA-256(`digestOf(id, partyIndex, caller)`) and a
     * signingCertificateV2 naming the caller's registered certificate DER, and `signature` must verify
     * over them with the caller's bound key. Refusals of the PKI signature are `PkiSignature__*` errors.
     * The path's validity window (leaf and intermediates) must hold at block time.
     */
    function sign(uint256 id, uint256 partyIndex, bytes calldata signedAttributes, bytes calldata signature) external;

    /// @notice The creator cancels a transaction that is not completed (signatures already given lapse
    /// with it): no stranger who takes an open seat can hold the creator to it.
    function cancel(uint256 id) external;

    function identityRegistry() external view returns (IIdentityRegistry);
    function trustStore() external view returns (ITrustStore);
    function transactionCount() external view returns (uint256);
    function transaction(uint256 id) external view returns (Transaction memory);
    function statusOf(uint256 id) external view returns (Status);
    function signatureOf(uint256 id, uint256 partyIndex) external view returns (PartySignature memory);
    /**
     * @notice The record hash committed when transaction `id` completed (zero before): keccak256 of
     * abi.encode(id, payloadHash, termsHash (EIP-712), createdAt, deadline, parties, signatures), where
     * signatures are `PartySignature`s in party order. It sits at `RecordCommitment.slotOf(id)`, which a
     * peer ledger proves (`IPeerTrust.verifyRecord`).
     */
    function recordHashOf(uint256 id) external view returns (bytes32);
    /// @notice The next nonce of the key with SPKI hash `keyHash`.
    function nonceOf(bytes32 keyHash) external view returns (uint256);
    /// @notice The EIP-712 digest `account`'s identity signs for party `partyIndex` of transaction `id`
    /// now (its current nonce).
    function digestOf(uint256 id, uint256 partyIndex, address account) external view returns (bytes32);

    // ------------------------------------------------------------------ lists (reads that scale)

    /// @notice A transaction as a list shows it: its status now and, per party, the wallet that signed it
    /// (zero while unsigned).
    struct Summary {
        uint256 id;
        Status status;
        Transaction transaction;
        address[] signedBy;
    }

    /// @notice One per party at creation, so a node filters by topic the transactions of a country or a
    /// wallet (`account` zero: any identity of `country`) without reading every `TransactionCreated`.
    event PartyRequired(uint256 indexed id, bytes2 indexed country, address indexed account, uint256 partyIndex);

    /**
     * @notice Open transactions (proposed or partially signed, before their deadline) newest first, with a
     * party of `country` that `account` may sign now: unsigned, naming no wallet or `account`, and
     * `account` signed no other party (zero `account`: every open one of `country`). Only ids below
     * `belowId` (0: no bound); at most `limit`. One call examines a bounded number of open transactions, so a
     * page may hold fewer than `limit` and still not be the last: `nextBelowId` continues the list (0: the end).
     */
    function openTransactionsOf(bytes2 country, address account, uint256 belowId, uint256 limit)
        external
        view
        returns (Summary[] memory list, uint256 nextBelowId);

    /// @notice The summaries of `ids`, in their order; reverts on an unknown id.
    function summariesOf(uint256[] calldata ids) external view returns (Summary[] memory list);

    // ------------------------------------------------------------------ pruning expired ones

    /// @notice Expired transaction `id` was taken off its countries' open lists (its status is unchanged).
    event TransactionUnlisted(uint256 indexed id);

    /// @notice Only an expired transaction may be unlisted by anyone; `status` is what it is now.
    error TransactionRegistry__NotExpired(uint256 id, Status status);

    /**
     * @notice Takes expired transactions off the open lists, so `openTransactionsOf` spends no scan on
     * them. Anyone may call it: it reverts on any id that is not expired (a live one stays listed), and
     * skips one already taken off.
     */
    function unlistExpired(uint256[] calldata ids) external;

    /**
     * @notice Expired transactions still on `country`'s open list, newest first, below `belowId` (0: no
     * bound), at most `limit`; examines a bounded number per call (`nextBelowId` continues, 0: the end).
     * What a pruner passes to `unlistExpired`.
     */
    function expiredOpenOf(bytes2 country, uint256 belowId, uint256 limit)
        external
        view
        returns (uint256[] memory ids, uint256 nextBelowId);
}
