// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {Vm} from "./Vm.sol";
import {X509} from "../../../src/lib/X509.sol";

/// @dev A tiny assertion base for the on-chain X.509 tests: forge treats a revert as a failure.
abstract contract X509Test {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    bool public IS_TEST = true;

    error AssertionFailed(string message);

    function assertTrue(bool condition, string memory message) internal pure {
        if (!condition) revert AssertionFailed(message);
    }

    function assertEq(uint256 a, uint256 b, string memory message) internal pure {
        if (a != b) revert AssertionFailed(string.concat(message, ": ", _str(a), " != ", _str(b)));
    }

    function assertEq(bytes32 a, bytes32 b, string memory message) internal pure {
        if (a != b) revert AssertionFailed(message);
    }

    function assertEq(address a, address b, string memory message) internal pure {
        if (a != b) revert AssertionFailed(message);
    }

    function assertEq(bytes memory a, bytes memory b, string memory message) internal pure {
        if (keccak256(a) != keccak256(b)) revert AssertionFailed(message);
    }

    function fixture(string memory name) internal view returns (bytes memory) {
        return vm.readFileBinary(string.concat("test/fixtures/x509/", name));
    }

    // ------------------------------------------------------------------ PKI helpers

    uint256 internal constant P256_N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551;
    /// Test keys of test/fixtures/x509/pki (the committed *.key.pem), as P-256 scalars.
    uint256 internal constant ECHOLDER_KEY = 0xed69ad5295ecfe5787c4184321dd640119a1525df6575517f70b632820d9918d;
    uint256 internal constant ECHOLDER2_KEY = 0xaa1a373dad5ed2e1893b5334e1f91f3ae1156eb5d3e36cacd8cedf1a2f74c149;
    uint256 internal constant ECHOLDER3_KEY = 0x901185170c2a1fd6f835a6b6af2adc51715d4ae0b11552a8dea7b840e85e308e;
    uint256 internal constant ECEKU_DOCSIGN_KEY = 0x418290ae7266da07430e22a9bc6eb6a2967bd1b076c710243ac61de9f19b99fe;
    uint256 internal constant ECEKU_ICP_KEY = 0x3ca61175548baf453f04e3ffbce3c7c34edb2045523b6bdd9e27d6c4f483e571;

    /// @dev CMS signed attributes (SET OF, tag 0x31) with messageDigest = SHA-256(`digest`) and a
    /// signingCertificateV2 naming the certificate whose DER hashes to `certificateDerHash`.
    function cmsAttributes(bytes32 digest, bytes32 certificateDerHash) internal pure returns (bytes memory) {
        return bytes.concat(
            hex"316a302f06092a864886f70d01090431220420",
            sha256(abi.encodePacked(digest)),
            hex"3037060b2a864886f70d010910022f31283026302430220420",
            certificateDerHash
        );
    }

    /// @dev A CMS signature by a P-256 test key over `digest` for the certificate `der`.
    function cmsSignP256(uint256 privateKey, bytes32 digest, bytes memory der)
        internal
        pure
        returns (bytes memory attributes, bytes memory signature)
    {
        attributes = cmsAttributes(digest, sha256(der));
        (bytes32 r, bytes32 s) = vm.signP256(privateKey, sha256(attributes));
        signature = encodeEcdsa(uint256(r), uint256(s));
    }

    function encodeEcdsa(uint256 r, uint256 s) internal pure returns (bytes memory) {
        bytes memory rDer = derInteger(r);
        bytes memory sDer = derInteger(s);
        return bytes.concat(bytes1(0x30), bytes1(uint8(rDer.length + sDer.length)), rDer, sDer);
    }

    /// @dev A minimal DER INTEGER of a non-negative value.
    function derInteger(uint256 v) internal pure returns (bytes memory out) {
        bytes memory raw = abi.encodePacked(v);
        uint256 start;
        while (start < 31 && raw[start] == 0) start++;
        bool pad = uint8(raw[start]) >= 0x80;
        out = new bytes(2 + (pad ? 1 : 0) + 32 - start);
        out[0] = 0x02;
        out[1] = bytes1(uint8(out.length - 2));
        for (uint256 i = start; i < 32; i++) out[2 + (pad ? 1 : 0) + i - start] = raw[i];
    }

    /// @dev r and s of a DER Ecdsa-Sig-Value (short-form lengths).
    function decodeEcdsa(bytes memory sig) internal pure returns (uint256 r, uint256 s) {
        uint256 rLength = uint8(sig[3]);
        uint256 sLength = uint8(sig[5 + rLength]);
        for (uint256 i; i < rLength; i++) r = (r << 8) | uint8(sig[4 + i]);
        for (uint256 i; i < sLength; i++) s = (s << 8) | uint8(sig[6 + rLength + i]);
    }

    /**
     * @dev Another valid encoding of an ECDSA-signed certificate, made without any key: the same
     * tbsCertificate and signature algorithm, the signature value replaced by `signature`.
     */
    function reencode(bytes memory der, bytes memory signature) internal pure returns (bytes memory) {
        X509.Certificate memory cert = X509.parse(der);
        bytes memory tbs = new bytes(cert.tbsLength);
        for (uint256 i; i < tbs.length; i++) tbs[i] = der[cert.tbsOffset + i];
        bytes memory bitString = bytes.concat(bytes1(0x03), bytes1(uint8(signature.length + 1)), bytes1(0x00), signature);
        bytes memory body = bytes.concat(tbs, hex"300a06082a8648ce3d040302", bitString);
        require(body.length > 0xff && body.length <= 0xffff, "two-byte length");
        return bytes.concat(hex"3082", bytes2(uint16(body.length)), body);
    }

    /// @dev The (r, n - s) twin of an ECDSA-signed certificate.
    function twinOf(bytes memory der) internal pure returns (bytes memory) {
        (uint256 r, uint256 s) = decodeEcdsa(X509.parse(der).signature);
        return reencode(der, encodeEcdsa(r, P256_N - s));
    }

    /// @dev The twin with a non-minimal r (a superfluous leading zero byte), when r < 2^255.
    function nonMinimalTwinOf(bytes memory der) internal pure returns (bytes memory) {
        (uint256 r, uint256 s) = decodeEcdsa(X509.parse(der).signature);
        bytes memory rDer = derInteger(r);
        require(uint8(rDer[2]) < 0x80 && rDer.length == 34, "r without a sign byte");
        bytes memory padded = bytes.concat(hex"022100", _tail(rDer, 2));
        bytes memory sDer = derInteger(s);
        return reencode(der, bytes.concat(bytes1(0x30), bytes1(uint8(padded.length + sDer.length)), padded, sDer));
    }

    function _tail(bytes memory data, uint256 from) private pure returns (bytes memory out) {
        out = new bytes(data.length - from);
        for (uint256 i; i < out.length; i++) out[i] = data[from + i];
    }

    function _str(uint256 value) private pure returns (string memory) {
        if (value == 0) return "0";
        uint256 digits;
        for (uint256 v = value; v != 0; v /= 10) digits++;
        bytes memory out = new bytes(digits);
        for (; value != 0; value /= 10) out[--digits] = bytes1(uint8(48 + (value % 10)));
        return string(out);
    }
}
