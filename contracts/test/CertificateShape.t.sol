// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

// Tests cast string literals and values they have bounded themselves.
// forge-lint: disable-start(unsafe-typecast)

import {CertificateShape} from "../src/lib/CertificateShape.sol";
import {Der} from "../src/lib/Der.sol";
import {Test} from "./utils/Test.sol";
import {DerBuilder} from "./utils/DerBuilder.sol";
import {Fixtures, RootFixture} from "./utils/Fixtures.sol";

/// @dev External entry points, so that tests can expect reverts and catch their data.
contract ShapeHarness {
    function parse(bytes memory der) external pure returns (CertificateShape.Fields memory) {
        return CertificateShape.parse(der);
    }

    function read(bytes memory der, uint256 offset, uint256 limit) external pure returns (uint8, uint256, uint256) {
        return Der.read(der, offset, limit);
    }

    function sha256Range(bytes memory der, uint256 start, uint256 end) external view returns (bytes32) {
        return Der.sha256Range(der, start, end);
    }
}

contract CertificateShapeTest is Test {
    using DerBuilder for DerBuilder.Parts;

    ShapeHarness private harness;

    function setUp() public {
        harness = new ShapeHarness();
    }

    // ------------------------------------------------------------------------------ real roots

    function test_parse_realRoots_matchOpenssl() public view {
        RootFixture[] memory roots = Fixtures.allRoots();
        for (uint256 i; i < roots.length; ++i) {
            RootFixture memory root = roots[i];
            CertificateShape.Fields memory fields = harness.parse(root.der);
            vm.assertEq(fields.notBefore, root.notBefore, string.concat(root.name, ": notBefore"));
            vm.assertEq(fields.notAfter, root.notAfter, string.concat(root.name, ": notAfter"));
            bytes32 spkiHash = harness.sha256Range(root.der, fields.spkiStart, fields.spkiEnd);
            vm.assertEq(spkiHash, root.spkiHash, string.concat(root.name, ": SPKI hash"));
        }
    }

    function test_parse_realIntermediate() public view {
        bytes memory der = Fixtures.intermediateDer();
        CertificateShape.Fields memory fields = harness.parse(der);
        vm.assertTrue(fields.spkiStart < fields.spkiEnd && fields.spkiEnd < der.length, "SPKI inside the certificate");
    }

    // --------------------------------------------------------------------------- synthetic shapes

    function test_parse_synthetic_readsUtcAndGeneralizedTime() public view {
        DerBuilder.Parts memory p = DerBuilder.defaults();
        CertificateShape.Fields memory fields = harness.parse(p.build());
        vm.assertEq(fields.notBefore, 1704067200, "2024-01-01T00:00:00Z");
        vm.assertEq(fields.notAfter, 2524608000, "2050-01-01T00:00:00Z");
    }

    function test_parse_timeArithmetic() public view {
        DerBuilder.Parts memory p = DerBuilder.defaults();
        // 1970-01-01T00:00:00Z and a leap day, 2024-02-29T23:59:59Z
        p.validity = DerBuilder.validity(DerBuilder.utcTime("700101000000Z"), DerBuilder.utcTime("240229235959Z"));
        CertificateShape.Fields memory fields = harness.parse(p.build());
        vm.assertEq(fields.notBefore, 0, "epoch");
        vm.assertEq(fields.notAfter, 1709251199, "leap day");
        // UTCTime 49 is 2049; GeneralizedTime 9999-12-31T23:59:59Z is the largest.
        p.validity =
            DerBuilder.validity(DerBuilder.utcTime("491231235959Z"), DerBuilder.generalizedTime("99991231235959Z"));
        fields = harness.parse(p.build());
        vm.assertEq(fields.notBefore, 2524607999, "2049-12-31T23:59:59Z");
        vm.assertEq(fields.notAfter, 253402300799, "9999-12-31T23:59:59Z");
    }

    function test_parse_v1WithoutVersionOrExtensions() public view {
        DerBuilder.Parts memory p = DerBuilder.defaults();
        p.version = "";
        p.tail = "";
        bytes memory der = p.build();
        CertificateShape.Fields memory fields = harness.parse(der);
        // The SPKI is the last TBS element: it ends where the signatureAlgorithm starts.
        vm.assertEq(fields.spkiEnd, der.length - p.signatureAlgorithm.length - p.signatureValue.length, "SPKI end");
        vm.assertEq(fields.spkiEnd - fields.spkiStart, p.spki.length, "SPKI length");
    }

    function test_parse_uniqueIdsAndExtensionsInOrder() public view {
        DerBuilder.Parts memory p = DerBuilder.defaults();
        p.tail = bytes.concat(DerBuilder.tlv(0x81, hex"0001"), DerBuilder.tlv(0x82, hex"0002"), p.tail);
        harness.parse(p.build());
    }

    // ------------------------------------------------------------------------------- refusals

    function test_refuses_empty() public {
        vm.expectRevert(abi.encodeWithSelector(Der.Der__Truncated.selector, 0));
        harness.parse("");
    }

    function test_refuses_outerNotSequence() public {
        bytes memory der = DerBuilder.defaults().build();
        der[0] = 0x31;
        vm.expectRevert(abi.encodeWithSelector(Der.Der__UnexpectedTag.selector, 0, 0x30, 0x31));
        harness.parse(der);
    }

    function test_refuses_trailingBytesAfterCertificate() public {
        bytes memory der = DerBuilder.defaults().build();
        vm.expectRevert(abi.encodeWithSelector(Der.Der__TrailingBytes.selector, der.length));
        harness.parse(bytes.concat(der, hex"00"));
    }

    function test_refuses_extraElementAfterSignature() public {
        DerBuilder.Parts memory p = DerBuilder.defaults();
        bytes memory inner = bytes.concat(p.tbs(), p.signatureAlgorithm, p.signatureValue);
        bytes memory der = DerBuilder.seq(bytes.concat(inner, hex"0500"));
        vm.expectRevert(abi.encodeWithSelector(Der.Der__TrailingBytes.selector, der.length - 2));
        harness.parse(der);
    }

    function test_refuses_indefiniteLength() public {
        vm.expectRevert(abi.encodeWithSelector(Der.Der__InvalidLength.selector, 0));
        harness.parse(hex"3080020101" hex"0000");
    }

    function test_refuses_nonMinimalLengths() public {
        vm.expectRevert(abi.encodeWithSelector(Der.Der__InvalidLength.selector, 0));
        harness.parse(hex"3081050201010500"); // long form for a short length
        vm.expectRevert(abi.encodeWithSelector(Der.Der__InvalidLength.selector, 0));
        harness.parse(bytes.concat(hex"3882", hex"0081", new bytes(0x81))); // leading zero length byte
        vm.expectRevert(abi.encodeWithSelector(Der.Der__InvalidLength.selector, 0));
        harness.parse(
            hex"30850000000001" // five length bytes
            hex"00"
        );
        vm.expectRevert(abi.encodeWithSelector(Der.Der__InvalidLength.selector, 0));
        harness.parse(hex"30ff"); // reserved
    }

    function test_refuses_highTagNumber() public {
        vm.expectRevert(abi.encodeWithSelector(Der.Der__UnsupportedTag.selector, 0));
        harness.parse(hex"3f8101" hex"00");
    }

    function test_refuses_innerElementOverrunningItsParent() public {
        DerBuilder.Parts memory p = DerBuilder.defaults();
        bytes memory der = p.build();
        // The extensions are the last TBS element: one more content byte runs into signatureAlgorithm.
        uint256 at = _find(der, p.tail);
        der[at + 1] = bytes1(uint8(der[at + 1]) + 1);
        vm.expectRevert(abi.encodeWithSelector(Der.Der__Truncated.selector, at));
        harness.parse(der);
    }

    function test_refuses_wrongSerialTag() public {
        DerBuilder.Parts memory p = DerBuilder.defaults();
        p.serial = DerBuilder.tlv(0x04, hex"01");
        bytes memory der = p.build();
        uint256 at = _find(der, p.serial);
        vm.expectRevert(abi.encodeWithSelector(Der.Der__UnexpectedTag.selector, at, 0x02, 0x04));
        harness.parse(der);
    }

    function test_refuses_emptySerial() public {
        DerBuilder.Parts memory p = DerBuilder.defaults();
        p.serial = hex"0200";
        bytes memory der = p.build();
        vm.expectRevert(
            abi.encodeWithSelector(CertificateShape.CertificateShape__EmptyInteger.selector, _find(der, hex"0200"))
        );
        harness.parse(der);
    }

    function test_refuses_versionWithTrailingContent() public {
        DerBuilder.Parts memory p = DerBuilder.defaults();
        p.version = DerBuilder.tlv(0xa0, hex"020102" hex"0500");
        bytes memory der = p.build();
        uint256 at = _find(der, p.version) + 2 + 3;
        vm.expectRevert(abi.encodeWithSelector(Der.Der__TrailingBytes.selector, at));
        harness.parse(der);
    }

    function test_refuses_algorithmWithoutOid() public {
        DerBuilder.Parts memory p = DerBuilder.defaults();
        p.signature = DerBuilder.seq(hex"0500");
        bytes memory der = p.build();
        uint256 at = _find(der, p.signature) + 2;
        vm.expectRevert(abi.encodeWithSelector(Der.Der__UnexpectedTag.selector, at, 0x06, 0x05));
        harness.parse(der);
    }

    function test_refuses_algorithmWithTwoParameters() public {
        DerBuilder.Parts memory p = DerBuilder.defaults();
        p.signature = DerBuilder.seq(hex"06032a0304" hex"0500" hex"0500");
        bytes memory der = p.build();
        uint256 at = _find(der, p.signature) + 2 + 5 + 2;
        vm.expectRevert(abi.encodeWithSelector(Der.Der__TrailingBytes.selector, at));
        harness.parse(der);
    }

    function test_refuses_nameWithNonSetElement() public {
        DerBuilder.Parts memory p = DerBuilder.defaults();
        p.issuer = DerBuilder.seq(hex"3000");
        bytes memory der = p.build();
        uint256 at = _find(der, p.issuer) + 2;
        vm.expectRevert(abi.encodeWithSelector(Der.Der__UnexpectedTag.selector, at, 0x31, 0x30));
        harness.parse(der);
    }

    function test_refuses_invalidTimes() public {
        string[11] memory utc = [
            "241301000000Z", // month 13
            "240001000000Z", // month 0
            "230229000000Z", // 29 February of a common year
            "240431000000Z", // 31 April
            "240100000000Z", // day 0
            "240101240000Z", // hour 24
            "240101006000Z", // minute 60
            "240101000060Z", // second 60
            "2401010000a0Z", // not a digit
            "240101000000+", // no Z
            "691231235959Z" // 1969: before unix time 0
        ];
        for (uint256 i; i < utc.length; ++i) {
            _expectInvalidNotBefore(DerBuilder.utcTime(utc[i]));
        }
        _expectInvalidNotBefore(DerBuilder.utcTime("2401010000Z")); // no seconds
        _expectInvalidNotBefore(DerBuilder.generalizedTime("20240101000000.5Z")); // fraction
        _expectInvalidNotBefore(DerBuilder.generalizedTime("19691231235959Z"));
        _expectInvalidNotBefore(DerBuilder.generalizedTime("2024010100000Z"));
    }

    function test_refuses_timeOfWrongType() public {
        DerBuilder.Parts memory p = DerBuilder.defaults();
        p.validity = DerBuilder.validity(DerBuilder.tlv(0x04, "240101000000Z"), DerBuilder.utcTime("250101000000Z"));
        bytes memory der = p.build();
        uint256 at = DerBuilder.validityOffset(p) + 2;
        vm.expectRevert(abi.encodeWithSelector(Der.Der__UnexpectedTag.selector, at, 0x17, 0x04));
        harness.parse(der);
    }

    function test_refuses_notBeforeAfterNotAfter() public {
        DerBuilder.Parts memory p = DerBuilder.defaults();
        p.validity = DerBuilder.validity(DerBuilder.utcTime("250101000000Z"), DerBuilder.utcTime("240101000000Z"));
        vm.expectRevert(
            abi.encodeWithSelector(CertificateShape.CertificateShape__InvalidValidity.selector, 1735689600, 1704067200)
        );
        harness.parse(p.build());
    }

    function test_refuses_validityWithThreeTimes() public {
        DerBuilder.Parts memory p = DerBuilder.defaults();
        bytes memory t = DerBuilder.utcTime("240101000000Z");
        p.validity = DerBuilder.seq(bytes.concat(t, t, t));
        bytes memory der = p.build();
        uint256 at = DerBuilder.validityOffset(p) + 2 + 2 * t.length;
        vm.expectRevert(abi.encodeWithSelector(Der.Der__TrailingBytes.selector, at));
        harness.parse(der);
    }

    function test_refuses_badBitStrings() public {
        DerBuilder.Parts memory p = DerBuilder.defaults();
        p.signatureValue = hex"0300"; // no unused-bits byte
        bytes memory der = p.build();
        vm.expectRevert(
            abi.encodeWithSelector(CertificateShape.CertificateShape__InvalidBitString.selector, der.length - 2)
        );
        harness.parse(der);

        p.signatureValue = hex"03020800"; // eight unused bits
        der = p.build();
        vm.expectRevert(
            abi.encodeWithSelector(CertificateShape.CertificateShape__InvalidBitString.selector, der.length - 4)
        );
        harness.parse(der);

        p.signatureValue = hex"030103"; // unused bits but no bits
        der = p.build();
        vm.expectRevert(
            abi.encodeWithSelector(CertificateShape.CertificateShape__InvalidBitString.selector, der.length - 3)
        );
        harness.parse(der);
    }

    function test_refuses_spkiWithoutKey() public {
        DerBuilder.Parts memory p = DerBuilder.defaults();
        p.spki = DerBuilder.seq(DerBuilder.seq(hex"06072a8648ce3d0201"));
        bytes memory der = p.build();
        uint256 at = _find(der, p.spki) + p.spki.length; // where the BIT STRING should be: the SPKI's end
        vm.expectRevert(abi.encodeWithSelector(Der.Der__Truncated.selector, at));
        harness.parse(der);
    }

    function test_refuses_tbsElementsOutOfOrderOrUnknown() public {
        DerBuilder.Parts memory p = DerBuilder.defaults();
        bytes memory extensions = p.tail;
        bytes[3] memory tails = [
            bytes.concat(extensions, DerBuilder.tlv(0x81, hex"00")), // issuerUniqueID after extensions
            bytes.concat(extensions, extensions), // extensions twice
            DerBuilder.tlv(0x04, hex"00") // not a TBS element
        ];
        for (uint256 i; i < tails.length; ++i) {
            p.tail = tails[i];
            bytes memory der = p.build();
            uint256 at = _find(der, p.spki) + p.spki.length + (i < 2 ? extensions.length : 0);
            vm.expectRevert(abi.encodeWithSelector(CertificateShape.CertificateShape__UnexpectedElement.selector, at));
            harness.parse(der);
        }
    }

    function test_refuses_malformedAttribute() public {
        DerBuilder.Parts memory p = DerBuilder.defaults();
        // An AttributeTypeAndValue without its OID, then one with a second value.
        p.issuer = DerBuilder.seq(DerBuilder.tlv(0x31, DerBuilder.seq(hex"0c0141")));
        bytes memory der = p.build();
        uint256 at = _find(der, p.issuer) + 6;
        vm.expectRevert(abi.encodeWithSelector(Der.Der__UnexpectedTag.selector, at, 0x06, 0x0c));
        harness.parse(der);

        p.issuer = DerBuilder.seq(DerBuilder.tlv(0x31, DerBuilder.seq(hex"0603550403" hex"0c0141" hex"0c0142")));
        der = p.build();
        at = _find(der, p.issuer) + 6 + 5 + 3;
        vm.expectRevert(abi.encodeWithSelector(Der.Der__TrailingBytes.selector, at));
        harness.parse(der);
    }

    function test_refuses_malformedExtensions() public {
        DerBuilder.Parts memory p = DerBuilder.defaults();
        bytes memory oid = DerBuilder.tlv(0x06, hex"551d13");
        // extnValue must be an OCTET STRING.
        bytes memory extension = DerBuilder.seq(bytes.concat(oid, hex"0101ff", hex"0500"));
        p.tail = DerBuilder.tlv(0xa3, DerBuilder.seq(extension));
        bytes memory der = p.build();
        uint256 at = _find(der, extension) + 2 + oid.length + 3;
        vm.expectRevert(abi.encodeWithSelector(Der.Der__UnexpectedTag.selector, at, 0x04, 0x05));
        harness.parse(der);

        // Nothing may follow extnValue.
        extension = DerBuilder.seq(bytes.concat(oid, hex"0400", hex"0500"));
        p.tail = DerBuilder.tlv(0xa3, DerBuilder.seq(extension));
        der = p.build();
        at = _find(der, extension) + 2 + oid.length + 2;
        vm.expectRevert(abi.encodeWithSelector(Der.Der__TrailingBytes.selector, at));
        harness.parse(der);

        // [3] holds exactly one SEQUENCE OF Extension.
        bytes memory list = DerBuilder.seq(DerBuilder.seq(bytes.concat(oid, hex"0400")));
        p.tail = DerBuilder.tlv(0xa3, bytes.concat(list, list));
        der = p.build();
        at = _find(der, p.tail) + 2 + list.length;
        vm.expectRevert(abi.encodeWithSelector(Der.Der__TrailingBytes.selector, at));
        harness.parse(der);
    }

    function test_read_refusesLimitBeyondInput() public {
        vm.expectRevert(abi.encodeWithSelector(Der.Der__Truncated.selector, 0));
        harness.read(hex"0500", 0, 3);
    }

    function test_sha256Range_refusesBadRange() public {
        vm.expectRevert(abi.encodeWithSelector(Der.Der__Truncated.selector, 2));
        harness.sha256Range(hex"0102", 2, 1);
        vm.expectRevert(abi.encodeWithSelector(Der.Der__Truncated.selector, 0));
        harness.sha256Range(hex"0102", 0, 3);
    }

    function test_sha256Range_matchesSha256() public view {
        bytes memory data = hex"00616263ff";
        vm.assertEq(harness.sha256Range(data, 1, 4), sha256("abc"), "sha256(abc)");
        vm.assertEq(harness.sha256Range(data, 2, 2), sha256(""), "sha256 of nothing");
    }

    // ----------------------------------------------------------------------------------- fuzz

    /// Any proper prefix of a real root: its outer length overruns the input.
    function testFuzz_refuses_truncated(uint256 rootIndex, uint256 cut) public {
        RootFixture memory root = Fixtures.allRoots()[bound(rootIndex, 0, 4)];
        bytes memory der = root.der;
        uint256 length = bound(cut, 0, der.length - 1);
        assembly ("memory-safe") {
            mstore(der, length)
        }
        vm.expectRevert(abi.encodeWithSelector(Der.Der__Truncated.selector, 0));
        harness.parse(der);
    }

    function testFuzz_refuses_trailingBytes(uint256 rootIndex, bytes calldata extra) public {
        vm.assume(extra.length > 0);
        RootFixture memory root = Fixtures.allRoots()[bound(rootIndex, 0, 4)];
        vm.expectRevert(abi.encodeWithSelector(Der.Der__TrailingBytes.selector, root.der.length));
        harness.parse(bytes.concat(root.der, extra));
    }

    /// A mutated length byte (or any byte) either still gives a certificate or a custom error, never a panic.
    function testFuzz_mutatedBytes_customErrorOrValid(uint256 rootIndex, uint256 position, uint8 value, uint256 second)
        public
        view
    {
        RootFixture memory root = Fixtures.allRoots()[bound(rootIndex, 0, 4)];
        bytes memory der = root.der;
        // Half the runs hit the first 64 bytes, where the outer, TBS and early headers are.
        uint256 at = position % 2 == 0 ? bound(position, 0, 63) : bound(position, 0, der.length - 1);
        vm.assume(uint8(der[at]) != value);
        der[at] = bytes1(value);
        if (second % 3 == 0) der[bound(second, 0, der.length - 1)] = bytes1(uint8(second >> 8));
        _assertCustomErrorOrValid(der);
    }

    /// A mutated length octet of any TLV of a real root gives a custom error (or, rarely, another shape).
    function testFuzz_mutatedLengthOctet_customErrorOrValid(uint256 rootIndex, uint256 which, uint8 value) public view {
        bytes memory der = Fixtures.allRoots()[bound(rootIndex, 0, 4)].der;
        uint256[] memory lengthOffsets = _lengthOffsets(der);
        uint256 at = lengthOffsets[bound(which, 0, lengthOffsets.length - 1)];
        vm.assume(uint8(der[at]) != value);
        der[at] = bytes1(value);
        _assertCustomErrorOrValid(der);
    }

    function testFuzz_randomInput_customErrorOrValid(bytes calldata der) public view {
        _assertCustomErrorOrValid(der);
    }

    function testFuzz_read_neverPanics(bytes calldata der, uint256 offset, uint256 limit) public view {
        offset = bound(offset, 0, der.length + 2);
        limit = bound(limit, 0, der.length + 2);
        try harness.read(der, offset, limit) returns (uint8, uint256 start, uint256 end) {
            vm.assertTrue(offset < start && start <= end && end <= limit && limit <= der.length, "bounds held");
        } catch (bytes memory reason) {
            _assertCustomError(reason);
        }
    }

    // -------------------------------------------------------------------------------- helpers

    /// @dev The offset of the first length octet of every TLV, walking into constructed ones (tag bit 6).
    function _lengthOffsets(bytes memory der) private view returns (uint256[] memory offsets) {
        offsets = new uint256[](der.length);
        uint256 count;
        uint256[] memory ends = new uint256[](32); // a stack of the enclosing elements' ends
        uint256 depth = 1;
        ends[0] = der.length;
        uint256 cursor;
        while (depth > 0) {
            if (cursor >= ends[depth - 1]) {
                --depth;
                continue;
            }
            (uint8 tag, uint256 start, uint256 end) = harness.read(der, cursor, ends[depth - 1]);
            offsets[count++] = cursor + 1;
            if (tag & 0x20 != 0 && start < end) {
                ends[depth++] = end;
                cursor = start;
            } else {
                cursor = end;
            }
        }
        assembly ("memory-safe") {
            mstore(offsets, count)
        }
    }

    function _assertCustomErrorOrValid(bytes memory der) private view {
        try harness.parse(der) returns (CertificateShape.Fields memory fields) {
            vm.assertTrue(fields.spkiStart < fields.spkiEnd && fields.spkiEnd <= der.length, "SPKI inside");
            vm.assertLe(fields.notBefore, fields.notAfter, "validity ordered");
        } catch (bytes memory reason) {
            _assertCustomError(reason);
        }
    }

    function _assertCustomError(bytes memory reason) private pure {
        vm.assertTrue(reason.length >= 4, "reverted with data");
        bytes4 selector = bytes4(reason);
        bool known = selector == Der.Der__Truncated.selector || selector == Der.Der__InvalidLength.selector
            || selector == Der.Der__UnsupportedTag.selector || selector == Der.Der__UnexpectedTag.selector
            || selector == Der.Der__TrailingBytes.selector
            || selector == CertificateShape.CertificateShape__EmptyInteger.selector
            || selector == CertificateShape.CertificateShape__InvalidBitString.selector
            || selector == CertificateShape.CertificateShape__InvalidTime.selector
            || selector == CertificateShape.CertificateShape__InvalidValidity.selector
            || selector == CertificateShape.CertificateShape__UnexpectedElement.selector;
        vm.assertTrue(known, "a Der__ or CertificateShape__ error, not a panic");
    }

    function _expectInvalidNotBefore(bytes memory notBefore) private {
        DerBuilder.Parts memory p = DerBuilder.defaults();
        p.validity = DerBuilder.validity(notBefore, DerBuilder.utcTime("250101000000Z"));
        uint256 at = DerBuilder.validityOffset(p) + 2;
        vm.expectRevert(abi.encodeWithSelector(CertificateShape.CertificateShape__InvalidTime.selector, at));
        harness.parse(p.build());
    }

    /// @dev The first offset of `needle` in `haystack` (the test fails if absent).
    function _find(bytes memory haystack, bytes memory needle) private pure returns (uint256) {
        for (uint256 i; i + needle.length <= haystack.length; ++i) {
            bool same = true;
            for (uint256 j; j < needle.length && same; ++j) {
                same = haystack[i + j] == needle[j];
            }
            if (same) return i;
        }
        revert("needle not found");
    }
}
