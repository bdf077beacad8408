// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {Der} from "../src/lib/Der.sol";
import {X509Test} from "./utils/x509/X509Test.sol";

/// @dev Exposes Der's header reads on memory and on calldata.
contract DerHarness {
    function read(bytes calldata der, uint256 offset, uint256 limit) external pure returns (uint8, uint256, uint256) {
        bytes memory copy = der;
        return Der.read(copy, offset, limit);
    }

    function readCalldata(bytes calldata der, uint256 offset, uint256 limit)
        external
        pure
        returns (uint8, uint256, uint256)
    {
        return Der.readCalldata(der, offset, limit);
    }
}

/// @dev The one DER header reader: its rules, and the same answer (or error) in memory and calldata.
contract DerTest is X509Test {
    DerHarness private harness;

    function setUp() public {
        harness = new DerHarness();
    }

    function test_ReadsShortAndLongForms() public view {
        (uint8 tag, uint256 start, uint256 end) = harness.read(hex"0403aabbcc", 0, 5);
        assertEq(tag, 0x04, "tag");
        assertEq(start, 2, "short form: content start");
        assertEq(end, 5, "short form: end");
        bytes memory long = new bytes(3 + 0x80);
        long[0] = 0x30;
        long[1] = 0x81;
        long[2] = 0x80;
        (tag, start, end) = harness.readCalldata(long, 0, long.length);
        assertEq(tag, 0x30, "tag");
        assertEq(start, 3, "long form: content start");
        assertEq(end, long.length, "long form: end");
    }

    function test_RefusesWhatIsNotDer() public {
        vm.expectRevert(abi.encodeWithSelector(Der.Der__InvalidLength.selector, 0));
        harness.read(hex"3080000000", 0, 5); // indefinite
        vm.expectRevert(abi.encodeWithSelector(Der.Der__InvalidLength.selector, 0));
        harness.read(hex"30810100", 0, 4); // long form for a short length
        vm.expectRevert(abi.encodeWithSelector(Der.Der__InvalidLength.selector, 0));
        harness.read(hex"3085000000000100", 0, 8); // five length bytes
        vm.expectRevert(abi.encodeWithSelector(Der.Der__UnsupportedTag.selector, 0));
        harness.read(hex"1f0100", 0, 3); // high tag number
        vm.expectRevert(abi.encodeWithSelector(Der.Der__Truncated.selector, 0));
        harness.read(hex"0403aabb", 0, 4); // content past the limit
        vm.expectRevert(abi.encodeWithSelector(Der.Der__Truncated.selector, 1));
        harness.read(hex"0400", 1, 2); // no room for a header
        vm.expectRevert(abi.encodeWithSelector(Der.Der__Truncated.selector, 0));
        harness.read(hex"0400", 0, 3); // a limit past the input
    }

    /// @dev Far offsets and limits revert with an error, never by running out of gas on a memory load.
    function testFuzz_FarOffsetsRevertCleanly(uint256 offset, uint256 limit) public {
        bytes memory der = hex"0400";
        vm.assume(offset > 0 || limit != 2);
        vm.expectRevert(abi.encodeWithSelector(Der.Der__Truncated.selector, offset));
        harness.read{gas: 100_000}(der, offset, limit);
    }

    function testFuzz_MemoryAndCalldataAgree(bytes calldata der, uint256 offset, uint256 limit) public view {
        offset = offset % (der.length + 3);
        limit = limit % (der.length + 3);
        (bool okMemory, bytes memory memoryResult) =
            address(harness).staticcall(abi.encodeCall(DerHarness.read, (der, offset, limit)));
        (bool okCalldata, bytes memory calldataResult) =
            address(harness).staticcall(abi.encodeCall(DerHarness.readCalldata, (der, offset, limit)));
        assertTrue(okMemory == okCalldata, "same outcome");
        assertEq(memoryResult, calldataResult, "same header, or the same error");
        if (!okMemory) assertTrue(memoryResult.length >= 4, "a custom error, not a panic");
    }
}
