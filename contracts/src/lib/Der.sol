// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

/**
 * @title Der
 * @notice The contracts' one reader of DER TLV headers (ITU-T X.690), in memory or in calldata: {X509},
 * {CmsSignedAttributes} and the IdentityRegistry read every element through it, so one set of limits
 * and errors applies everywhere. Every read is checked against a `limit` (the end of the enclosing TLV)
 * before any byte is used, so malformed input reverts with one of the errors below and never reads out
 * of bounds or panics.
 * @dev Only what certificates and CMS signed attributes need: low tag numbers (< 31), definite lengths
 * of at most four bytes, minimal (DER) length encoding.
 */
library Der {
    /// @notice The TLV at `offset` does not fit inside its enclosing element (or the input).
    error Der__Truncated(uint256 offset);
    /// @notice The TLV at `offset` has an indefinite, non-minimal or over-long length.
    error Der__InvalidLength(uint256 offset);
    /// @notice The TLV at `offset` uses the high-tag-number form, which certificates never need.
    error Der__UnsupportedTag(uint256 offset);
    /// @notice The TLV at `offset` has tag `found` where `expected` was required.
    error Der__UnexpectedTag(uint256 offset, uint8 expected, uint8 found);
    /// @notice Bytes remain at `offset` after the last element of a TLV (or of the input).
    error Der__TrailingBytes(uint256 offset);

    /**
     * @notice Reads the header of the TLV at `offset`, which must end at or before `limit`.
     * @return tag the identifier octet.
     * @return start the offset of the first content byte.
     * @return end the offset just past the last content byte.
     */
    function read(bytes memory der, uint256 offset, uint256 limit)
        internal
        pure
        returns (uint8 tag, uint256 start, uint256 end)
    {
        // `offset < limit - 1` spelled without underflow: a header needs two bytes. Checked before the
        // load, so that no far offset is ever touched.
        if (limit > der.length || offset >= limit || limit - offset < 2) revert Der__Truncated(offset);
        uint256 word;
        assembly ("memory-safe") {
            word := mload(add(add(der, 0x20), offset))
        }
        return _header(word, offset, limit);
    }

    /// @notice {read} for DER in calldata: the same rules and errors, without copying it to memory.
    function readCalldata(bytes calldata der, uint256 offset, uint256 limit)
        internal
        pure
        returns (uint8 tag, uint256 start, uint256 end)
    {
        // `offset < limit - 1` spelled without underflow: a header needs two bytes. Checked before the
        // load, so that no far offset is ever touched.
        if (limit > der.length || offset >= limit || limit - offset < 2) revert Der__Truncated(offset);
        uint256 word;
        assembly ("memory-safe") {
            word := calldataload(add(der.offset, offset))
        }
        return _header(word, offset, limit);
    }

    /// @notice Reads the TLV at `offset` and requires its tag to be `expected`.
    function expect(bytes memory der, uint256 offset, uint256 limit, uint8 expected)
        internal
        pure
        returns (uint256 start, uint256 end)
    {
        uint8 tag;
        (tag, start, end) = read(der, offset, limit);
        if (tag != expected) revert Der__UnexpectedTag(offset, expected, tag);
    }

    /// @notice {expect} for DER in calldata.
    function expectCalldata(bytes calldata der, uint256 offset, uint256 limit, uint8 expected)
        internal
        pure
        returns (uint256 start, uint256 end)
    {
        uint8 tag;
        (tag, start, end) = readCalldata(der, offset, limit);
        if (tag != expected) revert Der__UnexpectedTag(offset, expected, tag);
    }

    /// @notice Skips the TLV at `offset`, whatever its tag, and returns the offset just past it.
    function skipElement(bytes memory der, uint256 offset, uint256 limit) internal pure returns (uint256 end) {
        (,, end) = read(der, offset, limit);
    }

    /// @notice The tag of the TLV at `offset` (which must lie before `limit`), without reading its length.
    function peekTag(bytes memory der, uint256 offset, uint256 limit) internal pure returns (uint8) {
        if (limit > der.length || offset >= limit) revert Der__Truncated(offset);
        return uint8(der[offset]);
    }

    /// @notice Requires `offset` to be exactly `end`: nothing may follow the last element.
    function requireEnd(uint256 offset, uint256 end) internal pure {
        if (offset != end) revert Der__TrailingBytes(offset);
    }

    /// @notice A copy of `der[start:end]`.
    function copy(bytes memory der, uint256 start, uint256 end) internal pure returns (bytes memory out) {
        if (start > end || end > der.length) revert Der__Truncated(start);
        out = new bytes(end - start);
        assembly ("memory-safe") {
            mcopy(add(out, 0x20), add(add(der, 0x20), start), sub(end, start))
        }
    }

    /// @notice keccak256 of `der[start:end]`, without copying the range (to compare OIDs and names).
    function keccakRange(bytes memory der, uint256 start, uint256 end) internal pure returns (bytes32 digest) {
        if (start > end || end > der.length) revert Der__Truncated(start);
        assembly ("memory-safe") {
            digest := keccak256(add(add(der, 0x20), start), sub(end, start))
        }
    }

    /**
     * @notice SHA-256 of `der[start:end]` through the SHA-256 precompile (address 0x02), without
     * copying the range.
     */
    function sha256Range(bytes memory der, uint256 start, uint256 end) internal view returns (bytes32 digest) {
        if (start > end || end > der.length) revert Der__Truncated(start);
        bool ok;
        assembly ("memory-safe") {
            let scratch := mload(0x40)
            ok := staticcall(gas(), 0x02, add(add(der, 0x20), start), sub(end, start), scratch, 0x20)
            digest := mload(scratch)
        }
        // The precompile fails only when out of gas; surface that as a plain revert, not a wrong hash.
        require(ok);
    }

    /**
     * @dev The header rules, on `word`: the 32 bytes at `offset` (bytes past the input may be anything:
     * only those the bounds checks admit are used). The caller has checked `offset + 2 <= limit <=
     * der.length`.
     */
    function _header(uint256 word, uint256 offset, uint256 limit)
        private
        pure
        returns (uint8 tag, uint256 start, uint256 end)
    {
        tag = uint8(word >> 248);
        if (tag & 0x1f == 0x1f) revert Der__UnsupportedTag(offset);
        uint256 length = (word >> 240) & 0xff;
        unchecked {
            start = offset + 2;
            if (length >= 0x80) {
                // Long form: 0x80 (indefinite) and more than four length bytes are refused.
                uint256 count = length & 0x7f;
                if (count == 0 || count > 4) revert Der__InvalidLength(offset);
                if (limit - start < count) revert Der__Truncated(offset);
                // DER: no leading zero byte, and the long form only for lengths >= 128.
                if ((word >> 232) & 0xff == 0) revert Der__InvalidLength(offset);
                length = (word >> (240 - 8 * count)) & ((1 << (8 * count)) - 1);
                if (length < 0x80) revert Der__InvalidLength(offset);
                start += count;
            }
            // `start <= limit` here, so neither side can wrap.
            if (limit - start < length) revert Der__Truncated(offset);
            end = start + length;
        }
    }
}
