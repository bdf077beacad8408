// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {RlpWriter} from "./RlpWriter.sol";
import {ivm} from "./InteropVm.sol";

/// @notice Builds Besu QBFT headers for tests: Cancun's 20 fields (or the 15 of Besu's block 7528), the
/// QBFT extraData, and seals made with `vm.sign` over the commit hash computed here by re-encoding.
library QbftBuilder {
    struct Spec {
        uint64 number;
        uint64 timestamp;
        bytes32 stateRoot;
        address[] validators;
        uint256 round;
        /// The vote's RLP (an empty list when there is none).
        bytes vote;
        /// 20 fields (Cancun) or 15 (pre-London).
        bool cancun;
    }

    function spec(uint64 number, uint64 timestamp, address[] memory validators) internal pure returns (Spec memory s) {
        s.number = number;
        s.timestamp = timestamp;
        s.stateRoot = keccak256(abi.encode("state", number));
        s.validators = validators;
        s.round = 0;
        s.vote = hex"c0";
        s.cancun = true;
    }

    function extraData(Spec memory s, bytes[] memory sealList) internal pure returns (bytes memory) {
        bytes[] memory vals = new bytes[](s.validators.length);
        for (uint256 i; i < vals.length; i++) vals[i] = RlpWriter.address_(s.validators[i]);
        bytes[] memory sealItems = new bytes[](sealList.length);
        for (uint256 i; i < sealList.length; i++) sealItems[i] = RlpWriter.bytes_(sealList[i]);
        bytes[] memory parts = new bytes[](5);
        parts[0] = RlpWriter.bytes_(abi.encodePacked(bytes32(0)));
        parts[1] = RlpWriter.list(vals);
        parts[2] = s.vote;
        parts[3] = RlpWriter.uint_(s.round);
        parts[4] = RlpWriter.list(sealItems);
        return RlpWriter.list(parts);
    }

    function header(Spec memory s, bytes[] memory sealList) internal pure returns (bytes memory) {
        bytes[] memory f = new bytes[](s.cancun ? 20 : 15);
        f[0] = RlpWriter.bytes_(abi.encodePacked(keccak256(abi.encode("parent", s.number))));
        f[1] = RlpWriter.bytes_(abi.encodePacked(bytes32(0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347)));
        f[2] = RlpWriter.address_(s.validators[0]);
        f[3] = RlpWriter.bytes_(abi.encodePacked(s.stateRoot));
        f[4] = RlpWriter.bytes_(abi.encodePacked(bytes32(0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421)));
        f[5] = f[4];
        f[6] = RlpWriter.bytes_(new bytes(256));
        f[7] = RlpWriter.uint_(1);
        f[8] = RlpWriter.uint_(s.number);
        f[9] = RlpWriter.uint_(30_000_000);
        f[10] = RlpWriter.uint_(21_000);
        f[11] = RlpWriter.uint_(s.timestamp);
        f[12] = RlpWriter.bytes_(extraData(s, sealList));
        f[13] = RlpWriter.bytes_(abi.encodePacked(bytes32(0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365)));
        f[14] = RlpWriter.bytes_(new bytes(8));
        if (s.cancun) {
            f[15] = RlpWriter.uint_(0);
            f[16] = f[4];
            f[17] = RlpWriter.uint_(0);
            f[18] = RlpWriter.uint_(0);
            f[19] = RlpWriter.bytes_(abi.encodePacked(bytes32(0)));
        }
        return RlpWriter.list(f);
    }

    function commitHash(Spec memory s) internal pure returns (bytes32) {
        return keccak256(header(s, new bytes[](0)));
    }

    /// @notice r || s || v with v in {0, 1}, as Besu writes a committed seal.
    function seal(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = ivm.sign(key, digest);
        return abi.encodePacked(r, s, uint8(v - 27));
    }

    function seals(Spec memory s, uint256[] memory signKeys) internal pure returns (bytes[] memory out) {
        bytes32 digest = commitHash(s);
        out = new bytes[](signKeys.length);
        for (uint256 i; i < signKeys.length; i++) out[i] = seal(signKeys[i], digest);
    }

    function sealedHeader(Spec memory s, uint256[] memory signKeys) internal pure returns (bytes memory) {
        return header(s, seals(s, signKeys));
    }

    /// @notice Test validator keys 1..n (sorted by nothing: the order of the keys).
    function keys(uint256 first, uint256 n) internal pure returns (uint256[] memory out) {
        out = new uint256[](n);
        for (uint256 i; i < n; i++) out[i] = uint256(keccak256(abi.encode("qbft validator", first + i)));
    }

    function addresses(uint256[] memory ks) internal pure returns (address[] memory out) {
        out = new address[](ks.length);
        for (uint256 i; i < ks.length; i++) out[i] = ivm.addr(ks[i]);
    }

    function slice(uint256[] memory ks, uint256 from, uint256 to) internal pure returns (uint256[] memory out) {
        out = new uint256[](to - from);
        for (uint256 i = from; i < to; i++) out[i - from] = ks[i];
    }
}
