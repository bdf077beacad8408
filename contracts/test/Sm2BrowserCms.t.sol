// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {IIdentityRegistry} from "../src/interfaces/IIdentityRegistry.sol";
import {PkiSignature} from "../src/lib/PkiSignature.sol";
import {Sm2} from "../src/lib/Sm2.sol";
import {X509} from "../src/lib/X509.sol";
import {X509Test} from "./utils/x509/X509Test.sol";

/// @dev External entry point for the one signature check both registries use.
contract PkiSignatureHarness {
    function verify(
        bytes32 digest,
        bytes calldata signedAttributes,
        bytes calldata signature,
        bytes32 certificateDerHash,
        bytes calldata key,
        bytes calldata za
    ) external view {
        PkiSignature.verify(digest, signedAttributes, signature, certificateDerHash, IIdentityRegistry.KeyType.Sm2, key, za);
    }

    function verifyLink(bytes calldata child, bytes calldata issuer) external view returns (bool) {
        bytes memory c = child;
        bytes memory i = issuer;
        return X509.verifySignature(c, X509.parse(c), X509.parse(i).publicKey);
    }

    function pointOf(bytes calldata der) external pure returns (bytes memory) {
        return X509.parse(der).publicKey.point;
    }
}

/**
 * @dev The browser's SM2 CMS signatures (test/fixtures/sm2/browser-cms.json, made by app/pki
 * createCmsSignature with an SM2 software key opened from an OpenSSL 3 PKCS#12 file) verify on-chain with
 * `PkiSignature.verify`, the check of `IdentityRegistry.register` and `TransactionRegistry.sign`: both halves
 * agree on messageDigest = SM3(content), signingCertificateV2 = SHA-256(certificate DER), and
 * e = SM3(ZA || signed attributes) with the default ID.
 */
contract Sm2BrowserCmsTest is X509Test {
    string internal constant FILE = "test/fixtures/sm2/browser-cms.json";
    uint256 internal constant SIGNATURES = 4;

    PkiSignatureHarness internal harness;
    string internal json;
    bytes internal cert;
    bytes internal key;
    bytes32 internal za;

    function setUp() public {
        harness = new PkiSignatureHarness();
        json = vm.readFile(FILE);
        cert = vm.parseJsonBytes(json, ".signerCertificate");
        key = abi.encodePacked(vm.parseJsonBytes32(json, ".publicKey.x"), vm.parseJsonBytes32(json, ".publicKey.y"));
        za = Sm2.za(uint256(vm.parseJsonBytes32(json, ".publicKey.x")), uint256(vm.parseJsonBytes32(json, ".publicKey.y")));
    }

    function _sig(uint256 i, string memory field) private view returns (bytes memory) {
        return vm.parseJsonBytes(json, string.concat(".signatures[", string(abi.encodePacked(bytes1(uint8(48 + i)))), "].", field));
    }

    function _verify(uint256 i) private view {
        harness.verify(bytes32(_sig(i, "content")), _sig(i, "signedAttributes"), _sig(i, "signature"), sha256(cert), key, abi.encodePacked(za));
    }

    function test_KeyAndZaMatchTheBrowser() public view {
        assertEq(harness.pointOf(cert), bytes.concat(hex"04", key), "the certificate's SM2 point");
        assertEq(za, vm.parseJsonBytes32(json, ".za"), "ZA with the default ID as the browser computed it");
        assertTrue(harness.verifyLink(cert, vm.parseJsonBytes(json, ".caCertificate")), "the CA signed the holder (SM2-with-SM3)");
    }

    function test_VerifiesEveryBrowserSignature() public view {
        for (uint256 i; i < SIGNATURES; i++) {
            _verify(i);
        }
    }

    // Arguments are read before expectRevert: a cheatcode or precompile call (sha256) would be the "next call".

    function test_RevertWhen_BrowserSignatureTampered() public {
        (bytes32 content, bytes memory attrs, bytes memory sig, bytes32 certHash) =
            (bytes32(_sig(0, "content")), _sig(0, "signedAttributes"), _sig(0, "signature"), sha256(cert));
        sig[sig.length - 1] ^= 0x01; // the last byte of s
        vm.expectRevert(PkiSignature.PkiSignature__InvalidSignature.selector);
        harness.verify(content, attrs, sig, certHash, key, abi.encodePacked(za));
    }

    function test_RevertWhen_SignatureOfAnotherContent() public {
        // Signature 1 over signature 0's content: the SM3 messageDigest no longer matches.
        (bytes32 content, bytes memory attrs, bytes memory sig, bytes32 certHash) =
            (bytes32(_sig(0, "content")), _sig(1, "signedAttributes"), _sig(1, "signature"), sha256(cert));
        vm.expectPartialRevert(PkiSignature.PkiSignature__MessageDigestMismatch.selector);
        harness.verify(content, attrs, sig, certHash, key, abi.encodePacked(za));
    }

    function test_RevertWhen_AnotherCertificateNamed() public {
        (bytes32 content, bytes memory attrs, bytes memory sig, bytes32 caHash) = (
            bytes32(_sig(0, "content")),
            _sig(0, "signedAttributes"),
            _sig(0, "signature"),
            sha256(vm.parseJsonBytes(json, ".caCertificate"))
        );
        vm.expectPartialRevert(PkiSignature.PkiSignature__SigningCertificateMismatch.selector);
        harness.verify(content, attrs, sig, caHash, key, abi.encodePacked(za));
    }
}
