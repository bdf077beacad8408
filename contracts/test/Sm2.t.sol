// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {Sm2} from "../src/lib/Sm2.sol";
import {Sm3} from "../src/lib/Sm3.sol";
import {Sm3Reference} from "./utils/Sm3Reference.sol";
import {X509Test} from "./utils/x509/X509Test.sol";

/// @dev External entry points so that `forge test --gas-report` measures the parts of an SM2 check.
contract Sm2Harness {
    function za(uint256 x, uint256 y) external pure returns (bytes32) {
        return Sm2.za(x, y);
    }

    function verify(bytes32 e, uint256 r, uint256 s, uint256 x, uint256 y) external view returns (bool) {
        return Sm2.verify(e, r, s, x, y);
    }

    function verifyMessage(bytes32 zaValue, bytes calldata message, uint256 r, uint256 s, uint256 x, uint256 y)
        external
        view
        returns (bool)
    {
        return Sm2.verifyMessage(zaValue, message, 0, message.length, r, s, x, y);
    }

    /// @dev The whole check with ZA computed on the spot, as for a key seen for the first time.
    function verifyMessageWithKey(bytes calldata message, uint256 r, uint256 s, uint256 x, uint256 y)
        external
        view
        returns (bool)
    {
        return Sm2.verifyMessage(Sm2.za(x, y), message, 0, message.length, r, s, x, y);
    }
}

