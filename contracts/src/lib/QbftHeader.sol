// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Rlp} from "./Rlp.sol";

/**
 * @title QbftHeader
 * @notice Reads a block header sealed by Hyperledger Besu's QBFT: the 15 fields of a pre-London header
 * and up to six optional ones (baseFee, withdrawalsRoot, blobGasUsed, excessBlobGas,
 * parentBeaconBlockRoot, and the requestsHash anvil's default hardfork adds), with extraData = RLP
 * [vanity (32 bytes), validators (addresses), vote (empty list or [address, byte]), round (integer),
 * committed seals (65-byte r || s || v, v in {0, 1})].
 *
 * The seals sign the commit hash: keccak256 of the header RLP whose extraData has the seals list
 * emptied and the round kept (Besu's `BftBlockHashing.calculateDataHashForCommittedSeal`; checked on
 * the real block 7528 of a Besu QBFT network, contracts/test/fixtures/interop/).
 * @dev Besu's QBFT codec writes the round as an RLP scalar (block 7528 carries round 1 as `0x01`), so
 * the round is read as a canonical integer of at most four bytes.
 */
library QbftHeader {
    /// @notice The fields of a header the light client uses, with views of its validators and seals.
    struct Header {
        uint64 number;
        uint64 timestamp;
        bytes32 stateRoot;
        bytes32 commitHash;
        /// The validators the header names, in its order.
        address[] validators;
        /// keccak256(abi.encodePacked(validators)).
        bytes32 validatorSetHash;
        /// The committed seals (byte strings of 65 bytes).
        Rlp.Item[] seals;
    }

    /// @notice The header list has `count` fields; QBFT headers have 15 to 21.
    error QbftHeader__FieldCount(uint256 count);
    /// @notice The extraData is not RLP [vanity, validators, vote, round, seals] in Besu's QBFT layout.
    error QbftHeader__InvalidExtraData();
    /// @notice The header names no validator, or more than `MAX_VALIDATORS`.
    error QbftHeader__ValidatorCount(uint256 count);
    /// @notice Seal `index` is not 65 bytes of r || s || v with v in {0, 1}, low s and a recoverable signer.
    error QbftHeader__InvalidSeal(uint256 index);

    /// @notice The most validators a set may have (the signer bitmap is one word).
    uint256 internal constant MAX_VALIDATORS = 256;
    /// @dev secp256k1's group order / 2: a larger s is the malleable twin of a valid seal.
    uint256 private constant HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    /// @notice Decodes `headerRlp` (the whole header, seals included) and computes its commit hash.
    function decode(bytes calldata headerRlp) internal pure returns (Header memory header) {
        Rlp.Item memory list = Rlp.toItem(headerRlp);
        Rlp.Item[] memory fields = Rlp.readList(list);
        if (fields.length < 15 || fields.length > 21) revert QbftHeader__FieldCount(fields.length);
        header.stateRoot = Rlp.toBytes32(fields[3]);
        header.number = uint64(Rlp.toUintBounded(fields[8], 8));
        header.timestamp = uint64(Rlp.toUintBounded(fields[11], 8));

        Rlp.Item memory extraData = fields[12];
        Rlp.Item memory extra = Rlp.innerItem(extraData);
        if (!extra.isList) revert QbftHeader__InvalidExtraData();
        Rlp.Item[] memory parts = Rlp.readList(extra);
        if (parts.length != 5) revert QbftHeader__InvalidExtraData();
        if (parts[0].isList || parts[0].length != 32) revert QbftHeader__InvalidExtraData();
        header.validators = _validators(parts[1]);
        header.validatorSetHash = keccak256(abi.encodePacked(header.validators));
        _checkVote(parts[2]);
        Rlp.toUintBounded(parts[3], 4);
        if (!parts[4].isList) revert QbftHeader__InvalidExtraData();
        header.seals = Rlp.readList(parts[4]);
        header.commitHash = _commitHash(list, extraData, extra, parts[4]);
    }

    /// @notice The signers a QBFT network requires: ceil(2n / 3) of n validators (Besu's BftHelpers).
    function quorum(uint256 validatorCount) internal pure returns (uint256) {
        return (2 * validatorCount + 2) / 3;
    }

    /**
     * @notice The signer of seal `index` over `commitHash`. Refuses a seal that is not 65 bytes, has v
     * outside {0, 1}, a high s (the malleable twin of another seal) or recovers no signer.
     */
    function recoverSigner(bytes32 commitHash, Rlp.Item memory seal, uint256 index) internal pure returns (address signer) {
        if (seal.isList || seal.length != 65) revert QbftHeader__InvalidSeal(index);
        uint256 at = seal.offset;
        bytes32 r;
        bytes32 s;
        uint256 v;
        assembly ("memory-safe") {
            r := calldataload(at)
            s := calldataload(add(at, 32))
            v := shr(248, calldataload(add(at, 64)))
        }
        if (v > 1 || uint256(s) > HALF_ORDER) revert QbftHeader__InvalidSeal(index);
        signer = ecrecover(commitHash, uint8(v + 27), r, s);
        if (signer == address(0)) revert QbftHeader__InvalidSeal(index);
    }

    /// @dev The validators list: 1 to MAX_VALIDATORS addresses.
    function _validators(Rlp.Item memory item) private pure returns (address[] memory validators) {
        if (!item.isList) revert QbftHeader__InvalidExtraData();
        Rlp.Item[] memory entries = Rlp.readList(item);
        if (entries.length == 0 || entries.length > MAX_VALIDATORS) revert QbftHeader__ValidatorCount(entries.length);
        validators = new address[](entries.length);
        for (uint256 i; i < entries.length; i++) {
            validators[i] = Rlp.toAddress(entries[i]);
        }
    }

    /// @dev A vote is an empty list or [recipient (20 bytes), 0x00 (drop) or 0xff (add)].
    function _checkVote(Rlp.Item memory vote) private pure {
        if (!vote.isList) revert QbftHeader__InvalidExtraData();
        if (vote.length == 0) return;
        Rlp.Item[] memory items = Rlp.readList(vote);
        if (items.length != 2) revert QbftHeader__InvalidExtraData();
        Rlp.toAddress(items[0]);
        if (items[1].isList || items[1].length != 1) revert QbftHeader__InvalidExtraData();
        uint256 kind = Rlp.byteAt(items[1].offset);
        if (kind != 0x00 && kind != 0xff) revert QbftHeader__InvalidExtraData();
    }

    /**
     * @dev keccak256 of the header re-encoded with the seals list of its extraData emptied: the prefix
     * of every enclosing item is recomputed; all other bytes are copied from calldata as they are.
     */
    function _commitHash(Rlp.Item memory list, Rlp.Item memory extraData, Rlp.Item memory extra, Rlp.Item memory seals)
        private
        pure
        returns (bytes32 digest)
    {
        // extraData' = string(list(vanity .. round || 0xc0))
        uint256 extraKept = seals.start - extra.offset;
        bytes memory extraListPrefix = Rlp.prefix(0xc0, extraKept + 1);
        uint256 extraListLength = extraListPrefix.length + extraKept + 1;
        bytes memory extraStringPrefix = Rlp.prefix(0x80, extraListLength);
        uint256 before = extraData.start - list.offset;
        uint256 afterStart = extraData.offset + extraData.length;
        uint256 afterLength = list.offset + list.length - afterStart;
        uint256 payload = before + extraStringPrefix.length + extraListLength + afterLength;
        bytes memory headerPrefix = Rlp.prefix(0xc0, payload);
        bytes memory out = new bytes(headerPrefix.length + payload);
        uint256 listOffset = list.offset;
        uint256 extraOffset = extra.offset;
        assembly ("memory-safe") {
            let p := add(out, 0x20)
            mcopy(p, add(headerPrefix, 0x20), mload(headerPrefix))
            p := add(p, mload(headerPrefix))
            calldatacopy(p, listOffset, before)
            p := add(p, before)
            mcopy(p, add(extraStringPrefix, 0x20), mload(extraStringPrefix))
            p := add(p, mload(extraStringPrefix))
            mcopy(p, add(extraListPrefix, 0x20), mload(extraListPrefix))
            p := add(p, mload(extraListPrefix))
            calldatacopy(p, extraOffset, extraKept)
            p := add(p, extraKept)
            mstore8(p, 0xc0)
            p := add(p, 1)
            calldatacopy(p, afterStart, afterLength)
            digest := keccak256(add(out, 0x20), mload(out))
        }
    }
}
