// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {Der} from "./Der.sol";

/**
 * @title CertificateShape
 * @notice Checks that bytes are a well-formed DER X.509 certificate (RFC 5280 section 4.1) and returns
 * the few fields a trust store records: where the SubjectPublicKeyInfo lies and the validity period.
 * @dev A shape check, not a parser: names and extensions are walked down to their attribute and
 * extension TLVs, algorithm parameters and values are skipped as whole TLVs, nothing is interpreted and
 * no signature is verified. Malformed input reverts with a `Der__*` error or one
 * of the errors below.
 */
library CertificateShape {
    uint8 private constant BOOLEAN = 0x01;
    uint8 private constant INTEGER = 0x02;
    uint8 private constant BIT_STRING = 0x03;
    uint8 private constant OCTET_STRING = 0x04;
    uint8 private constant OBJECT_IDENTIFIER = 0x06;
    uint8 private constant UTC_TIME = 0x17;
    uint8 private constant GENERALIZED_TIME = 0x18;
    uint8 private constant SEQUENCE = 0x30;
    uint8 private constant SET = 0x31;
    uint8 private constant VERSION = 0xa0; // [0] EXPLICIT
    uint8 private constant ISSUER_UNIQUE_ID = 0x81; // [1] IMPLICIT
    uint8 private constant SUBJECT_UNIQUE_ID = 0x82; // [2] IMPLICIT
    uint8 private constant EXTENSIONS = 0xa3; // [3] EXPLICIT

    /// @notice The INTEGER at `offset` is empty.
    error CertificateShape__EmptyInteger(uint256 offset);
    /// @notice The BIT STRING at `offset` is empty or declares more than seven unused bits.
    error CertificateShape__InvalidBitString(uint256 offset);
    /// @notice The time at `offset` is not a DER UTCTime or GeneralizedTime ("...Z", whole seconds) from 1970 on.
    error CertificateShape__InvalidTime(uint256 offset);
    /// @notice notBefore lies after notAfter.
    error CertificateShape__InvalidValidity(uint64 notBefore, uint64 notAfter);
    /// @notice The optional TBSCertificate element at `offset` is unknown or out of order.
    error CertificateShape__UnexpectedElement(uint256 offset);

    /// @notice What a trust store records of a certificate.
    struct Fields {
        uint256 spkiStart; // offset of the SubjectPublicKeyInfo TLV (its header included)
        uint256 spkiEnd;
        uint64 notBefore; // unix seconds
        uint64 notAfter;
    }

    /**
     * @notice Checks the whole certificate and returns its recorded fields.
     * @dev Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING },
     * spanning exactly `der`.
     */
    function parse(bytes memory der) internal pure returns (Fields memory fields) {
        uint256 length = der.length;
        (uint256 start, uint256 end) = Der.expect(der, 0, length, SEQUENCE);
        Der.requireEnd(end, length);

        uint256 offset;
        (fields, offset) = _tbsCertificate(der, start, end);
        offset = _algorithmIdentifier(der, offset, end);
        offset = _bitString(der, offset, end);
        Der.requireEnd(offset, end);
    }

    /// @dev TBSCertificate ::= SEQUENCE { [0] version OPTIONAL, serialNumber, signature, issuer,
    /// validity, subject, subjectPublicKeyInfo, [1] [2] [3] OPTIONAL }
    function _tbsCertificate(bytes memory der, uint256 offset, uint256 limit)
        private
        pure
        returns (Fields memory fields, uint256 next)
    {
        (uint256 start, uint256 end) = Der.expect(der, offset, limit, SEQUENCE);
        next = end;

        uint256 cursor = start;
        (uint8 tag,,) = Der.read(der, cursor, end);
        if (tag == VERSION) {
            (uint256 versionStart, uint256 versionEnd) = Der.expect(der, cursor, end, VERSION);
            Der.requireEnd(_integer(der, versionStart, versionEnd), versionEnd);
            cursor = versionEnd;
        }
        cursor = _integer(der, cursor, end); // serialNumber
        cursor = _algorithmIdentifier(der, cursor, end); // signature
        cursor = _name(der, cursor, end); // issuer
        (fields.notBefore, fields.notAfter, cursor) = _validity(der, cursor, end);
        cursor = _name(der, cursor, end); // subject
        fields.spkiStart = cursor;
        cursor = _subjectPublicKeyInfo(der, cursor, end);
        fields.spkiEnd = cursor;

        // issuerUniqueID, subjectUniqueID, extensions: each optional, in this order, nothing else.
        uint8 previous;
        while (cursor < end) {
            uint256 elementEnd;
            (tag,, elementEnd) = Der.read(der, cursor, end);
            bool known = tag == ISSUER_UNIQUE_ID || tag == SUBJECT_UNIQUE_ID || tag == EXTENSIONS;
            if (!known || tag <= previous) revert CertificateShape__UnexpectedElement(cursor);
            if (tag == EXTENSIONS) _extensions(der, cursor, end);
            previous = tag;
            cursor = elementEnd;
        }
    }

    /// @dev INTEGER with at least one content byte.
    function _integer(bytes memory der, uint256 offset, uint256 limit) private pure returns (uint256 end) {
        uint256 start;
        (start, end) = Der.expect(der, offset, limit, INTEGER);
        if (start == end) revert CertificateShape__EmptyInteger(offset);
    }

    /// @dev AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }
    function _algorithmIdentifier(bytes memory der, uint256 offset, uint256 limit) private pure returns (uint256 end) {
        uint256 start;
        (start, end) = Der.expect(der, offset, limit, SEQUENCE);
        (, uint256 cursor) = Der.expect(der, start, end, OBJECT_IDENTIFIER);
        if (cursor < end) cursor = Der.skipElement(der, cursor, end);
        Der.requireEnd(cursor, end);
    }

    /**
     * @dev Name ::= SEQUENCE OF RelativeDistinguishedName; RelativeDistinguishedName ::= SET OF
     * AttributeTypeAndValue ::= SEQUENCE { type OBJECT IDENTIFIER, value ANY }. Values are not interpreted.
     */
    function _name(bytes memory der, uint256 offset, uint256 limit) private pure returns (uint256 end) {
        uint256 cursor;
        (cursor, end) = Der.expect(der, offset, limit, SEQUENCE);
        while (cursor < end) {
            (uint256 setCursor, uint256 setEnd) = Der.expect(der, cursor, end, SET);
            while (setCursor < setEnd) {
                (uint256 atvCursor, uint256 atvEnd) = Der.expect(der, setCursor, setEnd, SEQUENCE);
                (, atvCursor) = Der.expect(der, atvCursor, atvEnd, OBJECT_IDENTIFIER);
                Der.requireEnd(Der.skipElement(der, atvCursor, atvEnd), atvEnd);
                setCursor = atvEnd;
            }
            cursor = setEnd;
        }
    }

    /**
     * @dev [3] EXPLICIT Extensions ::= SEQUENCE OF Extension ::= SEQUENCE { extnID OBJECT IDENTIFIER,
     * critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }. The values are not interpreted.
     */
    function _extensions(bytes memory der, uint256 offset, uint256 limit) private pure {
        (uint256 start, uint256 end) = Der.expect(der, offset, limit, EXTENSIONS);
        (uint256 cursor, uint256 listEnd) = Der.expect(der, start, end, SEQUENCE);
        Der.requireEnd(listEnd, end);
        while (cursor < listEnd) {
            (uint256 extensionCursor, uint256 extensionEnd) = Der.expect(der, cursor, listEnd, SEQUENCE);
            (, extensionCursor) = Der.expect(der, extensionCursor, extensionEnd, OBJECT_IDENTIFIER);
            (uint8 tag,,) = Der.read(der, extensionCursor, extensionEnd);
            if (tag == BOOLEAN) (, extensionCursor) = Der.expect(der, extensionCursor, extensionEnd, BOOLEAN);
            (, extensionCursor) = Der.expect(der, extensionCursor, extensionEnd, OCTET_STRING);
            Der.requireEnd(extensionCursor, extensionEnd);
            cursor = extensionEnd;
        }
    }

    /// @dev Validity ::= SEQUENCE { notBefore Time, notAfter Time }
    function _validity(bytes memory der, uint256 offset, uint256 limit)
        private
        pure
        returns (uint64 notBefore, uint64 notAfter, uint256 end)
    {
        uint256 cursor;
        (cursor, end) = Der.expect(der, offset, limit, SEQUENCE);
        (notBefore, cursor) = _time(der, cursor, end);
        (notAfter, cursor) = _time(der, cursor, end);
        Der.requireEnd(cursor, end);
        if (notBefore > notAfter) revert CertificateShape__InvalidValidity(notBefore, notAfter);
    }

    /// @dev SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
    function _subjectPublicKeyInfo(bytes memory der, uint256 offset, uint256 limit) private pure returns (uint256 end) {
        uint256 cursor;
        (cursor, end) = Der.expect(der, offset, limit, SEQUENCE);
        cursor = _algorithmIdentifier(der, cursor, end);
        cursor = _bitString(der, cursor, end);
        Der.requireEnd(cursor, end);
    }

    /// @dev BIT STRING: an unused-bits byte (0..7, and 0 when there are no bits) then the bits.
    function _bitString(bytes memory der, uint256 offset, uint256 limit) private pure returns (uint256 end) {
        uint256 start;
        (start, end) = Der.expect(der, offset, limit, BIT_STRING);
        if (start == end) revert CertificateShape__InvalidBitString(offset);
        uint8 unused = uint8(der[start]);
        if (unused > 7 || (unused != 0 && end - start == 1)) revert CertificateShape__InvalidBitString(offset);
    }

    /**
     * @dev Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }, in the DER forms RFC 5280
     * requires: YYMMDDHHMMSSZ (years 1950-2049) or YYYYMMDDHHMMSSZ. Times before 1970 are refused since
     * they do not fit unix seconds as a uint64.
     */
    function _time(bytes memory der, uint256 offset, uint256 limit) private pure returns (uint64 time, uint256 end) {
        (uint8 tag, uint256 start, uint256 timeEnd) = Der.read(der, offset, limit);
        end = timeEnd;
        uint256 year;
        uint256 cursor;
        if (tag == UTC_TIME) {
            if (end - start != 13) revert CertificateShape__InvalidTime(offset);
            year = _twoDigits(der, start, offset);
            year += year < 50 ? 2000 : 1900;
            cursor = start + 2;
        } else if (tag == GENERALIZED_TIME) {
            if (end - start != 15) revert CertificateShape__InvalidTime(offset);
            year = _twoDigits(der, start, offset) * 100 + _twoDigits(der, start + 2, offset);
            cursor = start + 4;
        } else {
            revert Der.Der__UnexpectedTag(offset, UTC_TIME, tag);
        }
        uint256 month = _twoDigits(der, cursor, offset);
        uint256 day = _twoDigits(der, cursor + 2, offset);
        uint256 hour = _twoDigits(der, cursor + 4, offset);
        uint256 minute = _twoDigits(der, cursor + 6, offset);
        uint256 second = _twoDigits(der, cursor + 8, offset);
        if (
            der[end - 1] != "Z" || year < 1970 || month < 1 || month > 12 || day < 1 || day > _daysInMonth(year, month)
                || hour > 23 || minute > 59 || second > 59
        ) revert CertificateShape__InvalidTime(offset);
        // forge-lint: disable-next-line(unsafe-typecast) year <= 9999 gives less than 2^38 seconds
        time = uint64(_daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second);
    }

    /// @dev Two ASCII digits at `at` (the caller has checked they lie inside the element).
    function _twoDigits(bytes memory der, uint256 at, uint256 offset) private pure returns (uint256) {
        uint8 tens = uint8(der[at]);
        uint8 units = uint8(der[at + 1]);
        if (tens < 0x30 || tens > 0x39 || units < 0x30 || units > 0x39) revert CertificateShape__InvalidTime(offset);
        return uint256(tens - 0x30) * 10 + (units - 0x30);
    }

    function _daysInMonth(uint256 year, uint256 month) private pure returns (uint256) {
        if (month == 2) {
            bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            return leap ? 29 : 28;
        }
        return (month == 4 || month == 6 || month == 9 || month == 11) ? 30 : 31;
    }

    /// @dev Days since 1970-01-01 of a proleptic Gregorian date from 1970 on (H. Hinnant's days_from_civil).
    function _daysFromCivil(uint256 year, uint256 month, uint256 day) private pure returns (uint256) {
        if (month <= 2) year -= 1;
        uint256 era = year / 400;
        uint256 yearOfEra = year - era * 400;
        uint256 dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        uint256 dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097 + dayOfEra - 719468;
    }
}
