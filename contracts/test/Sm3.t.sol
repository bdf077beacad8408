// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {Sm3} from "../src/lib/Sm3.sol";
import {Sm3Reference} from "./utils/Sm3Reference.sol";
import {X509Test} from "./utils/x509/X509Test.sol";

/// @dev External entry points so that `forge test --gas-report` measures SM3.
contract Sm3Harness {
    function hash(bytes calldata data) external pure returns (bytes32) {
        return Sm3.hash(data);
    }

    function hashWithPrefix(bytes32 prefix, bytes calldata data) external pure returns (bytes32) {
        return Sm3.hashWithPrefix(prefix, data, 0, data.length);
    }
}

/// @dev GB/T 32905-2016 appendix A examples, and test/fixtures/sm2/sm3.bin: 305 more messages of 0..300
/// bytes (every padding boundary) and 511..1500 bytes, digests by OpenSSL's SM3 (scripts/contracts/sm2-fixtures.ts).
contract Sm3Test is X509Test {
    Sm3Harness private harness;

    function setUp() public {
        harness = new Sm3Harness();
    }

    function test_GbtVectors() public view {
        assertEq(harness.hash("abc"), 0x66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0, "SM3(abc)");
        assertEq(
            harness.hash("abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd"),
            0xdebe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732,
            "SM3(abcd x 16)"
        );
    }

    function test_OpenSslVectors() public view {
        bytes memory data = vm.readFileBinary("test/fixtures/sm2/sm3.bin");
        uint256 pos;
        uint256 count;
        while (pos < data.length) {
            uint256 length = uint16(bytes2(_slice(data, pos, 2)));
            bytes memory message = _slice(data, pos + 2, length);
            bytes32 expected = bytes32(_slice(data, pos + 2 + length, 32));
            assertEq(harness.hash(message), expected, "SM3 of a fixture message");
            pos += 34 + length;
            count++;
        }
        assertEq(count, 307, "vectors read");
    }

    /// @dev SM3(prefix || M) equals SM3 of the concatenation, and a range hashes as its copy.
    function testFuzz_PrefixAndRangeAgree(bytes32 prefix, bytes calldata message, uint256 from) public view {
        assertEq(harness.hashWithPrefix(prefix, message), harness.hash(bytes.concat(prefix, message)), "prefix");
        from = from % (message.length + 1);
        bytes memory copy = message;
        assertEq(Sm3.hash(copy, from, message.length - from), harness.hash(message[from:]), "range");
    }

    /// @dev The unrolled SM3 against the first (rolled) one, kept in test/utils/Sm3Reference.sol, for
    /// every length 0..300 (each padding boundary: 55, 56, 63, 64, 119, 120, ...) of pseudo-random bytes.
    function test_MatchesReferenceEveryLength() public pure {
        bytes memory data = _bytes(keccak256("sm3 differential"), 300);
        for (uint256 length; length <= 300; length++) {
            bytes32 expected = Sm3Reference.hash(data, 0, length);
            assertEq(Sm3.hash(data, 0, length), expected, "unrolled SM3 differs from the reference");
        }
    }

    /// @dev The same, fuzzed: any bytes of length 0..300, with and without a 32-byte prefix, and a
    /// message continued from the initial value ({Sm3-hashFrom}; Sm2.t.sol continues ZA from its
    /// constant head's state).
    function testFuzz_MatchesReference(bytes32 seed, uint256 length, bytes32 prefix) public pure {
        length %= 301;
        bytes memory data = _bytes(seed, length);
        assertEq(Sm3.hash(data), Sm3Reference.hash(data), "hash");
        assertEq(
            Sm3.hashWithPrefix(prefix, data, 0, length), Sm3Reference.hashWithPrefix(prefix, data, 0, length), "hashWithPrefix"
        );
        assertEq(Sm3.hashFrom(Sm3.IV, 0, data), Sm3Reference.hash(data), "hashFrom the initial value");
    }

    function _bytes(bytes32 seed, uint256 length) private pure returns (bytes memory out) {
        out = new bytes(length);
        for (uint256 i; i < length; i += 32) {
            bytes32 chunk = keccak256(abi.encode(seed, i));
            assembly ("memory-safe") {
                mstore(add(add(out, 32), i), chunk)
            }
        }
    }

    /// @dev Dirty memory past the free pointer does not leak into the padding.
    function testFuzz_DirtyScratch(bytes calldata message, bytes32 junk) public pure {
        bytes32 clean = Sm3.hash(message);
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            for { let i := 0 } lt(i, 64) { i := add(i, 1) } { mstore(add(ptr, shl(5, i)), junk) }
        }
        assertEq(Sm3.hash(message), clean, "dirty scratch");
    }

    function _slice(bytes memory data, uint256 from, uint256 length) private pure returns (bytes memory out) {
        out = new bytes(length);
        assembly ("memory-safe") {
            mcopy(add(out, 32), add(add(data, 32), from), length)
        }
    }
}
