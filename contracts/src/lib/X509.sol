// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {P256} from "@openzeppelin/contracts/utils/cryptography/P256.sol";
import {Der} from "./Der.sol";
import {RsaPkcs1} from "./RsaPkcs1.sol";
import {Sha512} from "./Sha512.sol";
import {Sm2} from "./Sm2.sol";
import {Sm3} from "./Sm3.sol";

/**
 * @title X509
 * @notice Reads a DER X.509 v1-v3 certificate (RFC 5280) and verifies its signature with an issuer's
 * public key: RSA PKCS#1 v1.5 with SHA-256/384/512, ECDSA P-256 with SHA-256, SM2 with SM3 (GB/T 32918.2,
 * the signer ID of a certificate signature being the default one, and ZA computed from the issuer's key).
 * EC keys name their curve (P-256 or SM2) or carry explicit parameters exactly equal to one of them.
 *
 * Every read is bounds-checked against the enclosing element: malformed input ends in a custom error,
 * never an out-of-bounds read or a panic. TLV headers (bounds, lengths, tags) are read by {Der} and
 * refused with its errors (`Der__Truncated`, `Der__InvalidLength`, `Der__UnexpectedTag`, ...); what
 * lies inside them with this library's (`X509__MalformedDer`, `X509__InvalidTime`, ...). Strict DER in
 * everything it reads: definite, minimal lengths; single-byte tags; minimal INTEGERs (serial number,
 * RSA modulus and exponent, pathLenConstraint, ECDSA r and s); DEFAULT values not encoded (critical
 * FALSE, cA FALSE); nothing after the last element. An ECDSA signature still has two valid encodings,
 * (r, s) and (r, n - s): callers name a certificate by `tbsHash`, never by the SHA-256 of its whole
 * DER, and a key by `spkiHash`.
 *
 * RSA keys: the public exponent must be odd, at least 3 and at most 256 bits (e = 1 would make every
 * signature valid), for every key read (certificate and `readPublicKey`).
 *
 * Names: `issuer` and `subject` are returned as their raw DER. Path checks compare them byte for byte,
 * the shortcut RFC 5280 section 7.1 allows ("binary comparison"): it is exact for certificates issued by
 * one CA software from the same encoding of the name, as real paths are. It does not perform the RFC 4518
 * string preparation (case folding, whitespace, PrintableString vs UTF8String), so two names that
 * differ only in encoding are treated as different, which can refuse a valid path but never accepts a
 * wrong one.
 */
