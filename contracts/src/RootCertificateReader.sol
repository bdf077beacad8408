// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {X509} from "./lib/X509.sol";

/**
 * @title RootCertificateReader
 * @notice Reads a certificate proposed as a Trust Store anchor with the one on-chain certificate reader
 * ({X509}), in a contract of its own that the TrustStore deploys in its constructor. Stateless.
 * @dev Keeps the TrustStore under the EIP-170 code size limit, as {PkiVerifier} does for the
 * IdentityRegistry. A malformed certificate reverts with the `Der__*`/`X509__*` error that says where and
 * why; the TrustStore's call passes it on unchanged.
 */
contract RootCertificateReader {
    /// @notice What the Trust Store needs of a proposed anchor.
    struct Root {
        bytes32 tbsHash; // SHA-256 of the tbsCertificate: the anchor's identity
        bytes32 spkiHash; // SHA-256 of the DER SubjectPublicKeyInfo
        uint64 notBefore;
        uint64 notAfter;
        bytes2 countryName; // the subject's single countryName, or zero (see {X509-countryName})
        bool selfIssuedCa; // issuer = subject, basicConstraints cA, keyCertSign when keyUsage is present
    }

    /// @notice Reads `der`, a strict-DER X.509 certificate; reverts when it is malformed.
    function read(bytes calldata der) external pure returns (Root memory root) {
        bytes memory certificate = der;
        X509.Certificate memory cert = X509.parse(certificate);
        root.tbsHash = cert.tbsHash;
        root.spkiHash = cert.spkiHash;
        root.notBefore = cert.notBefore;
        root.notAfter = cert.notAfter;
        root.countryName = X509.countryName(cert.subject);
        root.selfIssuedCa = keccak256(cert.issuer) == keccak256(cert.subject) && cert.isCa
            && (!cert.hasKeyUsage || cert.keyUsage & X509.KU_KEY_CERT_SIGN != 0);
    }
}
