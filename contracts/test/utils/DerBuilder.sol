// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

/// @notice Builds synthetic DER certificates for tests, one part at a time, so a test can break one part.
library DerBuilder {
    struct Parts {
        bytes version;
        bytes serial;
        bytes signature;
        bytes issuer;
        bytes validity;
        bytes subject;
        bytes spki;
        bytes tail; // issuerUniqueID, subjectUniqueID, extensions
        bytes signatureAlgorithm;
        bytes signatureValue;
    }

    /// @notice A TLV with a DER length (short or long form).
    function tlv(uint8 tag, bytes memory content) internal pure returns (bytes memory) {
        return abi.encodePacked(tag, length(content.length), content);
    }

    // forge-lint: disable-next-item(unsafe-typecast) each cast is guarded by the comparison before it
    function length(uint256 n) internal pure returns (bytes memory) {
        if (n < 0x80) return abi.encodePacked(uint8(n));
        if (n < 0x100) return abi.encodePacked(uint8(0x81), uint8(n));
        if (n < 0x10000) return abi.encodePacked(uint8(0x82), uint16(n));
        require(n < 1 << 24, "DerBuilder: content too long");
        return abi.encodePacked(uint8(0x83), uint24(n));
    }

    function seq(bytes memory content) internal pure returns (bytes memory) {
        return tlv(0x30, content);
    }

    function utcTime(string memory text) internal pure returns (bytes memory) {
        return tlv(0x17, bytes(text));
    }

    function generalizedTime(string memory text) internal pure returns (bytes memory) {
        return tlv(0x18, bytes(text));
    }

    function validity(bytes memory notBefore, bytes memory notAfter) internal pure returns (bytes memory) {
        return seq(bytes.concat(notBefore, notAfter));
    }

    /// @notice Name with one RDN: commonName = `cn`.
    function name(string memory cn) internal pure returns (bytes memory) {
        bytes memory atv = seq(bytes.concat(tlv(0x06, hex"550403"), tlv(0x0c, bytes(cn))));
        return seq(tlv(0x31, atv));
    }

    /// @notice A v3 certificate with a P-256 key, an ecdsa-with-SHA256 signature and one extension.
    function defaults() internal pure returns (Parts memory p) {
        bytes memory algorithm = seq(tlv(0x06, hex"2a8648ce3d040302")); // ecdsa-with-SHA256
        p.version = tlv(0xa0, tlv(0x02, hex"02"));
        p.serial = tlv(0x02, hex"0102030405");
        p.signature = algorithm;
        p.issuer = name("Test Root");
        p.validity = validity(utcTime("240101000000Z"), generalizedTime("20500101000000Z"));
        p.subject = name("Test Root");
        bytes memory point = new bytes(65);
        point[0] = 0x04;
        p.spki = seq(
            bytes.concat(
                seq(bytes.concat(tlv(0x06, hex"2a8648ce3d0201"), tlv(0x06, hex"2a8648ce3d030107"))),
                tlv(0x03, bytes.concat(hex"00", point))
            )
        );
        // basicConstraints, critical, cA TRUE
        p.tail = tlv(0xa3, seq(seq(bytes.concat(tlv(0x06, hex"551d13"), hex"0101ff", tlv(0x04, hex"30030101ff")))));
        p.signatureAlgorithm = algorithm;
        p.signatureValue = tlv(0x03, bytes.concat(hex"00", seq(bytes.concat(tlv(0x02, hex"01"), tlv(0x02, hex"01")))));
    }

    function tbs(Parts memory p) internal pure returns (bytes memory) {
        return seq(bytes.concat(p.version, p.serial, p.signature, p.issuer, p.validity, p.subject, p.spki, p.tail));
    }

    function build(Parts memory p) internal pure returns (bytes memory) {
        return seq(bytes.concat(tbs(p), p.signatureAlgorithm, p.signatureValue));
    }

    /// @notice Offset of the validity TLV inside `build(p)` (the outer and TBS headers included).
    function validityOffset(Parts memory p) internal pure returns (uint256) {
        bytes memory tbsContent =
            bytes.concat(p.version, p.serial, p.signature, p.issuer, p.validity, p.subject, p.spki, p.tail);
        uint256 outerHeader = 1 + length(tbs(p).length + p.signatureAlgorithm.length + p.signatureValue.length).length;
        uint256 tbsHeader = 1 + length(tbsContent.length).length;
        return outerHeader + tbsHeader + p.version.length + p.serial.length + p.signature.length + p.issuer.length;
    }
}
