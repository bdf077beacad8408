// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {IPeerTrust} from "./IPeerTrust.sol";
import {ITrustStore} from "./ITrustStore.sol";

/**
 * @title IIdentityRegistry
 * @notice Binds a wallet to a national-PKI certificate after verifying its certification path on-chain:
 * each link's signature, issuer/subject chaining, validity at block time, CA flag and keyCertSign on
 * issuers, path-length limits, a signing key usage on the leaf, the top certificate issued by a Trust
 * Store anchor that is active at block time, and nothing revoked. Verified intermediate CA certificates
 * are cached; anchor status and revocation are re-checked at every use.
 *
 * Proof of possession: the leaf key signs, as a CMS signer (the same signed attributes and the same
 * verification as a transaction signature), the EIP-712 digest of
 * `Register(address wallet,bytes32 identity,uint256 nonce)` under the domain
 * ("IdentityRegistry", "1", chain id, this contract), where `identity` is the leaf's tbsCertificate hash
 * and `nonce` the wallet's registration counter. A public certificate alone binds nothing.
 *
 * Identity and keys: a certificate is named by the SHA-256 of its tbsCertificate; one key (SPKI hash)
 * is bound to at most one wallet, whatever certificate carries it.
 */
interface IIdentityRegistry {
    /// @notice The bound certificate's public key type.
    enum KeyType {
        None,
        Rsa, //   key = modulus (big-endian, no leading zero), exponent
        P256, //  key = x || y (64 bytes)
        Sm2 //    key = x || y (64 bytes), exponent = ZA (32 bytes: SM3 of the default ID and the key, GB/T 32918.2)
    }

    struct Identity {
        bytes32 certificateHash; // SHA-256 of the leaf's tbsCertificate: its identity
        bytes32 keyHash; // SHA-256 of the leaf's DER SubjectPublicKeyInfo
        bytes32 derHash; // SHA-256 of the leaf DER as registered (what signingCertificateV2 names)
        bytes32 anchorHash; // the Trust Store anchor the path ends in
        bytes2 country; // the anchor's country
        KeyType keyType;
        uint64 notBefore; // the path's validity window: the latest notBefore of leaf and intermediates
        uint64 notAfter; // ... and the earliest notAfter
        uint64 registeredAt;
        bytes key;
        bytes exponent; // RSA: the public exponent; SM2: ZA, computed once at registration
        bytes32[] path; // tbsCertificate hash of each certificate, leaf first, the anchor last (ITrustStore.checkPath)
    }

    /// @notice A wallet bound a certificate; `certificate` is its DER, so that anyone can re-check it.
    event IdentityRegistered(
        address indexed account,
        bytes32 indexed certificateHash,
        bytes32 indexed keyHash,
        bytes32 anchorHash,
        bytes2 country,
        bytes32[] path,
        bytes certificate
    );
    /// @notice A wallet withdrew its identity (or replaced it: a new `IdentityRegistered` follows).
    event IdentityWithdrawn(address indexed account, bytes32 indexed certificateHash, bytes32 indexed keyHash);
    /// @notice A CA certificate's signature by the key with SPKI hash `issuerSpkiHash` was verified and cached.
    event IntermediateVerified(bytes32 indexed certificateHash, bytes32 indexed issuerSpkiHash, bytes certificate);

    error IdentityRegistry__EmptyPath();
    error IdentityRegistry__PathTooLong(uint256 length, uint256 maximum);
    error IdentityRegistry__AnchorNotTrusted(bytes32 anchorHash, ITrustStore.PathStatus status);
    error IdentityRegistry__CertificateRevoked(uint256 index, bytes32 certificateHash);
    /// @notice The anchor is unknown to the local Trust Store and its route from a peer ledger is not live.
    error IdentityRegistry__RouteNotLive(bytes32 anchorHash, IPeerTrust.RouteStatus status);
    /// @notice A routed anchor's DER has not been published (`IPeerTrust.publishAnchorCertificate`).
    error IdentityRegistry__AnchorCertificateMissing(bytes32 anchorHash);
    error IdentityRegistry__IssuerMismatch(uint256 index);
    error IdentityRegistry__InvalidSignature(uint256 index);
    error IdentityRegistry__CertificateNotYetValid(uint256 index, uint64 notBefore);
    error IdentityRegistry__CertificateExpired(uint256 index, uint64 notAfter);
    error IdentityRegistry__IssuerNotCa(uint256 index);
    error IdentityRegistry__IssuerCannotSignCertificates(uint256 index);
    error IdentityRegistry__PathLengthExceeded(uint256 index, uint256 pathLenConstraint);
    error IdentityRegistry__UnknownCriticalExtension(uint256 index);
    error IdentityRegistry__LeafCannotSign(uint16 keyUsage);
    /// @notice The leaf is a CA certificate: CA keys sign certificates, not transactions.
    error IdentityRegistry__LeafIsCa();
    /// @notice The leaf's extendedKeyUsage allows none of the purposes a signature here serves.
    error IdentityRegistry__LeafPurposeNotAllowed();
    error IdentityRegistry__UnsupportedLeafKey(bytes algorithmOid);
    /// @notice The leaf key is already bound to another wallet (by any certificate that carries it).
    error IdentityRegistry__KeyAlreadyBound(bytes32 keyHash, address account);
    error IdentityRegistry__NoIdentity(address account);
    error IdentityRegistry__StorageFailed();

    /**
     * @notice Verifies `path` (leaf first, then intermediates up to the one the anchor issued; the anchor
     * itself is not included) against the Trust Store anchor `anchorHash` at block time, checks the
     * proof of possession (`signedAttributes` and `signature` by the leaf key over
     * `possessionDigestOf(caller, identity)`, see above), and binds the caller to the leaf certificate,
     * replacing the caller's previous identity. PKI signature refusals are `PkiSignature__*` errors.
     */
    function register(bytes[] calldata path, bytes32 anchorHash, bytes calldata signedAttributes, bytes calldata signature)
        external;

    /// @notice Removes the caller's identity and frees its certificate.
    function withdraw() external;

    function trustStore() external view returns (ITrustStore);
    function identityOf(address account) external view returns (Identity memory);
    function hasIdentity(address account) external view returns (bool);
    /// @notice The wallet bound to a key, by the SHA-256 of its SubjectPublicKeyInfo (zero if none).
    function accountOf(bytes32 keyHash) external view returns (address);
    /// @notice The wallet's registration counter, part of the proof of possession its next `register` needs.
    function registrationNonceOf(address account) external view returns (uint256);
    /// @notice The EIP-712 digest the leaf key of certificate `identity` (tbsCertificate hash) signs to
    /// register it to `account` now.
    function possessionDigestOf(address account, bytes32 identity) external view returns (bytes32);
    /// @notice Whether a CA certificate is cached as verified under the issuer key with SPKI hash `issuerSpkiHash`.
    function isVerifiedIntermediate(bytes32 certificateHash, bytes32 issuerSpkiHash) external view returns (bool);
}
