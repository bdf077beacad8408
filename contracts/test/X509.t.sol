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
