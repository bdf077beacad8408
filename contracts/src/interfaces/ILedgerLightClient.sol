// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/**
 * @title ILedgerLightClient
 * @notice A light client, on this ledger, of peer ledgers that seal their blocks with Hyperledger Besu's
 * QBFT: it accepts a peer's block header only when a quorum (ceil(2n/3)) of the validator set it trusts
 * sealed it, and then proves storage slots of the peer's contracts against that header's state root.
 * It knows nothing of trust anchors: the peering contract decides what a proven value means.
 *
 * Validator-set changes follow the headers: a header sealed by a quorum of the trusted set that names a
 * different validator list makes that list the trusted set for the next headers. A client whose last
 * accepted header is older than its trusting period accepts no header until governance registers it again.
 */
interface ILedgerLightClient {
    /// @notice What is known of one accepted header of a peer ledger.
    struct ProvenHeader {
        uint64 number;
        uint64 timestamp;
        bytes32 stateRoot;
    }

    /// @notice A peer ledger's consensus was registered (by the registrar: the peering contract).
    event LedgerRegistered(bytes32 indexed ledgerId, bytes32 validatorSetHash, uint64 trustingPeriod, uint64 number);
    /// @notice A sealed header was accepted.
    event HeaderAccepted(bytes32 indexed ledgerId, uint64 indexed number, bytes32 stateRoot, uint64 timestamp);
    /// @notice The trusted validator set changed with an accepted header.
    event ValidatorSetChanged(bytes32 indexed ledgerId, uint64 indexed number, bytes32 validatorSetHash);

    /**
     * @notice Registers (or re-registers, after expiry) a peer ledger with its starting validator set and
     * a trusted header (RLP, as in `submitHeader`; its seals are not checked: governance vouches for it).
     * Only the registrar may call it.
     */
    function registerLedger(bytes32 ledgerId, address[] calldata validators, uint64 trustingPeriod, bytes calldata trustedHeaderRlp)
        external;

    /// @notice Accepts a QBFT-sealed header of `ledgerId` (its full RLP, committed seals included). Anyone may relay.
    function submitHeader(bytes32 ledgerId, bytes calldata headerRlp) external;

    /**
     * @notice `submitHeader` and `verifyStorage` at that header in one call, for a relayer's single
     * transaction: accepts `headerRlp` (which must be newer than the last accepted header: a header at a
     * number already accepted, repeated or conflicting, goes through `submitHeader`) and returns it with
     * the value of `slot` of `account` proven against its state root. Anyone may call it.
     */
    function submitHeaderAndVerifyStorage(
        bytes32 ledgerId,
        bytes calldata headerRlp,
        address account,
        bytes32 slot,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof
    ) external returns (ProvenHeader memory header, bytes32 value);

    /// @notice The newest accepted header of `ledgerId` (reverts when the ledger is unknown).
    function latestHeader(bytes32 ledgerId) external view returns (ProvenHeader memory);

    /// @notice The accepted header of `ledgerId` at `number` (reverts when that header was never accepted).
    function headerAt(bytes32 ledgerId, uint64 number) external view returns (ProvenHeader memory);

    /**
     * @notice The value of storage `slot` of `account` on `ledgerId` at accepted block `number`, proven by
     * `eth_getProof`'s account and storage proofs (Merkle-Patricia). An absent slot is proven as zero;
     * a proof that does not lead to the state root reverts.
     */
    function verifyStorage(
        bytes32 ledgerId,
        uint64 number,
        address account,
        bytes32 slot,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof
    ) external view returns (bytes32 value);
}
