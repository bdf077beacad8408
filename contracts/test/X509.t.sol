// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {X509} from "../src/lib/X509.sol";
import {X509Test} from "./utils/x509/X509Test.sol";
import {X509Harness} from "./utils/x509/X509Harness.sol";

/// @dev Parsing and link verification with real ICP-Brasil certificates (test/fixtures/x509/icp-brasil).
contract X509RealCertificatesTest is X509Test {
    X509Harness private harness;
    bytes private raizV5;
    bytes private acRfbV4;
    bytes private acSafewebRfbV5;
    bytes private raizV10;
    bytes private acCertisignSslEvG4;
    bytes private nfce;

    function setUp() public {
        harness = new X509Harness();
        raizV5 = fixture("icp-brasil/raiz-v5.der");
        acRfbV4 = fixture("icp-brasil/ac-rfb-v4.der");
        acSafewebRfbV5 = fixture("icp-brasil/ac-safeweb-rfb-v5.der");
        raizV10 = fixture("icp-brasil/raiz-v10.der");
        acCertisignSslEvG4 = fixture("icp-brasil/ac-certisign-ssl-ev-g4.der");
        nfce = fixture("icp-brasil/nfce-fazenda-mg.der");
    }

    /// @dev Expected values read with `openssl x509 -text` / `openssl asn1parse` from the same files.
    function test_ParsesRaizV5() public view {
        X509.Certificate memory cert = harness.parse(raizV5);
        assertEq(cert.tbsOffset, 4, "tbs offset");
        assertEq(cert.tbsLength, 1165, "tbs length");
        assertEq(cert.version, 2, "v3");
        assertEq(uint256(cert.signatureAlgorithm), uint256(X509.SignatureAlgorithm.RsaSha512), "sha512WithRSAEncryption");
        assertEq(cert.signature.length, 512, "RSA-4096 signature");
        assertEq(cert.notBefore, 1456923698, "notBefore 2016-03-02 13:01:38Z");
        assertEq(cert.notAfter, 1867190378, "notAfter 2029-03-02 23:59:38Z");
        assertEq(cert.issuer, cert.subject, "self-issued");
        assertEq(cert.issuer.length, 154, "issuer DER length");
        assertEq(uint256(cert.publicKey.algorithm), uint256(X509.KeyAlgorithm.Rsa), "rsaEncryption");
        assertEq(cert.publicKey.modulus.length, 512, "4096-bit modulus without its leading zero");
        assertEq(cert.publicKey.exponent, hex"010001", "exponent 65537");
        assertTrue(cert.hasBasicConstraints && cert.isCa && !cert.hasPathLenConstraint, "CA:TRUE, no pathLen");
        assertTrue(cert.hasKeyUsage, "keyUsage present");
        assertEq(cert.keyUsage, X509.KU_KEY_CERT_SIGN | X509.KU_CRL_SIGN, "keyCertSign, cRLSign");
        assertTrue(!cert.hasUnknownCriticalExtension, "only known critical extensions");
        assertEq(cert.spkiHash, sha256(_spki(raizV5)), "SPKI hash");
    }

    function test_ParsesEndEntity() public view {
        X509.Certificate memory cert = harness.parse(nfce);
        assertEq(uint256(cert.signatureAlgorithm), uint256(X509.SignatureAlgorithm.RsaSha256), "sha256WithRSAEncryption");
        assertEq(cert.notBefore, 1723216334, "notBefore 2024-08-09 15:12:14Z");
        assertEq(cert.notAfter, 1754752334, "notAfter 2025-08-09 15:12:14Z");
        assertEq(cert.publicKey.modulus.length, 256, "RSA-2048");
        assertTrue(cert.hasBasicConstraints && !cert.isCa, "CA:FALSE");
        assertEq(cert.keyUsage, X509.KU_DIGITAL_SIGNATURE | X509.KU_KEY_ENCIPHERMENT | (1 << 4), "DS, KE, KA");
        assertEq(cert.issuer, harness.parse(acCertisignSslEvG4).subject, "issuer names the CA");
    }

    function test_VerifiesIcpBrasilV5Path() public view {
        assertTrue(harness.verifyLink(raizV5, raizV5), "Raiz v5 self-signature");
        assertTrue(harness.verifyLink(acRfbV4, raizV5), "Raiz v5 -> AC RFB v4");
        assertTrue(harness.verifyLink(acSafewebRfbV5, acRfbV4), "AC RFB v4 -> AC SAFEWEB RFB v5");
    }

    function test_VerifiesIcpBrasilV10SslPath() public view {
        assertTrue(harness.verifyLink(acCertisignSslEvG4, raizV10), "Raiz v10 -> AC Certisign SSL EV G4");
        assertTrue(harness.verifyLink(nfce, acCertisignSslEvG4), "AC Certisign SSL EV G4 -> nfce.fazenda.mg.gov.br");
    }

    /// @dev The test PKI (test/fixtures/x509/pki) has a leaf signed with SHA-384 by an RSA-4096 CA.
    function test_VerifiesRsaSha384Link() public view {
        bytes memory leaf = fixture("pki/holder384.der");
        assertEq(
            uint256(harness.parse(leaf).signatureAlgorithm), uint256(X509.SignatureAlgorithm.RsaSha384), "sha384WithRSAEncryption"
        );
        assertTrue(harness.verifyLink(leaf, fixture("pki/ca2.der")), "ca2 -> holder384");
        assertTrue(!harness.verifyLink(leaf, fixture("pki/ca1.der")), "not signed by ca1");
    }

    function test_RejectsSignatureByAnotherKey() public view {
        assertTrue(!harness.verifyLink(acRfbV4, raizV10), "AC RFB v4 is not signed by Raiz v10");
        assertTrue(!harness.verifyLink(nfce, raizV10), "nfce is not signed by Raiz v10");
    }

    function test_RejectsTamperedTbs() public view {
        bytes memory tampered = acRfbV4;
        tampered[200] = bytes1(uint8(tampered[200]) ^ 0x01); // a byte inside the subject name
        assertTrue(!harness.verifyLink(tampered, raizV5), "one flipped bit breaks the signature");
    }

    function test_RevertWhen_SignatureAlgorithmUnsupported() public {
        bytes memory p521 = fixture("icp-brasil/raiz-v3-p521.der");
        vm.expectRevert(abi.encodeWithSelector(X509.X509__UnsupportedSignatureAlgorithm.selector, hex"2a8648ce3d040304"));
        harness.verifyLink(p521, p521);
    }

    function test_RevertWhen_KeyAlgorithmUnsupported() public {
        bytes memory ed448 = fixture("icp-brasil/ac-inmetro-v6-ed448.der");
        assertEq(uint256(harness.parse(ed448).publicKey.algorithm), uint256(X509.KeyAlgorithm.Unsupported), "Ed448 key");
        vm.expectRevert(abi.encodeWithSelector(X509.X509__UnsupportedKeyAlgorithm.selector, hex"2b6571"));
        harness.verifyLink(raizV5, ed448);
    }

    function test_Gas_VerifyRsa4096Sha512Link() public view {
        uint256 before = gasleft();
        bool ok = harness.verifyLink(acRfbV4, raizV5);
        uint256 used = before - gasleft();
        assertTrue(ok, "valid link");
        assertTrue(used < 1_500_000, "parse x2 + SHA-512 + RSA-4096 under 1.5M gas");
    }

    /// @dev The DER SubjectPublicKeyInfo, found by walking with openssl's offsets for raiz-v5.der
    /// (asn1parse: SPKI at offset 371, 4-byte header, 546 bytes of content).
    function _spki(bytes memory der) private pure returns (bytes memory out) {
        out = new bytes(550);
        for (uint256 i; i < 550; i++) out[i] = der[371 + i];
    }
}

