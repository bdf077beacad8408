// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {ITrustStore} from "./ITrustStore.sol";

/**
 * @title IIdentityRegistry
 * @notice Binds a wallet to a national-PKI certificate after verifying its certification path on-chain:
 * each link's signature, issuer/subject chaining, validity at block time, CA flag and keyCertSign on
 * issuers, path-length limits, a signing key usage on the leaf, the top certificate issued by a Trust
 * Store anchor that is active at block time, and nothing revoked. Verified intermediate CA certificates
 * are cached; anchor status and revocation are re-checked at every use.
 */
interface IIdentityRegistry {
    /// @notice The bound certificate's public key type.
    enum KeyType {
        None,
        Rsa, //   key = modulus (big-endian, no leading zero), exponent
        P256 //   key = x || y (64 bytes)
    }

    struct Identity {
        bytes32 certificateHash; // SHA-256 of the certificate DER
        bytes32 anchorHash; // the Trust Store anchor the path ends in
        bytes2 country; // the anchor's country
        KeyType keyType;
        uint64 notBefore;
        uint64 notAfter;
        uint64 registeredAt;
        bytes key;
        bytes exponent;
        bytes32[] path; // SHA-256 of each certificate, leaf first, the anchor last (ITrustStore.checkPath)
    }

    /// @notice A wallet bound a certificate; `certificate` is its DER, so that anyone can re-check it.
    event IdentityRegistered(
        address indexed account,
        bytes32 indexed certificateHash,
        bytes32 indexed anchorHash,
        bytes2 country,
        bytes32[] path,
        bytes certificate
    );
    /// @notice A wallet withdrew its identity (or replaced it: a new `IdentityRegistered` follows).
    event IdentityWithdrawn(address indexed account, bytes32 indexed certificateHash);
    /// @notice A CA certificate's signature by the key with SPKI hash `issuerSpkiHash` was verified and cached.
    event IntermediateVerified(bytes32 indexed certificateHash, bytes32 indexed issuerSpkiHash, bytes certificate);

    error IdentityRegistry__EmptyPath();
    error IdentityRegistry__PathTooLong(uint256 length, uint256 maximum);
    error IdentityRegistry__AnchorNotTrusted(bytes32 anchorHash, ITrustStore.PathStatus status);
    error IdentityRegistry__CertificateRevoked(uint256 index, bytes32 certificateHash);
    error IdentityRegistry__IssuerMismatch(uint256 index);
    error IdentityRegistry__InvalidSignature(uint256 index);
    error IdentityRegistry__CertificateNotYetValid(uint256 index, uint64 notBefore);
    error IdentityRegistry__CertificateExpired(uint256 index, uint64 notAfter);
    error IdentityRegistry__IssuerNotCa(uint256 index);
    error IdentityRegistry__IssuerCannotSignCertificates(uint256 index);
    error IdentityRegistry__PathLengthExceeded(uint256 index, uint256 pathLenConstraint);
    error IdentityRegistry__UnknownCriticalExtension(uint256 index);
    error IdentityRegistry__LeafCannotSign(uint16 keyUsage);
    error IdentityRegistry__UnsupportedLeafKey(bytes algorithmOid);
    error IdentityRegistry__CertificateAlreadyBound(bytes32 certificateHash, address account);
    error IdentityRegistry__NoIdentity(address account);
    error IdentityRegistry__StorageFailed();

    /**
     * @notice Verifies `path` (leaf first, then intermediates up to the one the anchor issued; the anchor
     * itself is not included) against the Trust Store anchor `anchorHash` at block time, and binds the
     * caller to the leaf certificate, replacing the caller's previous identity.
     */
    function register(bytes[] calldata path, bytes32 anchorHash) external;

    /// @notice Removes the caller's identity and frees its certificate.
    function withdraw() external;

    function trustStore() external view returns (ITrustStore);
    function identityOf(address account) external view returns (Identity memory);
    function hasIdentity(address account) external view returns (bool);
    /// @notice The wallet bound to a certificate (zero if none).
    function accountOf(bytes32 certificateHash) external view returns (address);
    /// @notice Whether a CA certificate is cached as verified under the issuer key with SPKI hash `issuerSpkiHash`.
    function isVerifiedIntermediate(bytes32 certificateHash, bytes32 issuerSpkiHash) external view returns (bool);
}
