// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/**
 * @title Rlp
 * @notice A strict reader of Ethereum's Recursive Length Prefix encoding in calldata, for block headers
 * and Merkle-Patricia proofs. Only canonical encodings pass: a single byte below 0x80 must stand alone,
 * short payloads must use the short form, long lengths have no leading zero, and every item must end
 * exactly where its enclosing list (or the input) ends. So one value has one accepted encoding, and no
 * re-encoding of a header or a proof node can change what it says.
 * @dev Items are views into calldata (absolute offsets): nothing is copied until a caller asks for it.
 * Every offset is checked against its enclosing `limit` before a byte there is used.
 */
library Rlp {
    /// @notice An RLP item in calldata.
    struct Item {
        /// The calldata offset of the item's first byte (its prefix).
        uint256 start;
        /// The calldata offset of its payload.
        uint256 offset;
        /// The payload's length in bytes.
        uint256 length;
        /// True for a list, false for a byte string.
        bool isList;
    }

    /// @notice The item at calldata offset `at` does not fit inside its enclosing item (or the input).
    error Rlp__Truncated(uint256 at);
    /// @notice The item at calldata offset `at` is not in canonical form (another encoding of the same value exists).
    error Rlp__NonCanonical(uint256 at);
    /// @notice Bytes remain at calldata offset `at` after the last item of a list (or of the input).
    error Rlp__TrailingBytes(uint256 at);
    /// @notice The item at calldata offset `at` is a list where a byte string was required, or the reverse.
    error Rlp__UnexpectedType(uint256 at);
    /// @notice The byte string at calldata offset `at` has the wrong length for what it encodes.
    error Rlp__InvalidLength(uint256 at);

    /// @notice The single item that `data` encodes, which must span all of it.
    function toItem(bytes calldata data) internal pure returns (Item memory item) {
        (uint256 start, uint256 limit) = _bounds(data);
        item = readAt(start, limit);
        if (item.offset + item.length != limit) revert Rlp__TrailingBytes(item.offset + item.length);
    }

    /// @notice The single item encoded in a byte-string item's payload, which must span all of it.
    function innerItem(Item memory outer) internal pure returns (Item memory item) {
        if (outer.isList) revert Rlp__UnexpectedType(outer.start);
        uint256 limit = outer.offset + outer.length;
        item = readAt(outer.offset, limit);
        if (item.offset + item.length != limit) revert Rlp__TrailingBytes(item.offset + item.length);
    }

    /// @notice Reads the item at calldata offset `at`, which must end at or before `limit`.
    function readAt(uint256 at, uint256 limit) internal pure returns (Item memory item) {
        item.start = at;
        (item.offset, item.length, item.isList) = readHeader(at, limit);
    }

    /**
     * @notice {readAt} without allocating: the payload offset and length of the item at `at`, and
     * whether it is a list (for scans that keep only a few items).
     */
    function readHeader(uint256 at, uint256 limit) internal pure returns (uint256 offset, uint256 length, bool isList) {
        if (at >= limit) revert Rlp__Truncated(at);
        uint256 word;
        assembly ("memory-safe") {
            word := calldataload(at)
        }
        uint256 b0 = word >> 248;
        if (b0 < 0x80) {
            offset = at;
            length = 1;
        } else if (b0 < 0xb8) {
            offset = at + 1;
            length = b0 - 0x80;
            // One byte below 0x80 encodes itself, so its 0x81-prefixed form is a second encoding.
            if (length == 1 && limit > at + 1 && ((word >> 240) & 0xff) < 0x80) revert Rlp__NonCanonical(at);
        } else if (b0 < 0xc0) {
            (offset, length) = _longLength(word, at, limit, b0 - 0xb7);
        } else if (b0 < 0xf8) {
            offset = at + 1;
            length = b0 - 0xc0;
            isList = true;
        } else {
            (offset, length) = _longLength(word, at, limit, b0 - 0xf7);
            isList = true;
        }
        if (offset + length > limit) revert Rlp__Truncated(at);
    }

    /// @notice The items of a list, which must fill its payload exactly.
    function readList(Item memory list) internal pure returns (Item[] memory items) {
        if (!list.isList) revert Rlp__UnexpectedType(list.start);
        uint256 end = list.offset + list.length;
        uint256 count;
        for (uint256 at = list.offset; at < end; count++) {
            (uint256 offset, uint256 length,) = readHeader(at, end);
            at = offset + length;
        }
        items = new Item[](count);
        uint256 cursor = list.offset;
        for (uint256 i; i < count; i++) {
            items[i] = readAt(cursor, end);
            cursor = items[i].offset + items[i].length;
        }
    }

    /// @notice A canonical unsigned integer (big-endian, no leading zero, at most 32 bytes; zero is the empty string).
    function toUint(Item memory item) internal pure returns (uint256 value) {
        if (item.isList) revert Rlp__UnexpectedType(item.start);
        uint256 len = item.length;
        if (len > 32) revert Rlp__InvalidLength(item.start);
        if (len == 0) return 0;
        uint256 word;
        uint256 at = item.offset;
        assembly ("memory-safe") {
            word := calldataload(at)
        }
        if (word >> 248 == 0) revert Rlp__NonCanonical(item.start);
        value = word >> (256 - 8 * len);
    }

    /// @notice {toUint} bounded to `maxBytes` bytes (a uint64 header field, a uint32 round).
    function toUintBounded(Item memory item, uint256 maxBytes) internal pure returns (uint256) {
        if (!item.isList && item.length > maxBytes) revert Rlp__InvalidLength(item.start);
        return toUint(item);
    }

    /// @notice A byte string of exactly 32 bytes.
    function toBytes32(Item memory item) internal pure returns (bytes32 value) {
        if (item.isList) revert Rlp__UnexpectedType(item.start);
        if (item.length != 32) revert Rlp__InvalidLength(item.start);
        uint256 at = item.offset;
        assembly ("memory-safe") {
            value := calldataload(at)
        }
    }

    /// @notice A byte string of exactly 20 bytes.
    function toAddress(Item memory item) internal pure returns (address value) {
        if (item.isList) revert Rlp__UnexpectedType(item.start);
        if (item.length != 20) revert Rlp__InvalidLength(item.start);
        uint256 at = item.offset;
        assembly ("memory-safe") {
            value := shr(96, calldataload(at))
        }
    }

    /// @notice A copy of a byte string's payload.
    function toBytes(Item memory item) internal pure returns (bytes memory out) {
        if (item.isList) revert Rlp__UnexpectedType(item.start);
        out = new bytes(item.length);
        uint256 at = item.offset;
        uint256 len = item.length;
        assembly ("memory-safe") {
            calldatacopy(add(out, 0x20), at, len)
        }
    }

    /// @notice The byte at calldata offset `at` (the caller has checked it lies inside its item).
    function byteAt(uint256 at) internal pure returns (uint256 b) {
        assembly ("memory-safe") {
            b := shr(248, calldataload(at))
        }
    }

    /// @notice keccak256 of the whole encoded item (prefix included).
    function hashOf(Item memory item) internal pure returns (bytes32 digest) {
        uint256 start = item.start;
        uint256 len = item.offset + item.length - start;
        assembly ("memory-safe") {
            let scratch := mload(0x40)
            calldatacopy(scratch, start, len)
            digest := keccak256(scratch, len)
        }
    }

    /// @notice The length in bytes of the whole encoded item (prefix included).
    function encodedLength(Item memory item) internal pure returns (uint256) {
        return item.offset + item.length - item.start;
    }

    /**
     * @notice The prefix RLP puts before a payload of `length` bytes: `base` is 0x80 for a byte string
     * (of more than one byte, or one byte >= 0x80) and 0xc0 for a list.
     */
    function prefix(uint256 base, uint256 length) internal pure returns (bytes memory out) {
        if (length < 56) {
            out = new bytes(1);
            out[0] = bytes1(uint8(base + length));
            return out;
        }
        uint256 lenOfLen;
        for (uint256 l = length; l != 0; l >>= 8) lenOfLen++;
        out = new bytes(1 + lenOfLen);
        out[0] = bytes1(uint8(base + 55 + lenOfLen));
        for (uint256 i; i < lenOfLen; i++) {
            out[lenOfLen - i] = bytes1(uint8(length >> (8 * i)));
        }
    }

    /// @dev The calldata offsets of `data`'s first byte and just past its last.
    function _bounds(bytes calldata data) private pure returns (uint256 start, uint256 limit) {
        assembly ("memory-safe") {
            start := data.offset
            limit := add(data.offset, data.length)
        }
    }

    /// @dev A long form length of `lenOfLen` bytes after the prefix byte at `at` (whose word is `word`).
    function _longLength(uint256 word, uint256 at, uint256 limit, uint256 lenOfLen)
        private
        pure
        returns (uint256 offset, uint256 length)
    {
        // Eight length bytes are more than any calldata can hold; refusing them keeps the sums below exact.
        if (lenOfLen > 8 || at + 1 + lenOfLen > limit) revert Rlp__Truncated(at);
        length = (word << 8) >> (256 - 8 * lenOfLen);
        // A leading zero length byte, or a long form for a length the short form could carry, is a second encoding.
        if ((word >> 240) & 0xff == 0 || length < 56) revert Rlp__NonCanonical(at);
        offset = at + 1 + lenOfLen;
    }
}