/// @dev Strict DER and key checks (review finding 2 and 6).
contract X509StrictnessTest is X509Test {
    X509Harness private harness;

    function setUp() public {
        harness = new X509Harness();
    }

    function test_TbsHashIsTheIdentityOfEveryEncoding() public view {
        bytes memory leaf = fixture("pki/echolder.der");
        X509.Certificate memory cert = harness.parse(leaf);
        bytes memory tbs = new bytes(cert.tbsLength);
        for (uint256 i; i < tbs.length; i++) tbs[i] = leaf[cert.tbsOffset + i];
        assertEq(cert.tbsHash, sha256(tbs), "SHA-256 of the tbsCertificate");
        bytes memory twin = twinOf(leaf);
        assertEq(harness.parse(twin).tbsHash, cert.tbsHash, "the (r, n - s) twin has the same identity");
        // The twin verifies (CMS and X.509 verifiers accept any s): which is why DER hashes name nothing.
        assertTrue(harness.verifyLink(twin, fixture("pki/ecroot.der")), "the twin verifies");
    }

    function test_RefusesNonMinimalEcdsaIntegers() public view {
        bytes memory variant = nonMinimalTwinOf(fixture("pki/echolder.der"));
        assertTrue(!harness.verifyLink(variant, fixture("pki/ecroot.der")), "a non-minimal r does not verify");
    }

    function test_RefusesEvenRsaExponent() public {
        bytes memory der = fixture("pki/holder.der");
        uint256 at = _find(der, hex"0203010001");
        der[at + 4] = 0x00; // 65537 -> 65536
        vm.expectRevert(abi.encodeWithSelector(X509.X509__InvalidRsaExponent.selector, hex"010000"));
        harness.parse(der);
    }

    /// @dev e = 1 makes s^e mod n = s: every "signature" equal to its encoded message verifies.
    function test_RefusesRsaExponentOne() public {
        bytes memory der = _withExponentOne(fixture("pki/holder.der"));
        vm.expectRevert(abi.encodeWithSelector(X509.X509__InvalidRsaExponent.selector, hex"01"));
        harness.parse(der);
    }

    function test_RefusesExplicitCriticalFalse() public {
        bytes memory der = fixture("pki/holder.der");
        uint256 at = _find(der, hex"0603551d130101ff"); // basicConstraints, critical TRUE
        der[at + 7] = 0x00;
        vm.expectRevert(abi.encodeWithSelector(X509.X509__MalformedDer.selector, at + 5));
        harness.parse(der);
    }

    /// @dev RFC 5280 section 4.1.2.5: dates through 2049 are UTCTime, so a GeneralizedTime before 2050
    /// is a second encoding of a date and is refused; from 2050 it is the only one.
    function test_RefusesGeneralizedTimeBefore2050() public {
        bytes memory der = vm.readFileBinary("test/fixtures/tongsuo-sm2-test-root.der");
        uint256 at = _find(der, hex"180f32313233"); // notAfter, GeneralizedTime "2123..."
        der[at + 3] = "0";
        der[at + 4] = "5";
        der[at + 5] = "0"; // "2050..."
        assertEq(harness.parse(der).notAfter, 2527036213, "2050-01-29T02:30:13Z as a GeneralizedTime");
        der[at + 4] = "4";
        der[at + 5] = "9"; // "2049..."
        vm.expectRevert(abi.encodeWithSelector(X509.X509__InvalidTime.selector, at));
        harness.parse(der);
    }

    /// @dev The holder's DER with its exponent INTEGER 65537 (5 bytes) replaced by 1 (3 bytes), every
    /// enclosing length (two-byte long form here) shortened by two.
    function _withExponentOne(bytes memory der) private pure returns (bytes memory out) {
        X509.Certificate memory cert = X509.parse(der);
        uint256 exponentAt = _find(der, hex"0203010001");
        uint256 bitString = cert.spkiOffset + 4 + 15; // SPKI header, AlgorithmIdentifier rsaEncryption NULL
        uint256[5] memory headers = [uint256(0), cert.tbsOffset, cert.spkiOffset, bitString, bitString + 5];
        out = new bytes(der.length - 2);
        uint256 o;
        for (uint256 i; i < der.length; i++) {
            if (i == exponentAt + 3 || i == exponentAt + 4) continue; // drop "00 01"
            out[o++] = der[i];
        }
        out[exponentAt + 1] = 0x01; // length 1, value 0x01
        for (uint256 h; h < headers.length; h++) {
            uint256 p = headers[h];
            uint256 length = (uint256(uint8(out[p + 2])) << 8) | uint8(out[p + 3]);
            length -= 2;
            out[p + 2] = bytes1(uint8(length >> 8));
            out[p + 3] = bytes1(uint8(length));
        }
    }

    function _find(bytes memory data, bytes memory needle) private pure returns (uint256) {
        for (uint256 i; i + needle.length <= data.length; i++) {
            bool match_ = true;
            for (uint256 j; j < needle.length && match_; j++) match_ = data[i + j] == needle[j];
            if (match_) return i;
        }
        revert AssertionFailed("not found");
    }
}
