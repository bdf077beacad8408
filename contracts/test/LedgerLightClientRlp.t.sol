// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Test} from "./utils/Test.sol";
import {ivm} from "./utils/interop/InteropVm.sol";
import {RlpWriter} from "./utils/interop/RlpWriter.sol";
import {LightClientHarness} from "./utils/interop/LightClientHarness.sol";
import {Rlp} from "../src/lib/Rlp.sol";

/// @notice The strict RLP reader: one accepted encoding per value.
contract LedgerLightClientRlpTest is Test {
    LightClientHarness internal harness;
    /// @dev The calldata offset of the `bytes` argument's first byte in readItem(bytes) / readUint(bytes).
    uint256 internal constant AT = 4 + 32 + 32;

    function setUp() public {
        harness = new LightClientHarness();
    }

    function test_canonicalForms() public view {
        (bool isList, bytes memory payload,) = harness.readItem(hex"7f");
        vm.assertFalse(isList, "a byte below 0x80 is itself");
        vm.assertEq(payload, hex"7f", "itself");
        (, payload,) = harness.readItem(hex"8180");
        vm.assertEq(payload, hex"80", "0x80 needs its prefix");
        (, payload,) = harness.readItem(hex"80");
        vm.assertEq(payload.length, 0, "empty string");
        uint256 count;
        (isList,, count) = harness.readItem(hex"c3010203");
        vm.assertTrue(isList, "list");
        vm.assertEq(count, 3, "three items");
        vm.assertEq(harness.readUint(hex"80"), 0, "zero");
        vm.assertEq(harness.readUint(hex"820400"), 1024, "1024");
    }

    function test_singleByteWithPrefix_isNonCanonical() public {
        ivm.expectRevert(abi.encodeWithSelector(Rlp.Rlp__NonCanonical.selector, AT));
        harness.readItem(hex"8100");
        ivm.expectRevert(abi.encodeWithSelector(Rlp.Rlp__NonCanonical.selector, AT));
        harness.readItem(hex"817f");
    }

    function test_longFormForAShortString_isNonCanonical() public {
        ivm.expectRevert(abi.encodeWithSelector(Rlp.Rlp__NonCanonical.selector, AT));
        harness.readItem(hex"b803616263");
    }

    function test_longFormForAShortList_isNonCanonical() public {
        ivm.expectRevert(abi.encodeWithSelector(Rlp.Rlp__NonCanonical.selector, AT));
        harness.readItem(hex"f803010203");
    }

    function test_leadingZeroInALength_isNonCanonical() public {
        bytes memory data = bytes.concat(hex"b90038", new bytes(56));
        ivm.expectRevert(abi.encodeWithSelector(Rlp.Rlp__NonCanonical.selector, AT));
        harness.readItem(data);
    }

    function test_integerWithALeadingZero_isNonCanonical() public {
        ivm.expectRevert(abi.encodeWithSelector(Rlp.Rlp__NonCanonical.selector, AT));
        harness.readUint(hex"820001");
        // Zero is the empty string, not the byte 0x00.
        ivm.expectRevert(abi.encodeWithSelector(Rlp.Rlp__NonCanonical.selector, AT));
        harness.readUint(hex"00");
    }

    function test_integerLongerThanAWord_isRefused() public {
        ivm.expectRevert(abi.encodeWithSelector(Rlp.Rlp__InvalidLength.selector, AT));
        harness.readUint(bytes.concat(hex"a1", hex"01", new bytes(32)));
    }

    function test_truncatedAndTrailing() public {
        ivm.expectRevert(abi.encodeWithSelector(Rlp.Rlp__Truncated.selector, AT));
        harness.readItem(hex"83aabb");
        ivm.expectRevert(abi.encodeWithSelector(Rlp.Rlp__TrailingBytes.selector, AT + 3));
        harness.readItem(hex"82aabbcc");
        // A list whose item overruns the list's own length.
        ivm.expectRevert(abi.encodeWithSelector(Rlp.Rlp__Truncated.selector, AT + 1));
        harness.readItem(hex"c282aa");
        ivm.expectRevert(abi.encodeWithSelector(Rlp.Rlp__Truncated.selector, AT));
        harness.readItem(hex"");
    }

    /// @notice What decodes as a byte string re-encodes to exactly the same bytes: one encoding per value.
    function testFuzz_decodedStringsAreCanonical(bytes calldata data) public view {
        try harness.readItem(data) returns (bool isList, bytes memory payload, uint256) {
            if (!isList) vm.assertEq(RlpWriter.bytes_(payload), data, "a second encoding was accepted");
        } catch {}
    }

    /// @notice Every string's canonical encoding decodes to it.
    function testFuzz_canonicalStringsDecode(bytes calldata payload) public view {
        (bool isList, bytes memory decoded,) = harness.readItem(RlpWriter.bytes_(payload));
        vm.assertFalse(isList, "string");
        vm.assertEq(decoded, payload, "round trip");
    }

    /// @notice Every canonical integer decodes to itself.
    function testFuzz_uints(uint256 value) public view {
        vm.assertEq(harness.readUint(RlpWriter.uint_(value)), value, "round trip");
    }
}
