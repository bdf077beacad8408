// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @notice A plain RLP encoder for building test headers (independent of src/lib/Rlp.sol, which only reads).
library RlpWriter {
    function bytes_(bytes memory data) internal pure returns (bytes memory) {
        if (data.length == 1 && uint8(data[0]) < 0x80) return data;
        return bytes.concat(_prefix(0x80, data.length), data);
    }

    function uint_(uint256 value) internal pure returns (bytes memory) {
        if (value == 0) return hex"80";
        uint256 len;
        for (uint256 v = value; v != 0; v >>= 8) len++;
        bytes memory out = new bytes(len);
        for (uint256 i; i < len; i++) out[len - 1 - i] = bytes1(uint8(value >> (8 * i)));
        return bytes_(out);
    }

    function address_(address value) internal pure returns (bytes memory) {
        return bytes_(abi.encodePacked(value));
    }

    function list(bytes[] memory items) internal pure returns (bytes memory payload) {
        for (uint256 i; i < items.length; i++) payload = bytes.concat(payload, items[i]);
        return bytes.concat(_prefix(0xc0, payload.length), payload);
    }

    function _prefix(uint256 base, uint256 length) private pure returns (bytes memory) {
        if (length < 56) return abi.encodePacked(uint8(base + length));
        uint256 lenOfLen;
        for (uint256 l = length; l != 0; l >>= 8) lenOfLen++;
        bytes memory out = new bytes(1 + lenOfLen);
        out[0] = bytes1(uint8(base + 55 + lenOfLen));
        for (uint256 i; i < lenOfLen; i++) out[lenOfLen - i] = bytes1(uint8(length >> (8 * i)));
        return out;
    }
}
