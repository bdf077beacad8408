// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

/**
 * @title CmsSignedAttributes
 * @notice Reads the two attributes a ledger needs from a CMS SignerInfo's signed attributes (RFC 5652
 * section 5.3), DER-encoded as they are signed (a SET OF Attribute, tag 0x31): messageDigest
 * (1.2.840.113549.1.9.4) and signingCertificateV2 (RFC 5035, 1.2.840.113549.1.9.16.2.47; CAdES-BES).
 * Each must occur once with one value. Malformed input ends in a custom error.
 */
library CmsSignedAttributes {
    error CmsSignedAttributes__Malformed(uint256 offset);
    error CmsSignedAttributes__MissingAttribute(bytes oid);
    error CmsSignedAttributes__DuplicateAttribute(bytes oid);
    error CmsSignedAttributes__UnsupportedCertHashAlgorithm(bytes oid);

    bytes internal constant OID_MESSAGE_DIGEST = hex"2a864886f70d010904";
    bytes internal constant OID_SIGNING_CERTIFICATE_V2 = hex"2a864886f70d010910022f";
    bytes private constant _OID_SHA256 = hex"608648016503040201";
    // keccak256 of the OIDs above, folded at compile time (a keccak of a `bytes constant` is not).
    bytes32 private constant _ID_MESSAGE_DIGEST = keccak256(hex"2a864886f70d010904");
    bytes32 private constant _ID_SIGNING_CERTIFICATE_V2 = keccak256(hex"2a864886f70d010910022f");
    bytes32 private constant _ID_SHA256 = keccak256(hex"608648016503040201");

    /**
     * @notice The messageDigest value and the first ESSCertIDv2's certHash (SHA-256, the default hash
     * algorithm or named explicitly) of `attributes`.
     */
    function read(bytes memory attributes) internal pure returns (bytes memory messageDigest, bytes32 certHash) {
        (uint8 tag, uint256 start, uint256 length) = _header(attributes, 0, attributes.length);
        if (tag != 0x31 || start + length != attributes.length) revert CmsSignedAttributes__Malformed(0);
        bool hasDigest;
        bool hasCertificate;
        uint256 pos = start;
        uint256 end = attributes.length;
        while (pos < end) {
            (uint256 attrStart, uint256 attrLength) = _expect(attributes, pos, end, 0x30);
            uint256 attrEnd = attrStart + attrLength;
            (uint256 oidStart, uint256 oidLength) = _expect(attributes, attrStart, attrEnd, 0x06);
            bytes32 oid = _hashRange(attributes, oidStart, oidLength);
            (uint256 setStart, uint256 setLength) = _expect(attributes, oidStart + oidLength, attrEnd, 0x31);
            if (setStart + setLength != attrEnd) revert CmsSignedAttributes__Malformed(setStart);
            if (oid == _ID_MESSAGE_DIGEST) {
                if (hasDigest) revert CmsSignedAttributes__DuplicateAttribute(OID_MESSAGE_DIGEST);
                hasDigest = true;
                (uint256 valueStart, uint256 valueLength) = _expect(attributes, setStart, attrEnd, 0x04);
                if (valueStart + valueLength != attrEnd) revert CmsSignedAttributes__Malformed(valueStart);
                messageDigest = _slice(attributes, valueStart, valueLength);
            } else if (oid == _ID_SIGNING_CERTIFICATE_V2) {
                if (hasCertificate) revert CmsSignedAttributes__DuplicateAttribute(OID_SIGNING_CERTIFICATE_V2);
                hasCertificate = true;
                certHash = _readSigningCertificateV2(attributes, setStart, attrEnd);
            }
            pos = attrEnd;
        }
        if (!hasDigest) revert CmsSignedAttributes__MissingAttribute(OID_MESSAGE_DIGEST);
        if (!hasCertificate) revert CmsSignedAttributes__MissingAttribute(OID_SIGNING_CERTIFICATE_V2);
    }

    /// @dev SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies OPTIONAL }
    /// ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash OCTET STRING, issuerSerial OPTIONAL }
    function _readSigningCertificateV2(bytes memory der, uint256 pos, uint256 end) private pure returns (bytes32) {
        (uint256 start, uint256 length) = _expect(der, pos, end, 0x30);
        if (start + length != end) revert CmsSignedAttributes__Malformed(pos);
        (uint256 certsStart, uint256 certsLength) = _expect(der, start, end, 0x30);
        (uint256 idStart, uint256 idLength) = _expect(der, certsStart, certsStart + certsLength, 0x30);
        uint256 idEnd = idStart + idLength;
        uint256 p = idStart;
        (uint8 tag,,) = _header(der, p, idEnd);
        if (tag == 0x30) {
            (uint256 algStart, uint256 algLength) = _expect(der, p, idEnd, 0x30);
            (uint256 oidStart, uint256 oidLength) = _expect(der, algStart, algStart + algLength, 0x06);
            bytes memory oid = _slice(der, oidStart, oidLength);
            if (keccak256(oid) != _ID_SHA256) revert CmsSignedAttributes__UnsupportedCertHashAlgorithm(oid);
            p = algStart + algLength;
        }
        (uint256 hashStart, uint256 hashLength) = _expect(der, p, idEnd, 0x04);
        if (hashLength != 32) revert CmsSignedAttributes__Malformed(p);
        bytes32 h;
        assembly ("memory-safe") {
            h := mload(add(add(der, 32), hashStart))
        }
        return h;
    }

    function _header(bytes memory der, uint256 pos, uint256 end)
        private
        pure
        returns (uint8 tag, uint256 start, uint256 length)
    {
        if (end > der.length || pos >= end || end - pos < 2) revert CmsSignedAttributes__Malformed(pos);
        tag = uint8(der[pos]);
        uint8 first = uint8(der[pos + 1]);
        start = pos + 2;
        if (first < 0x80) {
            length = first;
        } else {
            uint256 n = first & 0x7f;
            if (n == 0 || n > 3 || end - start < n || der[start] == 0) revert CmsSignedAttributes__Malformed(pos);
            for (uint256 i; i < n; i++) length = (length << 8) | uint8(der[start + i]);
            if (length < 0x80) revert CmsSignedAttributes__Malformed(pos);
            start += n;
        }
        if (length > end - start) revert CmsSignedAttributes__Malformed(pos);
    }

    function _expect(bytes memory der, uint256 pos, uint256 end, uint8 expected)
        private
        pure
        returns (uint256 start, uint256 length)
    {
        uint8 tag;
        (tag, start, length) = _header(der, pos, end);
        if (tag != expected) revert CmsSignedAttributes__Malformed(pos);
    }

    function _slice(bytes memory der, uint256 start, uint256 length) private pure returns (bytes memory out) {
        out = new bytes(length);
        assembly ("memory-safe") {
            mcopy(add(out, 32), add(add(der, 32), start), length)
        }
    }

    function _hashRange(bytes memory der, uint256 start, uint256 length) private pure returns (bytes32 h) {
        assembly ("memory-safe") {
            h := keccak256(add(add(der, 32), start), length)
        }
    }
}
