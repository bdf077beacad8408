// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {Der} from "./Der.sol";

/**
 * @title CmsSignedAttributes
 * @notice Reads the two attributes a ledger needs from a CMS SignerInfo's signed attributes (RFC 5652
 * section 5.3), DER-encoded as they are signed (a SET OF Attribute, tag 0x31): messageDigest
 * (1.2.840.113549.1.9.4) and signingCertificateV2 (RFC 5035, 1.2.840.113549.1.9.16.2.47; CAdES-BES).
 * Each must occur once with one value. Malformed input ends in a custom error: a bad TLV header (bounds,
 * length, tag) in one of {Der}'s, a misplaced element in `CmsSignedAttributes__Malformed`.
 */
library CmsSignedAttributes {
    /// @notice The element at `offset` is not where, or not of the size, the attribute syntax requires.
    error CmsSignedAttributes__Malformed(uint256 offset);
    /// @notice An attribute the ledger needs is absent.
    error CmsSignedAttributes__MissingAttribute(bytes oid);
    /// @notice An attribute the ledger needs occurs more than once.
    error CmsSignedAttributes__DuplicateAttribute(bytes oid);
    /// @notice The ESSCertIDv2 names a hash algorithm other than SHA-256.
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
        uint256 end = attributes.length;
        (uint256 pos, uint256 setOfEnd) = Der.expect(attributes, 0, end, 0x31);
        Der.requireEnd(setOfEnd, end);
        bool hasDigest;
        bool hasCertificate;
        while (pos < end) {
            (uint256 attrStart, uint256 attrEnd) = Der.expect(attributes, pos, end, 0x30);
            (uint256 oidStart, uint256 oidEnd) = Der.expect(attributes, attrStart, attrEnd, 0x06);
            bytes32 oid = Der.keccakRange(attributes, oidStart, oidEnd);
            (uint256 setStart, uint256 setEnd) = Der.expect(attributes, oidEnd, attrEnd, 0x31);
            if (setEnd != attrEnd) revert CmsSignedAttributes__Malformed(setStart);
            if (oid == _ID_MESSAGE_DIGEST) {
                if (hasDigest) revert CmsSignedAttributes__DuplicateAttribute(OID_MESSAGE_DIGEST);
                hasDigest = true;
                (uint256 valueStart, uint256 valueEnd) = Der.expect(attributes, setStart, attrEnd, 0x04);
                if (valueEnd != attrEnd) revert CmsSignedAttributes__Malformed(valueStart);
                messageDigest = Der.copy(attributes, valueStart, valueEnd);
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
        (uint256 start, uint256 seqEnd) = Der.expect(der, pos, end, 0x30);
        if (seqEnd != end) revert CmsSignedAttributes__Malformed(pos);
        (uint256 certsStart, uint256 certsEnd) = Der.expect(der, start, end, 0x30);
        (uint256 idStart, uint256 idEnd) = Der.expect(der, certsStart, certsEnd, 0x30);
        uint256 p = idStart;
        if (Der.peekTag(der, p, idEnd) == 0x30) {
            (uint256 algStart, uint256 algEnd) = Der.expect(der, p, idEnd, 0x30);
            (uint256 oidStart, uint256 oidEnd) = Der.expect(der, algStart, algEnd, 0x06);
            bytes memory oid = Der.copy(der, oidStart, oidEnd);
            if (keccak256(oid) != _ID_SHA256) revert CmsSignedAttributes__UnsupportedCertHashAlgorithm(oid);
            p = algEnd;
        }
        (uint256 hashStart, uint256 hashEnd) = Der.expect(der, p, idEnd, 0x04);
        if (hashEnd - hashStart != 32) revert CmsSignedAttributes__Malformed(p);
        bytes32 h;
        assembly ("memory-safe") {
            h := mload(add(add(der, 32), hashStart))
        }
        return h;
    }
}