/// @dev test/fixtures/sm2/sm2.bin (scripts/contracts/sm2-fixtures.ts): 59 SM2-with-SM3 signatures with
/// the default ID on the SM2 curve, by the app demo signer (over noble-curves), by keys at the ladder
/// edges (PA = G, 2G, [n - 2]G) and by the openssl CLI, each checked by app/pki/crypto/sm2.ts. (The
/// GB/T 32918.2 appendix example uses another curve, so it is not a vector here.)
contract Sm2Test is X509Test {
    Sm2Harness private harness;

    struct Vector {
        uint256 x;
        uint256 y;
        bytes32 za;
        uint256 r;
        uint256 s;
        bytes message;
    }

    function setUp() public {
        harness = new Sm2Harness();
    }

    function _vectors() private view returns (Vector[] memory out) {
        bytes memory data = vm.readFileBinary("test/fixtures/sm2/sm2.bin");
        out = new Vector[](59);
        uint256 pos;
        uint256 count;
        while (pos < data.length) {
            Vector memory v = out[count++];
            uint256 length;
            assembly ("memory-safe") {
                let p := add(add(data, 32), pos)
                mstore(v, mload(p))
                mstore(add(v, 32), mload(add(p, 32)))
                mstore(add(v, 64), mload(add(p, 64)))
                mstore(add(v, 96), mload(add(p, 96)))
                mstore(add(v, 128), mload(add(p, 128)))
                length := shr(240, mload(add(p, 160)))
            }
            bytes memory message = new bytes(length);
            assembly ("memory-safe") {
                mcopy(add(message, 32), add(add(add(data, 32), pos), 162), length)
            }
            v.message = message;
            pos += 162 + length;
        }
        assertEq(count, 59, "vectors read");
    }

    function test_Vectors() public view {
        Vector[] memory vs = _vectors();
        for (uint256 i; i < vs.length; i++) {
            if (i == 48) continue; // key G: test_KeyGRefused
            Vector memory v = vs[i];
            assertTrue(Sm2.isOnCurve(v.x, v.y), "key on the curve");
            assertEq(harness.za(v.x, v.y), v.za, "ZA");
            assertTrue(harness.verifyMessage(v.za, v.message, v.r, v.s, v.x, v.y), "valid signature");
            assertTrue(harness.verifyMessageWithKey(v.message, v.r, v.s, v.x, v.y), "valid signature, ZA computed");
        }
    }

    /// @dev Any change of r, s, the message, the key or the ID (ZA) refuses the signature.
    function testFuzz_AlteredRefused(uint256 which, uint256 bit, uint8 field) public view {
        Vector[] memory vs = _vectors();
        Vector memory v = vs[which % vs.length];
        bit = bit % 256;
        field = field % 5;
        if (field == 0) v.r ^= 1 << bit;
        else if (field == 1) v.s ^= 1 << bit;
        else if (field == 2) v.za ^= bytes32(uint256(1) << bit);
        else if (field == 3) v.x ^= 1 << bit;
        else {
            if (v.message.length == 0) return;
            uint256 at = bit % v.message.length;
            v.message[at] = bytes1(uint8(v.message[at]) ^ uint8(1 << (bit % 8)));
        }
        assertTrue(!harness.verifyMessage(v.za, v.message, v.r, v.s, v.x, v.y), "altered signature refused");
    }

    /// @dev r or s of 0 or at least n, r + s = n, and a key off the curve are refused without arithmetic.
    function testFuzz_RangesRefused(uint256 which, uint256 big) public view {
        Vector[] memory vs = _vectors();
        Vector memory v = vs[which % vs.length == 48 ? 0 : which % vs.length];
        bytes32 e = Sm3.hashWithPrefix(v.za, v.message, 0, v.message.length);
        assertTrue(harness.verify(e, v.r, v.s, v.x, v.y), "the vector itself verifies");
        if (big < Sm2.N) big = Sm2.N + big % (type(uint256).max - Sm2.N);
        assertTrue(!harness.verify(e, 0, v.s, v.x, v.y), "r = 0");
        assertTrue(!harness.verify(e, v.r, 0, v.x, v.y), "s = 0");
        assertTrue(!harness.verify(e, big, v.s, v.x, v.y), "r >= n");
        assertTrue(!harness.verify(e, v.r, big, v.x, v.y), "s >= n");
        // r + n is the same residue: a verifier reducing r would accept it.
        if (v.r < type(uint256).max - Sm2.N) assertTrue(!harness.verify(e, v.r + Sm2.N, v.s, v.x, v.y), "r + n");
        assertTrue(!harness.verify(e, v.r, Sm2.N - v.r, v.x, v.y), "t = 0");
        assertTrue(!harness.verify(e, v.r, v.s, v.x, Sm2.P - v.y), "the negated key");
        if (v.y < type(uint256).max - Sm2.P) assertTrue(!harness.verify(e, v.r, v.s, v.x, v.y + Sm2.P), "y >= p");
        assertTrue(!harness.verify(e, v.r, v.s, v.x, addmod(v.y, 1, Sm2.P)), "off the curve");
        assertTrue(!harness.verify(e, v.r, v.s, 0, 0), "the point (0, 0)");
    }

    /// @dev Random keys on or off the curve with random (r, s): nothing verifies by chance, nothing reverts.
    function testFuzz_RandomRefused(bytes32 e, uint256 r, uint256 s, uint256 x, uint256 y) public view {
        assertTrue(!harness.verify(e, r, s, x, y), "random input refused");
    }

    /// @dev The generator as key (private key 1, a correct signature by it in the fixtures) and its
    /// negation are refused: G + PA, the ladder's third table point, would be a doubling or infinity.
    /// @dev ZA continued from its constant head's chaining value equals SM3 (the first, rolled
    /// implementation) of the whole 210-byte input, for any key.
    function testFuzz_ZaMatchesReference(uint256 x, uint256 y) public view {
        bytes32 expected = Sm3Reference.hash(abi.encodePacked(Sm2.DEFAULT_ENTL_ID, Sm2.A, Sm2.B, Sm2.GX, Sm2.GY, x, y));
        assertEq(harness.za(x, y), expected, "ZA");
    }

    function test_KeyGRefused() public view {
        Vector[] memory vs = _vectors();
        Vector memory v = vs[48]; // private key 1 (the script writes it first among the edge keys)
        assertEq(v.x, Sm2.GX, "vector 48 has key G");
        assertTrue(!harness.verifyMessage(v.za, v.message, v.r, v.s, v.x, v.y), "key G");
        assertTrue(!harness.verifyMessage(v.za, v.message, v.r, v.s, Sm2.GX, Sm2.P - Sm2.GY), "key -G");
    }
}