library X509 {
    enum SignatureAlgorithm {
        Unsupported,
        RsaSha256,
        RsaSha384,
        RsaSha512,
        EcdsaSha256,
        Sm2Sm3 // 1.2.156.10197.1.501 (GB/T 33560) or 1.2.156.10197.1.301.1 (GM/T 0010 sm2sign)
    }

    enum KeyAlgorithm {
        Unsupported,
        Rsa,
        Ec
    }

    /// @notice RFC 5280 KeyUsage bits, as `1 << bit`.
    uint16 internal constant KU_DIGITAL_SIGNATURE = 1 << 0;
    uint16 internal constant KU_NON_REPUDIATION = 1 << 1;
    uint16 internal constant KU_KEY_ENCIPHERMENT = 1 << 2;
    uint16 internal constant KU_KEY_CERT_SIGN = 1 << 5;
    uint16 internal constant KU_CRL_SIGN = 1 << 6;

    /// @notice extendedKeyUsage purposes this library recognises, as bits of `Certificate.extKeyUsage`.
    uint8 internal constant EKU_ANY = 1 << 0; // anyExtendedKeyUsage 2.5.29.37.0
    uint8 internal constant EKU_CLIENT_AUTH = 1 << 1; // id-kp-clientAuth 1.3.6.1.5.5.7.3.2
    uint8 internal constant EKU_EMAIL_PROTECTION = 1 << 2; // id-kp-emailProtection 1.3.6.1.5.5.7.3.4
    uint8 internal constant EKU_DOCUMENT_SIGNING = 1 << 3; // id-kp-documentSigning 1.3.6.1.5.5.7.3.36
    uint8 internal constant EKU_MS_DOCUMENT_SIGNING = 1 << 4; // Microsoft document signing 1.3.6.1.4.1.311.10.3.12

    struct PublicKey {
        KeyAlgorithm algorithm;
        bytes algorithmOid; // content octets of the SPKI algorithm OID
        bytes modulus; // RSA: unsigned big-endian, no leading zero
        bytes exponent; // RSA
        bytes curveOid; // EC: content octets of the namedCurve OID (of the named curve explicit parameters equal)
        bytes point; // EC: the encoded point (0x04 || x || y for an uncompressed point)
    }

    struct Certificate {
        uint256 tbsOffset; // the tbsCertificate element (header included) within the DER
        uint256 tbsLength;
        uint8 version; // 0 = v1, 2 = v3
        SignatureAlgorithm signatureAlgorithm;
        bytes signatureAlgorithmOid; // content octets
        bytes signature; // the signatureValue BIT STRING's bits
        bytes issuer; // DER Name
        bytes subject; // DER Name
        uint256 issuerOffset; // where `issuer`, `subject` and the SubjectPublicKeyInfo lie within the DER
        uint256 subjectOffset;
        uint256 spkiOffset;
        uint256 spkiLength;
        uint64 notBefore; // unix seconds
        uint64 notAfter;
        bytes32 spkiHash; // SHA-256 of the DER SubjectPublicKeyInfo
        PublicKey publicKey;
        bool hasBasicConstraints;
        bool isCa;
        bool hasPathLenConstraint;
        uint256 pathLenConstraint;
        bool hasKeyUsage;
        uint16 keyUsage; // `1 << bit` for each RFC 5280 KeyUsage bit set
        bool hasUnknownCriticalExtension; // a critical extension other than basicConstraints, keyUsage, extKeyUsage
        bytes32 tbsHash; // SHA-256 of the tbsCertificate: the certificate's identity
        bool hasExtKeyUsage;
        uint8 extKeyUsage; // EKU_* bits of the recognised purposes it lists (others are ignored)
    }

    /// @notice The content of the element at `offset` is not strict DER for its type (an empty OID, a
    /// non-minimal INTEGER, a BOOLEAN other than 0x00/0xff, an encoded DEFAULT, ...). Headers: {Der}'s errors.
    error X509__MalformedDer(uint256 offset);
    /// @notice The Time at `offset` is not as RFC 5280 section 4.1.2.5 profiles it, or not a real date.
    error X509__InvalidTime(uint256 offset);
    /// @notice A version other than v1-v3, or extensions in a certificate that is not v3.
    error X509__UnsupportedVersion(uint256 version);
    /// @notice The tbsCertificate's signature algorithm differs from the outer signatureAlgorithm.
    error X509__AlgorithmMismatch();
    /// @notice An extension this library reads occurs twice.
    error X509__DuplicateExtension(bytes oid);
    /// @notice A signature algorithm other than RSA PKCS#1 v1.5 SHA-256/384/512, ECDSA P-256 SHA-256 or SM2-with-SM3.
    error X509__UnsupportedSignatureAlgorithm(bytes oid);
    /// @notice A key algorithm other than rsaEncryption or id-ecPublicKey.
    error X509__UnsupportedKeyAlgorithm(bytes oid);
    /// @notice An EC key on a curve other than P-256 (ECDSA) or SM2 (SM2 signatures).
    error X509__UnsupportedCurve(bytes oid);
    /// @notice An EC key with explicit curve parameters (at `offset`) that are not exactly P-256 or SM2.
    error X509__UnsupportedExplicitCurve(uint256 offset);
    /// @notice The key's algorithm does not fit the signature algorithm.
    error X509__KeyDoesNotFitAlgorithm(bytes signatureAlgorithmOid, bytes keyAlgorithmOid);
    /// @notice An RSA public exponent that is even, below 3 or over 256 bits.
    error X509__InvalidRsaExponent(bytes exponent);

    uint8 private constant _BOOLEAN = 0x01;
    uint8 private constant _INTEGER = 0x02;
    uint8 private constant _BIT_STRING = 0x03;
    uint8 private constant _OCTET_STRING = 0x04;
    uint8 private constant _OID = 0x06;
    uint8 private constant _UTC_TIME = 0x17;
    uint8 private constant _GENERALIZED_TIME = 0x18;
    uint8 private constant _SEQUENCE = 0x30;

    bytes32 private constant _OID_RSA_SHA256 = keccak256(hex"2a864886f70d01010b");
    bytes32 private constant _OID_RSA_SHA384 = keccak256(hex"2a864886f70d01010c");
    bytes32 private constant _OID_RSA_SHA512 = keccak256(hex"2a864886f70d01010d");
    bytes32 private constant _OID_ECDSA_SHA256 = keccak256(hex"2a8648ce3d040302");
    bytes32 private constant _OID_RSA_ENCRYPTION = keccak256(hex"2a864886f70d010101");
    bytes32 private constant _OID_EC_PUBLIC_KEY = keccak256(hex"2a8648ce3d0201");
    bytes32 private constant _OID_P256 = keccak256(hex"2a8648ce3d030107");
    bytes32 private constant _OID_SM2_CURVE = keccak256(hex"2a811ccf5501822d"); // 1.2.156.10197.1.301
    bytes32 private constant _OID_SM2_SM3 = keccak256(hex"2a811ccf55018375"); // 1.2.156.10197.1.501
    bytes32 private constant _OID_SM2_SIGN = keccak256(hex"2a811ccf5501822d01"); // 1.2.156.10197.1.301.1
    bytes32 private constant _OID_PRIME_FIELD = keccak256(hex"2a8648ce3d0101"); // 1.2.840.10045.1.1
    /// @notice Content octets of the named curve OIDs an EC key is read as.
    bytes internal constant OID_P256 = hex"2a8648ce3d030107";
    bytes internal constant OID_SM2_CURVE = hex"2a811ccf5501822d";

    /// @dev P-256 (FIPS 186-4 / SEC 2) parameters other than n, for explicit parameters.
    uint256 private constant _P256_P = 0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF;
    uint256 private constant _P256_B = 0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B;
    uint256 private constant _P256_GX = 0x6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296;
    uint256 private constant _P256_GY = 0x4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5;
    bytes32 private constant _OID_BASIC_CONSTRAINTS = keccak256(hex"551d13");
    bytes32 private constant _OID_KEY_USAGE = keccak256(hex"551d0f");
    bytes32 private constant _OID_EXT_KEY_USAGE = keccak256(hex"551d25");
    bytes32 private constant _OID_EKU_ANY = keccak256(hex"551d2500");
    bytes32 private constant _OID_KP_CLIENT_AUTH = keccak256(hex"2b06010505070302");
    bytes32 private constant _OID_KP_EMAIL_PROTECTION = keccak256(hex"2b06010505070304");
    bytes32 private constant _OID_KP_DOCUMENT_SIGNING = keccak256(hex"2b06010505070324");
    bytes32 private constant _OID_MS_DOCUMENT_SIGNING = keccak256(hex"2b0601040182370a030c");

    /// @dev P-256 group order n and n / 2.
    uint256 private constant _P256_N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551;
    uint256 private constant _P256_HALF_N = 0x7FFFFFFF800000007FFFFFFFFFFFFFFFDE737D56D38BCF4279DCE5617E3192A8;

    // ------------------------------------------------------------------ parsing

    /// @notice Reads a DER certificate. Reverts with a custom error on malformed input.
    function parse(bytes memory der) internal pure returns (Certificate memory cert) {
        (uint256 start, uint256 end) = Der.expect(der, 0, der.length, _SEQUENCE);
        Der.requireEnd(end, der.length);

        // tbsCertificate
        uint256 pos = start;
        (uint256 tbsStart, uint256 tbsEnd) = Der.expect(der, pos, end, _SEQUENCE);
        cert.tbsOffset = pos;
        cert.tbsLength = tbsEnd - pos;
        cert.tbsHash = sha256(Der.copy(der, pos, tbsEnd));
        pos = tbsEnd;

        // signatureAlgorithm, then signatureValue
        (uint256 algStart, uint256 outerAlgorithmEnd) = Der.expect(der, pos, end, _SEQUENCE);
        uint256 outerAlgorithm = pos;
        (cert.signatureAlgorithmOid,) = _readOid(der, algStart, outerAlgorithmEnd);
        cert.signatureAlgorithm = _signatureAlgorithm(cert.signatureAlgorithmOid);
        pos = outerAlgorithmEnd;
        (uint256 sigStart, uint256 sigLength) = _readBitString(der, pos, end);
        cert.signature = Der.copy(der, sigStart, sigStart + sigLength);
        Der.requireEnd(sigStart + sigLength, end);

        _parseTbs(der, tbsStart, tbsEnd, outerAlgorithm, outerAlgorithmEnd, cert);
    }

    function _parseTbs(
        bytes memory der,
        uint256 pos,
        uint256 end,
        uint256 outerAlgorithm,
        uint256 outerAlgorithmEnd,
        Certificate memory cert
    ) private pure {
        uint256 start;
        uint256 next;
        // version [0] EXPLICIT INTEGER DEFAULT v1
        if (Der.peekTag(der, pos, end) == 0xa0) {
            (start, next) = Der.expect(der, pos, end, 0xa0);
            (uint256 vStart, uint256 vEnd) = Der.expect(der, start, next, _INTEGER);
            if (vEnd - vStart != 1 || vEnd != next) revert X509__MalformedDer(start);
            uint8 version = uint8(der[vStart]);
            if (version > 2) revert X509__UnsupportedVersion(version);
            cert.version = version;
            pos = next;
        }
        // serialNumber
        (start, next) = Der.expect(der, pos, end, _INTEGER);
        _requireMinimalInteger(der, pos, start, next - start);
        pos = next;
        // signature: must equal the outer signatureAlgorithm (RFC 5280 section 4.1.1.2)
        (, next) = Der.expect(der, pos, end, _SEQUENCE);
        if (
            next - pos != outerAlgorithmEnd - outerAlgorithm
                || Der.keccakRange(der, pos, next) != Der.keccakRange(der, outerAlgorithm, outerAlgorithmEnd)
        ) revert X509__AlgorithmMismatch();
        pos = next;
        // issuer
        (, next) = Der.expect(der, pos, end, _SEQUENCE);
        cert.issuerOffset = pos;
        cert.issuer = Der.copy(der, pos, next);
        pos = next;
        // validity
        uint256 validityEnd;
        (start, validityEnd) = Der.expect(der, pos, end, _SEQUENCE);
        (cert.notBefore, next) = _readTime(der, start, validityEnd);
        (cert.notAfter, next) = _readTime(der, next, validityEnd);
        Der.requireEnd(next, validityEnd);
        pos = validityEnd;
        // subject
        (, next) = Der.expect(der, pos, end, _SEQUENCE);
        cert.subjectOffset = pos;
        cert.subject = Der.copy(der, pos, next);
        pos = next;
        // subjectPublicKeyInfo
        (start, next) = Der.expect(der, pos, end, _SEQUENCE);
        cert.spkiOffset = pos;
        cert.spkiLength = next - pos;
        cert.spkiHash = sha256(Der.copy(der, pos, next));
        cert.publicKey = _readPublicKey(der, start, next);
        pos = next;
        // issuerUniqueID [1], subjectUniqueID [2]: skipped
        if (pos < end && Der.peekTag(der, pos, end) == 0x81) pos = Der.skipElement(der, pos, end);
        if (pos < end && Der.peekTag(der, pos, end) == 0x82) pos = Der.skipElement(der, pos, end);
        // extensions [3] EXPLICIT
        if (pos < end) {
            if (cert.version != 2) revert X509__UnsupportedVersion(cert.version);
            (start, next) = Der.expect(der, pos, end, 0xa3);
            Der.requireEnd(next, end);
            _readExtensions(der, start, end, cert);
        }
    }

    function _readExtensions(bytes memory der, uint256 pos, uint256 end, Certificate memory cert) private pure {
        (uint256 start, uint256 seqEnd) = Der.expect(der, pos, end, _SEQUENCE);
        if (seqEnd != end || seqEnd == start) revert X509__MalformedDer(pos);
        pos = start;
        while (pos < end) {
            (uint256 extStart, uint256 extEnd) = Der.expect(der, pos, end, _SEQUENCE);
            (bytes memory oid, uint256 p) = _readOid(der, extStart, extEnd);
            bool critical;
            if (p < extEnd && Der.peekTag(der, p, extEnd) == _BOOLEAN) {
                (critical, p) = _readBoolean(der, p, extEnd);
                if (!critical) revert X509__MalformedDer(p - 3); // DER: the DEFAULT FALSE is not encoded
            }
            (uint256 valueStart, uint256 valueEnd) = Der.expect(der, p, extEnd, _OCTET_STRING);
            Der.requireEnd(valueEnd, extEnd);

            bytes32 id = keccak256(oid);
            if (id == _OID_BASIC_CONSTRAINTS) {
                if (cert.hasBasicConstraints) revert X509__DuplicateExtension(oid);
                cert.hasBasicConstraints = true;
                _readBasicConstraints(der, valueStart, extEnd, cert);
            } else if (id == _OID_KEY_USAGE) {
                if (cert.hasKeyUsage) revert X509__DuplicateExtension(oid);
                cert.hasKeyUsage = true;
                cert.keyUsage = _readKeyUsage(der, valueStart, extEnd);
            } else if (id == _OID_EXT_KEY_USAGE) {
                if (cert.hasExtKeyUsage) revert X509__DuplicateExtension(oid);
                cert.hasExtKeyUsage = true;
                cert.extKeyUsage = _readExtKeyUsage(der, valueStart, extEnd);
            } else if (critical) {
                cert.hasUnknownCriticalExtension = true;
            }
            pos = extEnd;
        }
    }

    /// @dev BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }
    function _readBasicConstraints(bytes memory der, uint256 pos, uint256 end, Certificate memory cert)
        private
        pure
    {
        (uint256 start, uint256 seqEnd) = Der.expect(der, pos, end, _SEQUENCE);
        Der.requireEnd(seqEnd, end);
        pos = start;
        if (pos < seqEnd && Der.peekTag(der, pos, seqEnd) == _BOOLEAN) {
            (cert.isCa, pos) = _readBoolean(der, pos, seqEnd);
            if (!cert.isCa) revert X509__MalformedDer(pos - 3); // DER: the DEFAULT FALSE is not encoded
        }
        if (pos < seqEnd) {
            uint256 next;
            (start, next) = Der.expect(der, pos, seqEnd, _INTEGER);
            uint256 length = next - start;
            // a minimal non-negative INTEGER of at most 4 bytes (after a possible leading zero)
            if (length > 5 || uint8(der[start]) >= 0x80) revert X509__MalformedDer(pos);
            _requireMinimalInteger(der, pos, start, length);
            uint256 value;
            for (uint256 i; i < length; i++) value = (value << 8) | uint8(der[start + i]);
            cert.hasPathLenConstraint = true;
            cert.pathLenConstraint = value;
            pos = next;
        }
        Der.requireEnd(pos, seqEnd);
    }

    /// @dev KeyUsage ::= BIT STRING; named bit 0 is the most significant bit of the first octet.
    function _readKeyUsage(bytes memory der, uint256 pos, uint256 end) private pure returns (uint16 bits) {
        (uint256 start, uint256 length) = _readBitStringWithUnused(der, pos, end);
        if (start + length != end || length > 2) revert X509__MalformedDer(pos);
        for (uint256 i; i < length; i++) {
            uint8 b = uint8(der[start + i]);
            for (uint256 j; j < 8; j++) {
                if (b & (0x80 >> j) != 0) bits |= uint16(1 << (8 * i + j));
            }
        }
    }

    /// @dev ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId (OBJECT IDENTIFIER)
    function _readExtKeyUsage(bytes memory der, uint256 pos, uint256 end) private pure returns (uint8 bits) {
        (uint256 start, uint256 seqEnd) = Der.expect(der, pos, end, _SEQUENCE);
        if (seqEnd != end || seqEnd == start) revert X509__MalformedDer(pos);
        pos = start;
        while (pos < end) {
            (uint256 oidStart, uint256 oidEnd) = Der.expect(der, pos, end, _OID);
            if (oidEnd == oidStart) revert X509__MalformedDer(pos);
            bytes32 id = Der.keccakRange(der, oidStart, oidEnd);
            if (id == _OID_EKU_ANY) bits |= EKU_ANY;
            else if (id == _OID_KP_CLIENT_AUTH) bits |= EKU_CLIENT_AUTH;
            else if (id == _OID_KP_EMAIL_PROTECTION) bits |= EKU_EMAIL_PROTECTION;
            else if (id == _OID_KP_DOCUMENT_SIGNING) bits |= EKU_DOCUMENT_SIGNING;
            else if (id == _OID_MS_DOCUMENT_SIGNING) bits |= EKU_MS_DOCUMENT_SIGNING;
            pos = oidEnd;
        }
    }

    function _readPublicKey(bytes memory der, uint256 pos, uint256 end) private pure returns (PublicKey memory key) {
        (uint256 start, uint256 algEnd) = Der.expect(der, pos, end, _SEQUENCE);
        uint256 p;
        (key.algorithmOid, p) = _readOid(der, start, algEnd);
        bytes32 id = keccak256(key.algorithmOid);
        (uint256 bitsStart, uint256 bitsLength) = _readBitString(der, algEnd, end);
        Der.requireEnd(bitsStart + bitsLength, end);
        if (id == _OID_RSA_ENCRYPTION) {
            key.algorithm = KeyAlgorithm.Rsa;
            (uint256 seqStart, uint256 seqEnd) = Der.expect(der, bitsStart, bitsStart + bitsLength, _SEQUENCE);
            Der.requireEnd(seqEnd, bitsStart + bitsLength);
            uint256 next;
            (key.modulus, next) = _readUnsigned(der, seqStart, seqEnd);
            (key.exponent, next) = _readUnsigned(der, next, seqEnd);
            Der.requireEnd(next, seqEnd);
            _requireValidExponent(key.exponent);
        } else if (id == _OID_EC_PUBLIC_KEY) {
            key.algorithm = KeyAlgorithm.Ec;
            // parameters: namedCurve OID, or explicit parameters read as the named curve they equal
            if (p < algEnd && Der.peekTag(der, p, algEnd) == _OID) (key.curveOid,) = _readOid(der, p, algEnd);
            else if (p < algEnd && Der.peekTag(der, p, algEnd) == _SEQUENCE) key.curveOid = _explicitCurve(der, p, algEnd);
            key.point = Der.copy(der, bitsStart, bitsStart + bitsLength);
        }
    }

    /**
     * @dev ECParameters ::= SEQUENCE { version INTEGER (1), fieldID SEQUENCE { prime-field OID, p INTEGER },
     * curve SEQUENCE { a OCTET STRING, b OCTET STRING, seed BIT STRING OPTIONAL }, base OCTET STRING
     * (uncompressed), order INTEGER, cofactor INTEGER OPTIONAL } (SEC 1 C.2, RFC 3279): the named curve
     * OID when every value equals P-256's or SM2's (the seed is not compared; a cofactor must be 1);
     * otherwise `X509__UnsupportedExplicitCurve`.
     */
    function _explicitCurve(bytes memory der, uint256 pos, uint256 end) private pure returns (bytes memory) {
        (uint256 start, uint256 seqEnd) = Der.expect(der, pos, end, _SEQUENCE);
        if (seqEnd != end) revert X509__UnsupportedExplicitCurve(pos);
        uint256[7] memory v; // version, p, a, b, gx, gy, n
        uint256 next;
        (v[0], next) = _readSmallUnsigned(der, start, seqEnd, pos);
        (uint256 fieldStart, uint256 fieldEnd) = Der.expect(der, next, seqEnd, _SEQUENCE);
        (bytes memory fieldType, uint256 q) = _readOid(der, fieldStart, fieldEnd);
        if (keccak256(fieldType) != _OID_PRIME_FIELD) revert X509__UnsupportedExplicitCurve(pos);
        (v[1], q) = _readSmallUnsigned(der, q, fieldEnd, pos);
        Der.requireEnd(q, fieldEnd);
        (uint256 curveStart, uint256 curveEnd) = Der.expect(der, fieldEnd, seqEnd, _SEQUENCE);
        (v[2], q) = _readFieldElement(der, curveStart, curveEnd, pos);
        (v[3], q) = _readFieldElement(der, q, curveEnd, pos);
        if (q < curveEnd) (, q) = Der.expect(der, q, curveEnd, _BIT_STRING); // seed
        Der.requireEnd(q, curveEnd);
        (uint256 baseStart, uint256 baseEnd) = Der.expect(der, curveEnd, seqEnd, _OCTET_STRING);
        if (baseEnd - baseStart != 65 || der[baseStart] != 0x04) revert X509__UnsupportedExplicitCurve(pos);
        assembly ("memory-safe") {
            let src := add(add(der, 33), baseStart)
            mstore(add(v, 128), mload(src))
            mstore(add(v, 160), mload(add(src, 32)))
        }
        (v[6], next) = _readSmallUnsigned(der, baseEnd, seqEnd, pos);
        if (next < seqEnd) {
            uint256 cofactor;
            (cofactor, next) = _readSmallUnsigned(der, next, seqEnd, pos);
            if (cofactor != 1) revert X509__UnsupportedExplicitCurve(pos);
        }
        Der.requireEnd(next, seqEnd);
        if (v[0] != 1) revert X509__UnsupportedExplicitCurve(pos);
        if (v[1] == Sm2.P && v[2] == Sm2.A && v[3] == Sm2.B && v[4] == Sm2.GX && v[5] == Sm2.GY && v[6] == Sm2.N) {
            return OID_SM2_CURVE;
        }
        if (v[1] == _P256_P && v[2] == _P256_P - 3 && v[3] == _P256_B && v[4] == _P256_GX && v[5] == _P256_GY && v[6] == _P256_N) {
            return OID_P256;
        }
        revert X509__UnsupportedExplicitCurve(pos);
    }

    /// @dev A minimal non-negative INTEGER of at most 256 bits, as a number.
    function _readSmallUnsigned(bytes memory der, uint256 pos, uint256 end, uint256 element)
        private
        pure
        returns (uint256 value, uint256 next)
    {
        bytes memory bytes_;
        (bytes_, next) = _readUnsigned(der, pos, end);
        if (bytes_.length > 32) revert X509__UnsupportedExplicitCurve(element);
        for (uint256 i; i < bytes_.length; i++) value = (value << 8) | uint8(bytes_[i]);
    }

    /// @dev A FieldElement of a 256-bit prime field: an OCTET STRING of exactly 32 bytes (SEC 1 2.3.5).
    function _readFieldElement(bytes memory der, uint256 pos, uint256 end, uint256 element)
        private
        pure
        returns (uint256 value, uint256 next)
    {
        uint256 start;
        (start, next) = Der.expect(der, pos, end, _OCTET_STRING);
        if (next - start != 32) revert X509__UnsupportedExplicitCurve(element);
        assembly ("memory-safe") {
            value := mload(add(add(der, 32), start))
        }
    }

    /// @notice Reads a DER SubjectPublicKeyInfo lying at `der[offset:offset + length]`.
    function readPublicKey(bytes memory der, uint256 offset, uint256 length) internal pure returns (PublicKey memory) {
        if (offset > der.length || length > der.length - offset) revert X509__MalformedDer(offset);
        (uint256 start, uint256 end) = Der.expect(der, offset, offset + length, _SEQUENCE);
        if (end != offset + length) revert X509__MalformedDer(offset);
        return _readPublicKey(der, start, end);
    }

    // ------------------------------------------------------------------ verification

    /**
     * @notice Whether `cert` (read from `der`) carries a valid signature of its tbsCertificate by `key`.
     * @dev Reverts, naming the OID, when the algorithm, the key algorithm or the curve is not supported.
     */
    function verifySignature(bytes memory der, Certificate memory cert, PublicKey memory key)
        internal
        view
        returns (bool)
    {
        return verifyMessage(der, cert.tbsOffset, cert.tbsLength, cert.signatureAlgorithm, cert.signatureAlgorithmOid, cert.signature, key);
    }

    /// @notice Verifies `signature` over `data[offset:offset + length]` with `key` and `algorithm`.
    function verifyMessage(
        bytes memory data,
        uint256 offset,
        uint256 length,
        SignatureAlgorithm algorithm,
        bytes memory algorithmOid,
        bytes memory signature,
        PublicKey memory key
    ) internal view returns (bool) {
        if (algorithm == SignatureAlgorithm.Unsupported) revert X509__UnsupportedSignatureAlgorithm(algorithmOid);
        if (key.algorithm == KeyAlgorithm.Unsupported) revert X509__UnsupportedKeyAlgorithm(key.algorithmOid);
        if (offset > data.length || length > data.length - offset) revert X509__MalformedDer(offset);
        if (algorithm == SignatureAlgorithm.EcdsaSha256) {
            if (key.algorithm != KeyAlgorithm.Ec) revert X509__KeyDoesNotFitAlgorithm(algorithmOid, key.algorithmOid);
            return verifyP256(Der.sha256Range(data, offset, offset + length), signature, key);
        }
        if (algorithm == SignatureAlgorithm.Sm2Sm3) {
            if (key.algorithm != KeyAlgorithm.Ec) revert X509__KeyDoesNotFitAlgorithm(algorithmOid, key.algorithmOid);
            (bool onCurve, uint256 x, uint256 y) = sm2Point(key);
            if (!onCurve) return false;
            return verifySm2(Sm2.za(x, y), data, offset, length, signature, x, y);
        }
        if (key.algorithm != KeyAlgorithm.Rsa) revert X509__KeyDoesNotFitAlgorithm(algorithmOid, key.algorithmOid);
        bytes memory digest;
        RsaPkcs1.Hash hash;
        if (algorithm == SignatureAlgorithm.RsaSha256) {
            digest = abi.encodePacked(Der.sha256Range(data, offset, offset + length));
            hash = RsaPkcs1.Hash.Sha256;
        } else if (algorithm == SignatureAlgorithm.RsaSha384) {
            (bytes32 high, bytes32 low) = Sha512.sha384(data, offset, length);
            digest = abi.encodePacked(high, bytes16(low));
            hash = RsaPkcs1.Hash.Sha384;
        } else {
            (bytes32 high, bytes32 low) = Sha512.sha512(data, offset, length);
            digest = abi.encodePacked(high, low);
            hash = RsaPkcs1.Hash.Sha512;
        }
        return RsaPkcs1.verify(digest, hash, signature, key.modulus, key.exponent);
    }

    /**
     * @notice Verifies a DER Ecdsa-Sig-Value over the SHA-256 `digest` with a P-256 `key`. Any s is
     * accepted: s is normalised to the low half, since OpenZeppelin's `P256` rejects high s. Uses the
     * P256VERIFY precompile (0x100) where the network has it, the Solidity fallback otherwise.
     */
    function verifyP256(bytes32 digest, bytes memory signature, PublicKey memory key) internal view returns (bool) {
        if (keccak256(key.curveOid) != _OID_P256) revert X509__UnsupportedCurve(key.curveOid);
        bytes memory point = key.point;
        if (point.length != 65 || point[0] != 0x04) return false;
        bytes32 qx;
        bytes32 qy;
        assembly ("memory-safe") {
            qx := mload(add(point, 33))
            qy := mload(add(point, 65))
        }
        return verifyP256(digest, signature, qx, qy);
    }

    /// @notice Verifies a DER Ecdsa-Sig-Value over `digest` with the P-256 public key (`qx`, `qy`); any s.
    function verifyP256(bytes32 digest, bytes memory signature, bytes32 qx, bytes32 qy) internal view returns (bool) {
        (bool ok, uint256 r, uint256 s) = _readEcdsaSignature(signature);
        if (!ok || r == 0 || s == 0 || r >= _P256_N || s >= _P256_N) return false;
        if (s > _P256_HALF_N) s = _P256_N - s;
        return P256.verify(digest, bytes32(r), bytes32(s), qx, qy);
    }

    /**
     * @notice The SM2 point of an EC `key` (x, y), and whether it is an uncompressed point on the curve.
     * @dev Reverts with `X509__UnsupportedCurve` when the key's curve is not SM2.
     */
    function sm2Point(PublicKey memory key) internal pure returns (bool onCurve, uint256 x, uint256 y) {
        if (keccak256(key.curveOid) != _OID_SM2_CURVE) revert X509__UnsupportedCurve(key.curveOid);
        bytes memory point = key.point;
        if (point.length != 65 || point[0] != 0x04) return (false, 0, 0);
        assembly ("memory-safe") {
            x := mload(add(point, 33))
            y := mload(add(point, 65))
        }
        onCurve = Sm2.isOnCurve(x, y);
    }

    /**
     * @notice Verifies a DER SM2 signature (SEQUENCE { r, s }, strict DER as for ECDSA) over
     * `data[offset:offset + length]` by the SM2 key (x, y) whose ZA is `za`: e = SM3(ZA || M).
     */
    function verifySm2(
        bytes32 za,
        bytes memory data,
        uint256 offset,
        uint256 length,
        bytes memory signature,
        uint256 x,
        uint256 y
    ) internal view returns (bool) {
        (bool ok, uint256 r, uint256 s) = _readEcdsaSignature(signature);
        if (!ok) return false;
        return Sm2.verify(Sm3.hashWithPrefix(za, data, offset, length), r, s, x, y);
    }

    /// @notice Maps a signature AlgorithmIdentifier OID (content octets) to a supported algorithm.
    function signatureAlgorithmOf(bytes memory oid) internal pure returns (SignatureAlgorithm) {
        return _signatureAlgorithm(oid);
    }

    // ------------------------------------------------------------------ DER helpers

    function _readOid(bytes memory der, uint256 pos, uint256 end) private pure returns (bytes memory oid, uint256 next) {
        uint256 start;
        (start, next) = Der.expect(der, pos, end, _OID);
        if (next == start) revert X509__MalformedDer(pos);
        oid = Der.copy(der, start, next);
    }

    function _readBoolean(bytes memory der, uint256 pos, uint256 end) private pure returns (bool value, uint256 next) {
        uint256 start;
        (start, next) = Der.expect(der, pos, end, _BOOLEAN);
        if (next - start != 1) revert X509__MalformedDer(pos);
        uint8 b = uint8(der[start]);
        if (b != 0 && b != 0xff) revert X509__MalformedDer(pos); // DER: TRUE is 0xff
        value = b == 0xff;
    }

    /// @dev A BIT STRING whose unused-bit count is zero; returns its bits.
    function _readBitString(bytes memory der, uint256 pos, uint256 end) private pure returns (uint256 start, uint256 length) {
        uint256 next;
        (start, next) = Der.expect(der, pos, end, _BIT_STRING);
        length = next - start;
        if (length == 0 || der[start] != 0) revert X509__MalformedDer(pos);
        start += 1;
        length -= 1;
    }

    /// @dev A BIT STRING with 0-7 unused bits (named bit lists such as KeyUsage).
    function _readBitStringWithUnused(bytes memory der, uint256 pos, uint256 end)
        private
        pure
        returns (uint256 start, uint256 length)
    {
        uint256 next;
        (start, next) = Der.expect(der, pos, end, _BIT_STRING);
        length = next - start;
        if (length == 0 || uint8(der[start]) > 7 || (length == 1 && der[start] != 0)) revert X509__MalformedDer(pos);
        start += 1;
        length -= 1;
    }

    /// @dev A minimal non-negative INTEGER as unsigned big-endian bytes without its sign byte.
    function _readUnsigned(bytes memory der, uint256 pos, uint256 end) private pure returns (bytes memory value, uint256 next) {
        uint256 start;
        (start, next) = Der.expect(der, pos, end, _INTEGER);
        uint256 length = next - start;
        if (uint8(der[start]) >= 0x80) revert X509__MalformedDer(pos);
        _requireMinimalInteger(der, pos, start, length);
        if (length > 1 && der[start] == 0) {
            start++;
            length--;
        }
        value = Der.copy(der, start, start + length);
    }

    /// @dev X.690 8.3.2: an INTEGER has content, and its first nine bits are neither all zero nor all one.
    function _requireMinimalInteger(bytes memory der, uint256 pos, uint256 start, uint256 length) private pure {
        if (length == 0) revert X509__MalformedDer(pos);
        if (length > 1) {
            uint8 first = uint8(der[start]);
            uint8 second = uint8(der[start + 1]);
            if ((first == 0 && second < 0x80) || (first == 0xff && second >= 0x80)) revert X509__MalformedDer(pos);
        }
    }

    /// @dev An RSA public exponent: odd, at least 3, at most 256 bits (big-endian, no leading zero).
    function _requireValidExponent(bytes memory exponent) private pure {
        uint256 length = exponent.length;
        if (
            length == 0 || length > 32 || uint8(exponent[length - 1]) & 1 == 0
                || (length == 1 && uint8(exponent[0]) < 3)
        ) revert X509__InvalidRsaExponent(exponent);
    }

    /// @dev Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }, strict DER: short-form lengths, minimal
    /// INTEGERs of at most 32 bytes after a sign byte, nothing after s. The range 0 < r, s < n is checked
    /// by the caller.
    function _readEcdsaSignature(bytes memory sig) private pure returns (bool ok, uint256 r, uint256 s) {
        if (sig.length < 8 || sig.length > 129 || sig[0] != 0x30 || uint8(sig[1]) != sig.length - 2) return (false, 0, 0);
        uint256 pos = 2;
        (ok, r, pos) = _readScalar(sig, pos);
        if (!ok) return (false, 0, 0);
        (ok, s, pos) = _readScalar(sig, pos);
        if (!ok || pos != sig.length) return (false, 0, 0);
    }

    function _readScalar(bytes memory sig, uint256 pos) private pure returns (bool ok, uint256 value, uint256 next) {
        if (sig.length - pos < 3 || sig[pos] != 0x02) return (false, 0, 0);
        uint256 length = uint8(sig[pos + 1]);
        uint256 start = pos + 2;
        if (length == 0 || length > 33 || sig.length - start < length || uint8(sig[start]) >= 0x80) return (false, 0, 0);
        if (length > 1 && sig[start] == 0) {
            // a leading zero only before a byte with its high bit set (minimal encoding)
            if (uint8(sig[start + 1]) < 0x80) return (false, 0, 0);
            start++;
            length--;
        }
        if (length > 32) return (false, 0, 0);
        for (uint256 i; i < length; i++) value = (value << 8) | uint8(sig[start + i]);
        return (true, value, start + length);
    }

    /**
     * @dev Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }, as RFC 5280 section 4.1.2.5
     * profiles it, to unix seconds: UTCTime "YYMMDDHHMMSSZ" (YY >= 50 is 19YY, else 20YY) for dates
     * through 2049, GeneralizedTime "YYYYMMDDHHMMSSZ" only from 2050; seconds always present, no
     * fractions, Zulu only, a real calendar date and time of day (no leap second), not before 1970.
     * The one time parser of the contracts.
     */
    function _readTime(bytes memory der, uint256 pos, uint256 end) private pure returns (uint64 time, uint256 next) {
        (uint8 tag, uint256 start, uint256 elementEnd) = Der.read(der, pos, end);
        next = elementEnd;
        uint256 length = elementEnd - start;
        uint256 year;
        uint256 p = start;
        if (tag == _UTC_TIME) {
            if (length != 13) revert X509__InvalidTime(pos);
            year = _digits(der, p, 2, pos);
            year += year >= 50 ? 1900 : 2000; // RFC 5280 section 4.1.2.5.1
            p += 2;
        } else if (tag == _GENERALIZED_TIME) {
            if (length != 15) revert X509__InvalidTime(pos);
            year = _digits(der, p, 4, pos);
            if (year < 2050) revert X509__InvalidTime(pos); // RFC 5280 section 4.1.2.5: UTCTime through 2049
            p += 4;
        } else {
            revert Der.Der__UnexpectedTag(pos, _UTC_TIME, tag);
        }
        uint256 month = _digits(der, p, 2, pos);
        uint256 day = _digits(der, p + 2, 2, pos);
        uint256 hour = _digits(der, p + 4, 2, pos);
        uint256 minute = _digits(der, p + 6, 2, pos);
        uint256 second = _digits(der, p + 8, 2, pos);
        if (der[p + 10] != "Z" || year < 1970) revert X509__InvalidTime(pos);
        if (month == 0 || month > 12 || day == 0 || day > _daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
            revert X509__InvalidTime(pos);
        }
        time = uint64(_daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second);
    }

    function _digits(bytes memory der, uint256 pos, uint256 count, uint256 element) private pure returns (uint256 value) {
        for (uint256 i; i < count; i++) {
            uint8 c = uint8(der[pos + i]);
            if (c < 0x30 || c > 0x39) revert X509__InvalidTime(element);
            value = value * 10 + (c - 0x30);
        }
    }

    function _daysInMonth(uint256 year, uint256 month) private pure returns (uint256) {
        if (month == 2) return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
        if (month == 4 || month == 6 || month == 9 || month == 11) return 30;
        return 31;
    }

    /// @dev Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil), year >= 1970.
    function _daysFromCivil(uint256 year, uint256 month, uint256 day) private pure returns (uint256) {
        if (month <= 2) year -= 1;
        uint256 era = year / 400;
        uint256 yoe = year - era * 400;
        uint256 doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        uint256 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    function _signatureAlgorithm(bytes memory oid) private pure returns (SignatureAlgorithm) {
        bytes32 id = keccak256(oid);
        if (id == _OID_RSA_SHA256) return SignatureAlgorithm.RsaSha256;
        if (id == _OID_RSA_SHA384) return SignatureAlgorithm.RsaSha384;
        if (id == _OID_RSA_SHA512) return SignatureAlgorithm.RsaSha512;
        if (id == _OID_ECDSA_SHA256) return SignatureAlgorithm.EcdsaSha256;
        if (id == _OID_SM2_SM3 || id == _OID_SM2_SIGN) return SignatureAlgorithm.Sm2Sm3;
        return SignatureAlgorithm.Unsupported;
    }

    // ------------------------------------------------------------------ names

    bytes32 private constant _OID_COUNTRY_NAME = keccak256(hex"550406");

    /**
     * @notice The countryName (OID 2.5.4.6) of a DER Name such as `Certificate.subject`: its two
     * characters when the Name has exactly one countryName attribute, a PrintableString of length two;
     * `bytes2(0)` otherwise (none, several, or of another shape). Malformed input reverts.
     * @dev Name ::= SEQUENCE OF RelativeDistinguishedName; RDN ::= SET OF AttributeTypeAndValue;
     * AttributeTypeAndValue ::= SEQUENCE { type OID, value ANY }.
     */
    function countryName(bytes memory name) internal pure returns (bytes2 country) {
        (uint256 pos, uint256 end) = Der.expect(name, 0, name.length, _SEQUENCE);
        Der.requireEnd(end, name.length);
        uint256 found;
        while (pos < end) {
            (uint256 setStart, uint256 setEnd) = Der.expect(name, pos, end, 0x31);
            uint256 p = setStart;
            while (p < setEnd) {
                (uint256 atvStart, uint256 atvEnd) = Der.expect(name, p, setEnd, _SEQUENCE);
                (uint256 oidStart, uint256 valuePos) = Der.expect(name, atvStart, atvEnd, _OID);
                if (valuePos - oidStart == 3 && Der.keccakRange(name, oidStart, valuePos) == _OID_COUNTRY_NAME) {
                    ++found;
                    (uint8 tag, uint256 valueStart, uint256 valueEnd) = Der.read(name, valuePos, atvEnd);
                    if (tag == 0x13 && valueEnd - valueStart == 2) {
                        country = bytes2(uint16(uint8(name[valueStart])) << 8 | uint16(uint8(name[valueStart + 1])));
                    } else {
                        country = bytes2(0);
                    }
                }
                p = atvEnd;
            }
            pos = setEnd;
        }
        if (found != 1) country = bytes2(0);
    }
}
