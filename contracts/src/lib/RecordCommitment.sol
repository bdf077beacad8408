// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

/**
 * @title RecordCommitment
 * @notice Where a TransactionRegistry commits its completed transactions, so that another ledger can
 * prove a record with one storage proof: a `mapping(uint256 txId => bytes32 recordHash)` at the ERC-7201
 * namespace "pkiledger.TransactionRegistry.records". The record hash of transaction `txId` is in the slot
 * `keccak256(abi.encode(txId, RECORDS_SLOT))` (Solidity's mapping layout).
 */
library RecordCommitment {
    /// @notice keccak256(abi.encode(uint256(keccak256("pkiledger.TransactionRegistry.records")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 internal constant RECORDS_SLOT = 0x79135fe3293ee6f8273a1daa36b15016a6f531f77aebbd9062024c9bbb1a7300;

    /// @notice The storage slot holding the record hash of transaction `txId`.
    function slotOf(uint256 txId) internal pure returns (bytes32) {
        return keccak256(abi.encode(txId, RECORDS_SLOT));
    }
}
