// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {Sha512} from "../src/lib/Sha512.sol";
import {X509Test} from "./utils/x509/X509Test.sol";

/// @dev External entry points so that `forge test --gas-report` measures the hash functions.
contract Sha512Harness {
    function sha512(bytes calldata data) external pure returns (bytes memory) {
        (bytes32 high, bytes32 low) = Sha512.sha512(data);
        return abi.encodePacked(high, low);
    }

    function sha384(bytes calldata data) external pure returns (bytes memory) {
        (bytes32 high, bytes32 low) = Sha512.sha384(data);
        return abi.encodePacked(high, bytes16(low));
    }

    function sha512Range(bytes calldata data, uint256 offset, uint256 length) external pure returns (bytes memory) {
        (bytes32 high, bytes32 low) = Sha512.sha512(data, offset, length);
        return abi.encodePacked(high, low);
    }
}

/// @dev FIPS 180-4 example vectors (NIST CSRC "SHA-512"/"SHA-384" examples) and padding boundaries
/// (lengths 111/112 and 239/240 switch between one and two padding blocks), the latter checked against
/// Python's hashlib when this file was written.
contract Sha512Test is X509Test {
    Sha512Harness private harness;

    function setUp() public {
        harness = new Sha512Harness();
    }

    function _pattern(uint256 n) private pure returns (bytes memory out) {
        out = new bytes(n);
        for (uint256 i; i < n; i++) out[i] = bytes1(uint8(i % 251));
    }

    function test_Fips180Vectors() public view {
        assertEq(
            harness.sha512(""),
            hex"cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
            "sha512('')"
        );
        assertEq(
            harness.sha512("abc"),
            hex"ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
            "sha512(abc)"
        );
        assertEq(
            harness.sha512("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            hex"204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c33596fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445",
            "sha512(448 bits)"
        );
        assertEq(
            harness.sha512(
                "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
            ),
            hex"8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909",
            "sha512(896 bits)"
        );
        assertEq(
            harness.sha384("abc"),
            hex"cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
            "sha384(abc)"
        );
        assertEq(
            harness.sha384(""),
            hex"38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b",
            "sha384('')"
        );
        assertEq(
            harness.sha384(
                "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
            ),
            hex"09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039",
            "sha384(896 bits)"
        );
    }

    function test_PaddingBoundaries() public view {
        assertEq(harness.sha512(_pattern(111)), hex"a1a111449b198d9b1f538bad7f3fc1022b3a5b1a5e90a0bc860de8512746cbc31599e6c834de3a3235327af0b51ff57bf7acf1974a73014d9c3953812edc7c8d", "111");
        assertEq(harness.sha512(_pattern(112)), hex"c5fbd731d19d2ae1180f001be72c2c1aaba1d7b094b3748880e24593b8e117a750e11c1bd867cc2f96dace8c8b74abd2d5c4f236be444e77d30d1916174070b9", "112");
        assertEq(harness.sha512(_pattern(127)), hex"eab89674feaa34e27aebeeff3c0a4d70070bb872d5e9f186cf1dbbdee517b6e35724d629ff025a5b07185e911ada7e3c8acf830aa0e4f71777bd2d44f504f7f0", "127");
        assertEq(harness.sha512(_pattern(128)), hex"1dffd5e3adb71d45d2245939665521ae001a317a03720a45732ba1900ca3b8351fc5c9b4ca513eba6f80bc7b1d1fdad4abd13491cb824d61b08d8c0e1561b3f7", "128");
        assertEq(harness.sha512(_pattern(129)), hex"1d9da57fbbdab09afb3506ab2d223d06109d65c1c8ad197f50138f714bc4c3f2fe5787922639c680acad1c651f955990425954ce2cba0c5cc83f2667d878eb0f", "129");
        assertEq(harness.sha512(_pattern(239)), hex"cb4c7fd522756d5781ad3a4f590a1d862906b960e7720136cb3fb36b563caa1ea5689134291fa79c80ccc2b4092b41df32ebdcb36dbe79db483440228c1622a8", "239");
        assertEq(harness.sha512(_pattern(240)), hex"6c48466c9f6c07e4ab762c696b7eeb35cfe236fca73683e5fab873ac3489b4d2eb3d7afcce7e8165dbbf37aded3b5b0c889c0b7e0f1790a8330d8677429d91a5", "240");
        assertEq(harness.sha512(_pattern(256)), hex"7ff1cd1e9773a4b7ba1f40e642db0d879bd5f6cc151a7d3401a0bc7778b8270c108b530fb195f2383f4cec8cf05778e6af4db56811673371674cec1524488f83", "256");
        assertEq(harness.sha512(_pattern(1000)), hex"5096498d96f50f9a137c4db5b8b0cd38383ad55350fb5a98805fedc31fa1262f1f0cf4d6f12d7ecd8dedd933a4c9126344fe22e937a8ad35fdeae1e876ae698b", "1000");
        assertEq(harness.sha384(_pattern(1000)), hex"7a2f8c7f12344964a13cb9260492b845e56615d6152b9eb9e54b580fc88405e64f31813bfda10de2a642fdf1676c61b4", "sha384 1000");
    }

    /// @dev Hashing a slice equals hashing a copy of it, whatever surrounds it.
    function testFuzz_RangeEqualsCopy(bytes calldata data, uint256 offset, uint256 length) public view {
        offset = offset % (data.length + 1);
        length = length % (data.length - offset + 1);
        assertEq(harness.sha512Range(data, offset, length), harness.sha512(data[offset:offset + length]), "range");
    }

    function test_RevertWhen_RangeOutOfBounds() public {
        vm.expectRevert(abi.encodeWithSelector(Sha512.Sha512__OutOfBounds.selector, 3, 2, 4));
        harness.sha512Range(hex"00010203", 3, 2);
    }

    /// @dev A message of 1,000 bytes (8 blocks), about the size of a CA certificate's tbsCertificate;
    /// the harness call measured 281,249 gas (about 34k per block; forge test --match-contract Sha512Test --gas-report).
    function test_Gas_Sha512_1000Bytes() public view {
        bytes memory data = _pattern(1000);
        uint256 before = gasleft();
        harness.sha512(data);
        assertTrue(before - gasleft() < 320_000, "sha512 of 1000 bytes stays under 320k gas");
    }
}
