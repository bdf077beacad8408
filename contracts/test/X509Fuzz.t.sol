// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {Der} from "../src/lib/Der.sol";
import {X509} from "../src/lib/X509.sol";
import {X509Test} from "./utils/x509/X509Test.sol";
import {X509Harness} from "./utils/x509/X509Harness.sol";

/// @dev Malformed input ends in one of X509's custom errors: never a panic, an empty revert or an
/// out-of-gas from a runaway read.
contract X509FuzzTest is X509Test {
    X509Harness private harness;
    bytes private real;

    function setUp() public {
        harness = new X509Harness();
        real = fixture("icp-brasil/ac-rfb-v4.der");
    }

    function _assertParsesOrFailsCleanly(bytes memory der) private view {
        try harness.parse{gas: 5_000_000}(der) returns (X509.Certificate memory cert) {
            // Whatever parsed stays inside the input.
            assertTrue(cert.tbsOffset + cert.tbsLength <= der.length, "tbs inside the input");
        } catch (bytes memory reason) {
            assertTrue(reason.length >= 4, "a custom error, not an empty revert");
            bytes4 selector = bytes4(reason);
            assertTrue(
                _isDerError(selector) || _isX509Error(selector), "a Der or X509 custom error (not a Panic)"
            );
        }
    }

    /// Every error X509 declares: a mutation may turn any field into one the library refuses by name
    /// (an even RSA exponent, an unknown curve...); what must never come out is a Panic or an empty revert.
    function _isX509Error(bytes4 selector) private pure returns (bool) {
        return selector == X509.X509__MalformedDer.selector || selector == X509.X509__InvalidTime.selector
            || selector == X509.X509__UnsupportedVersion.selector || selector == X509.X509__AlgorithmMismatch.selector
            || selector == X509.X509__DuplicateExtension.selector
            || selector == X509.X509__UnsupportedSignatureAlgorithm.selector
            || selector == X509.X509__UnsupportedKeyAlgorithm.selector || selector == X509.X509__UnsupportedCurve.selector
            || selector == X509.X509__UnsupportedExplicitCurve.selector
            || selector == X509.X509__KeyDoesNotFitAlgorithm.selector || selector == X509.X509__InvalidRsaExponent.selector;
    }

    function _isDerError(bytes4 selector) private pure returns (bool) {
        return selector == Der.Der__Truncated.selector || selector == Der.Der__InvalidLength.selector
            || selector == Der.Der__UnsupportedTag.selector || selector == Der.Der__UnexpectedTag.selector
            || selector == Der.Der__TrailingBytes.selector;
    }

    function testFuzz_RandomBytes(bytes calldata data) public view {
        _assertParsesOrFailsCleanly(data);
    }

    /// @dev Random bytes behind a plausible SEQUENCE header reach deeper into the reader.
    function testFuzz_RandomBytesInSequence(bytes calldata data) public view {
        vm.assume(data.length < 0x10000);
        _assertParsesOrFailsCleanly(abi.encodePacked(bytes2(0x3082), uint16(data.length), data));
    }

    function testFuzz_MutatedRealCertificate(uint256 position, uint8 value) public view {
        bytes memory der = real;
        position = position % der.length;
        vm.assume(uint8(der[position]) != value);
        der[position] = bytes1(value);
        _assertParsesOrFailsCleanly(der);
    }

    function testFuzz_TwoMutationsOfRealCertificate(uint256 a, uint256 b, uint8 va, uint8 vb) public view {
        bytes memory der = real;
        der[a % der.length] = bytes1(va);
        der[b % 64] = bytes1(vb); // the headers near the start: lengths and tags
        _assertParsesOrFailsCleanly(der);
    }

    function testFuzz_TruncatedRealCertificate(uint256 length) public view {
        bytes memory der = real;
        length = length % der.length;
        assembly ("memory-safe") {
            mstore(der, length)
        }
        vm.assume(length != 0);
        try harness.parse(der) {
            revert AssertionFailed("a truncated certificate must not parse");
        } catch (bytes memory reason) {
            bytes4 selector = bytes4(reason);
            assertTrue(
                _isDerError(selector) || selector == X509.X509__MalformedDer.selector,
                "truncation is a DER error"
            );
        }
    }

    /// @dev A mutated signature or tbsCertificate never verifies (it may still parse).
    function testFuzz_MutatedSignatureDoesNotVerify(uint256 position, uint8 flip) public view {
        vm.assume(flip != 0);
        bytes memory der = real;
        // the signatureValue: the last 512 bytes
        position = der.length - 1 - (position % 512);
        der[position] = bytes1(uint8(der[position]) ^ flip);
        assertTrue(!harness.verifyLink(der, fixture("icp-brasil/raiz-v5.der")), "a changed signature fails");
    }

    function test_RevertWhen_IndefiniteLength() public {
        vm.expectRevert(abi.encodeWithSelector(Der.Der__InvalidLength.selector, 0));
        harness.parse(hex"3080000000");
    }

    function test_RevertWhen_NonMinimalLength() public {
        vm.expectRevert(abi.encodeWithSelector(Der.Der__InvalidLength.selector, 0));
        harness.parse(hex"30810100");
    }

    function test_RevertWhen_TrailingData() public {
        bytes memory der = bytes.concat(real, hex"00");
        vm.expectRevert(abi.encodeWithSelector(Der.Der__TrailingBytes.selector, real.length));
        harness.parse(der);
    }

    function test_RevertWhen_InnerAndOuterAlgorithmsDiffer() public {
        bytes memory der = real;
        // the outer signatureAlgorithm OID's last byte (sha512WithRSAEncryption 0x0d -> sha384 0x0c):
        // 512 signature bytes + 5-byte BIT STRING header + NULL (2) + OID last byte
        uint256 position = der.length - 512 - 5 - 2 - 1;
        assertEq(uint8(der[position]), 0x0d, "found the OID byte");
        der[position] = 0x0c;
        vm.expectRevert(X509.X509__AlgorithmMismatch.selector);
        harness.parse(der);
    }
}
