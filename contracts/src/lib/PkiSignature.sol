// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {IIdentityRegistry} from "../interfaces/IIdentityRegistry.sol";
import {CmsSignedAttributes} from "./CmsSignedAttributes.sol";
import {RsaPkcs1} from "./RsaPkcs1.sol";
import {Sm3} from "./Sm3.sol";
import {X509} from "./X509.sol";

/**
 * @title PkiSignature
 * @notice The one check of a national-PKI signature the registries accept, as a CMS signer (RFC 5652
 * section 5.4, CAdES-BES) produces it over a 32-byte EIP-712 digest: the DER signed attributes (tag
 * 0x31) hold messageDigest = SHA-256(digest) and a signingCertificateV2 naming the signer's certificate
 * (SHA-256 of its DER as registered), and the signature verifies over SHA-256(signed attributes) with
 * the bound key: RSA PKCS#1 v1.5 or ECDSA P-256 (DER Ecdsa-Sig-Value, strict DER, any s). An SM2 key signs
 * as GB/T 35275 / GM/T 0010 define it (digestAlgorithm SM3, signatureAlgorithm SM2-with-SM3): messageDigest
 * is SM3(digest) and the signature (DER SEQUENCE { r, s }) verifies over e = SM3(ZA || signed attributes),
 * ZA being the one stored at registration (default signer ID).
 * @dev Used by `IdentityRegistry.register` (proof of possession) and `TransactionRegistry.sign`, so that
 * both accept exactly the same signatures.
 */
library PkiSignature {
    /// @notice The signed attributes' messageDigest is not SHA-256 (SM3 for an SM2 key) of the digest the contract computed.
    error PkiSignature__MessageDigestMismatch(bytes32 expected, bytes actual);
    /// @notice The signed attributes' signingCertificateV2 names another certificate (SHA-256 of its DER).
    error PkiSignature__SigningCertificateMismatch(bytes32 expected, bytes32 actual);
    /// @notice The signature does not verify over the signed attributes with the key.
    error PkiSignature__InvalidSignature();

    /**
     * @notice Reverts unless `signature` by the key (`keyType`, `key`, `exponent`: the RSA modulus and
     * exponent, P-256 x || y, or SM2 x || y and ZA) over `signedAttributes` signs `digest` as the
     * certificate whose DER hashes to `certificateDerHash`.
     */
    function verify(
        bytes32 digest,
        bytes memory signedAttributes,
        bytes memory signature,
        bytes32 certificateDerHash,
        IIdentityRegistry.KeyType keyType,
        bytes memory key,
        bytes memory exponent
    ) internal view {
        (bytes memory messageDigest, bytes32 certHash) = CmsSignedAttributes.read(signedAttributes);
        bytes32 expected = keyType == IIdentityRegistry.KeyType.Sm2 ? Sm3.hash(abi.encodePacked(digest)) : sha256(abi.encodePacked(digest));
        if (messageDigest.length != 32 || bytes32(messageDigest) != expected) {
            revert PkiSignature__MessageDigestMismatch(expected, messageDigest);
        }
        if (certHash != certificateDerHash) revert PkiSignature__SigningCertificateMismatch(certificateDerHash, certHash);
        bool valid;
        if (keyType == IIdentityRegistry.KeyType.Sm2) {
            if (key.length != 64 || exponent.length != 32) revert PkiSignature__InvalidSignature();
            (uint256 x, uint256 y, bytes32 za) = (uint256(bytes32(key)), 0, bytes32(exponent));
            assembly ("memory-safe") {
                y := mload(add(key, 64))
            }
            valid = X509.verifySm2(za, signedAttributes, 0, signedAttributes.length, signature, x, y);
            if (!valid) revert PkiSignature__InvalidSignature();
            return;
        }
        bytes32 attributesHash = sha256(signedAttributes);
        if (keyType == IIdentityRegistry.KeyType.Rsa) {
            valid = RsaPkcs1.verify(abi.encodePacked(attributesHash), RsaPkcs1.Hash.Sha256, signature, key, exponent);
        } else if (keyType == IIdentityRegistry.KeyType.P256 && key.length == 64) {
            bytes32 qx;
            bytes32 qy;
            assembly ("memory-safe") {
                qx := mload(add(key, 32))
                qy := mload(add(key, 64))
            }
            valid = X509.verifyP256(attributesHash, signature, qx, qy);
        }
        if (!valid) revert PkiSignature__InvalidSignature();
    }
}
