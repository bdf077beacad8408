// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {IIdentityRegistry} from "./interfaces/IIdentityRegistry.sol";
import {ITrustStore} from "./interfaces/ITrustStore.sol";
import {X509} from "./lib/X509.sol";

/**
 * @title IdentityRegistry
 * @notice See {IIdentityRegistry}. The contract checks the path it is given and builds nothing.
 * @dev Checks follow RFC 5280 section 6.1 for what a ledger can check: names are compared byte for
 * byte (see {X509}), policies and name constraints are not processed (a certificate marking either
 * critical is refused as an unknown critical extension), and the trust anchor's own validity period is
 * not checked (its status in the Trust Store is). Self-issued intermediates (key rollover) count toward
 * pathLenConstraint, which RFC 5280 exempts them from: stricter, never laxer. The leaf needs
 * digitalSignature or nonRepudiation when it has a keyUsage extension (none means any use, RFC 5280
 * section 4.2.1.3). An intermediate's cache entry records only facts that
 * do not change with time (signature, CA flag, key usage, extensions); its validity period is checked
 * at every use, the anchor's status and revocation through `ITrustStore.checkPath` at every use.
 */
contract IdentityRegistry is IIdentityRegistry {
    /// @notice The most intermediates a path may hold (the leaf and the anchor not counted).
    uint256 public constant MAX_INTERMEDIATES = 4;

    ITrustStore public immutable trustStore;

    /// @dev What a verified CA certificate needs at later uses: one storage slot.
    struct VerifiedCa {
        bool verified;
        bool hasPathLenConstraint;
        uint8 pathLenConstraint; // saturated at 255
        uint64 notBefore;
        uint64 notAfter;
        uint16 issuerOffset;
        uint16 subjectOffset;
        uint16 spkiOffset;
        uint16 spkiLength;
    }

    /// @dev The anchor's immutable facts (its DER never changes under its hash); status is never cached.
    struct AnchorFacts {
        bytes32 spkiHash;
        bytes32 subjectHash;
        bytes2 country;
        bool known;
        bool hasPathLenConstraint;
        uint8 pathLenConstraint;
    }

    /// @dev The issuer of the certificate being checked.
    struct Issuer {
        bytes32 subjectHash;
        bytes32 spkiHash;
        bytes der; // the issuer's DER (empty for the anchor until loaded)
        uint256 spkiOffset;
        uint256 spkiLength;
        bool isAnchor;
    }

    /// @dev An identity in one storage slot; its variable part (certificate hash, key, exponent, path
    /// hashes, anchor hash) and the leaf's validity period live in the code of a small data contract
    /// written once per registration ("SSTORE2"): about 120k gas instead of some 330k for the same bytes
    /// in storage slots, and cheaper to read when signing. The validity period there costs 16 code bytes
    /// (3.2k gas) instead of a second slot (22.1k gas to write, 2.1k to read at each signature).
    struct StoredIdentity {
        address data; // the data contract; zero: no identity
        KeyType keyType;
        bytes2 country;
        uint64 registeredAt;
    }

    mapping(address account => StoredIdentity) private _identities;
    mapping(bytes32 certificateHash => address account) private _accounts;
    mapping(bytes32 cacheKey => VerifiedCa) private _verifiedCas;
    mapping(bytes32 anchorHash => AnchorFacts) private _anchors;

    constructor(ITrustStore trustStore_) {
        trustStore = trustStore_;
    }

    /// @inheritdoc IIdentityRegistry
    function register(bytes[] calldata path, bytes32 anchorHash) external {
        uint256 n = path.length;
        if (n == 0) revert IdentityRegistry__EmptyPath();
        if (n > MAX_INTERMEDIATES + 1) revert IdentityRegistry__PathTooLong(n, MAX_INTERMEDIATES + 1);

        bytes32[] memory hashes = new bytes32[](n + 1);
        for (uint256 i; i < n; i++) {
            hashes[i] = sha256(path[i]);
        }
        hashes[n] = anchorHash;
        _checkTrust(hashes, uint64(block.timestamp));

        AnchorFacts memory anchorFacts = _anchorFacts(anchorHash);
        if (anchorFacts.hasPathLenConstraint && n - 1 > anchorFacts.pathLenConstraint) {
            revert IdentityRegistry__PathLengthExceeded(n, anchorFacts.pathLenConstraint);
        }
        Issuer memory issuer = Issuer({
            subjectHash: anchorFacts.subjectHash,
            spkiHash: anchorFacts.spkiHash,
            der: "",
            spkiOffset: 0,
            spkiLength: 0,
            isAnchor: true
        });
        for (uint256 i = n - 1; i > 0; i--) {
            issuer = _checkIntermediate(path[i], hashes[i], i, issuer, anchorHash);
        }

        bytes memory leafDer = path[0];
        X509.Certificate memory leaf = X509.parse(leafDer);
        _checkLink(leafDer, leaf, 0, issuer, anchorHash);
        if (leaf.hasKeyUsage && leaf.keyUsage & (X509.KU_DIGITAL_SIGNATURE | X509.KU_NON_REPUDIATION) == 0) {
            revert IdentityRegistry__LeafCannotSign(leaf.keyUsage);
        }
        _bind(leaf, hashes, anchorFacts.country);
        emit IdentityRegistered(msg.sender, hashes[0], anchorHash, anchorFacts.country, hashes, leafDer);
    }

    /// @inheritdoc IIdentityRegistry
    function withdraw() external {
        address data = _identities[msg.sender].data;
        if (data == address(0)) revert IdentityRegistry__NoIdentity(msg.sender);
        bytes32 certificateHash = _certificateHashOf(data);
        delete _accounts[certificateHash];
        delete _identities[msg.sender];
        emit IdentityWithdrawn(msg.sender, certificateHash);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IIdentityRegistry
    function identityOf(address account) external view returns (Identity memory identity) {
        StoredIdentity memory stored = _identities[account];
        if (stored.data == address(0)) return identity;
        (identity.path, identity.key, identity.exponent, identity.notBefore, identity.notAfter) =
            _decodeData(_readData(stored.data));
        identity.certificateHash = identity.path[0];
        identity.anchorHash = identity.path[identity.path.length - 1];
        identity.country = stored.country;
        identity.keyType = stored.keyType;
        identity.registeredAt = stored.registeredAt;
    }

    /// @inheritdoc IIdentityRegistry
    function hasIdentity(address account) external view returns (bool) {
        return _identities[account].data != address(0);
    }

    /// @inheritdoc IIdentityRegistry
    function accountOf(bytes32 certificateHash) external view returns (address) {
        return _accounts[certificateHash];
    }

    /// @inheritdoc IIdentityRegistry
    function isVerifiedIntermediate(bytes32 certificateHash, bytes32 issuerSpkiHash) external view returns (bool) {
        return _verifiedCas[_cacheKey(certificateHash, issuerSpkiHash)].verified;
    }

    // ------------------------------------------------------------------ internals

    function _checkTrust(bytes32[] memory hashes, uint64 time) private view {
        (ITrustStore.PathStatus status, uint256 index) = trustStore.checkPath(hashes, time);
        if (status == ITrustStore.PathStatus.Ok) return;
        if (status == ITrustStore.PathStatus.CertificateRevoked) {
            revert IdentityRegistry__CertificateRevoked(index, hashes[index]);
        }
        revert IdentityRegistry__AnchorNotTrusted(hashes[hashes.length - 1], status);
    }

    function _anchorFacts(bytes32 anchorHash) private returns (AnchorFacts memory facts) {
        facts = _anchors[anchorHash];
        if (facts.known) return facts;
        ITrustStore.Anchor memory anchor = trustStore.anchor(anchorHash);
        X509.Certificate memory cert = X509.parse(anchor.der);
        facts = AnchorFacts({
            spkiHash: cert.spkiHash,
            subjectHash: keccak256(cert.subject),
            country: anchor.country,
            known: true,
            hasPathLenConstraint: cert.hasPathLenConstraint,
            pathLenConstraint: _saturate(cert.pathLenConstraint)
        });
        _anchors[anchorHash] = facts;
    }

    /// @dev Checks the intermediate at `index` under `issuer`, from the cache when it holds it.
    function _checkIntermediate(
        bytes calldata der,
        bytes32 certificateHash,
        uint256 index,
        Issuer memory issuer,
        bytes32 anchorHash
    ) private returns (Issuer memory next) {
        bytes32 cacheKey = _cacheKey(certificateHash, issuer.spkiHash);
        VerifiedCa memory cached = _verifiedCas[cacheKey];
        if (cached.verified) {
            // Same DER (same hash) under the same key: only time and position can differ.
            _checkValidity(index, cached.notBefore, cached.notAfter);
            if (keccak256(_element(der, cached.issuerOffset)) != issuer.subjectHash) {
                revert IdentityRegistry__IssuerMismatch(index);
            }
            if (cached.hasPathLenConstraint && index - 1 > cached.pathLenConstraint) {
                revert IdentityRegistry__PathLengthExceeded(index, cached.pathLenConstraint);
            }
            return Issuer({
                subjectHash: keccak256(_element(der, cached.subjectOffset)),
                spkiHash: sha256(der[cached.spkiOffset:cached.spkiOffset + cached.spkiLength]),
                der: der,
                spkiOffset: cached.spkiOffset,
                spkiLength: cached.spkiLength,
                isAnchor: false
            });
        }

        bytes memory certDer = der;
        X509.Certificate memory cert = X509.parse(certDer);
        if (!cert.hasBasicConstraints || !cert.isCa) revert IdentityRegistry__IssuerNotCa(index);
        if (cert.hasKeyUsage && cert.keyUsage & X509.KU_KEY_CERT_SIGN == 0) {
            revert IdentityRegistry__IssuerCannotSignCertificates(index);
        }
        if (cert.hasPathLenConstraint && index - 1 > cert.pathLenConstraint) {
            revert IdentityRegistry__PathLengthExceeded(index, cert.pathLenConstraint);
        }
        _checkLink(certDer, cert, index, issuer, anchorHash);

        // The cache keeps 16-bit offsets: a (very unusual) certificate over 64 KiB is re-verified each time.
        if (certDer.length <= type(uint16).max) {
            _verifiedCas[cacheKey] = VerifiedCa({
                verified: true,
                hasPathLenConstraint: cert.hasPathLenConstraint,
                pathLenConstraint: _saturate(cert.pathLenConstraint),
                notBefore: cert.notBefore,
                notAfter: cert.notAfter,
                issuerOffset: uint16(cert.issuerOffset),
                subjectOffset: uint16(cert.subjectOffset),
                spkiOffset: uint16(cert.spkiOffset),
                spkiLength: uint16(cert.spkiLength)
            });
        }
        emit IntermediateVerified(certificateHash, issuer.spkiHash, certDer);
        return Issuer({
            subjectHash: keccak256(cert.subject),
            spkiHash: cert.spkiHash,
            der: certDer,
            spkiOffset: cert.spkiOffset,
            spkiLength: cert.spkiLength,
            isAnchor: false
        });
    }

    /// @dev The checks every certificate of the path gets: name chaining, time, extensions, signature.
    function _checkLink(
        bytes memory der,
        X509.Certificate memory cert,
        uint256 index,
        Issuer memory issuer,
        bytes32 anchorHash
    ) private view {
        if (keccak256(cert.issuer) != issuer.subjectHash) revert IdentityRegistry__IssuerMismatch(index);
        _checkValidity(index, cert.notBefore, cert.notAfter);
        if (cert.hasUnknownCriticalExtension) revert IdentityRegistry__UnknownCriticalExtension(index);
        if (!X509.verifySignature(der, cert, _issuerKey(issuer, anchorHash))) {
            revert IdentityRegistry__InvalidSignature(index);
        }
    }

    function _issuerKey(Issuer memory issuer, bytes32 anchorHash) private view returns (X509.PublicKey memory) {
        if (issuer.isAnchor) return X509.parse(trustStore.anchor(anchorHash).der).publicKey;
        return X509.readPublicKey(issuer.der, issuer.spkiOffset, issuer.spkiLength);
    }

    function _checkValidity(uint256 index, uint64 notBefore, uint64 notAfter) private view {
        if (block.timestamp < notBefore) revert IdentityRegistry__CertificateNotYetValid(index, notBefore);
        if (block.timestamp > notAfter) revert IdentityRegistry__CertificateExpired(index, notAfter);
    }

    /// @dev `hashes`: the path hashes, leaf first, the anchor last.
    function _bind(X509.Certificate memory leaf, bytes32[] memory hashes, bytes2 country) private {
        bytes32 certificateHash = hashes[0];
        address bound = _accounts[certificateHash];
        if (bound != address(0) && bound != msg.sender) {
            revert IdentityRegistry__CertificateAlreadyBound(certificateHash, bound);
        }
        (KeyType keyType, bytes memory key, bytes memory exponent) = _signingKey(leaf.publicKey);

        address previousData = _identities[msg.sender].data;
        if (previousData != address(0)) {
            bytes32 previous = _certificateHashOf(previousData);
            if (previous != certificateHash) {
                delete _accounts[previous];
                emit IdentityWithdrawn(msg.sender, previous);
            }
        }
        _accounts[certificateHash] = msg.sender;
        _identities[msg.sender] = StoredIdentity({
            data: _writeData(_encodeData(hashes, key, exponent, leaf.notBefore, leaf.notAfter)),
            keyType: keyType,
            country: country,
            registeredAt: uint64(block.timestamp)
        });
    }

    /// @dev The certificate hash, the first path hash, from the data contract.
    function _certificateHashOf(address data) private view returns (bytes32 certificateHash) {
        assembly ("memory-safe") {
            extcodecopy(data, 0x00, 6, 32) // after 0xfe and the 5-byte header
            certificateHash := mload(0x00)
        }
    }

    /// @dev Packed, smaller than ABI encoding: uint8 path length, uint16 key length, uint16 exponent
    /// length, the path hashes, the key, the exponent, then the leaf's notBefore and notAfter (uint64).
    function _encodeData(bytes32[] memory path, bytes memory key, bytes memory exponent, uint64 notBefore, uint64 notAfter)
        private
        pure
        returns (bytes memory)
    {
        return abi.encodePacked(
            uint8(path.length), uint16(key.length), uint16(exponent.length), path, key, exponent, notBefore, notAfter
        );
    }

    function _decodeData(bytes memory data)
        private
        pure
        returns (bytes32[] memory path, bytes memory key, bytes memory exponent, uint64 notBefore, uint64 notAfter)
    {
        uint256 pathLength = uint8(data[0]);
        uint256 keyLength = (uint256(uint8(data[1])) << 8) | uint8(data[2]);
        uint256 exponentLength = (uint256(uint8(data[3])) << 8) | uint8(data[4]);
        path = new bytes32[](pathLength);
        key = new bytes(keyLength);
        exponent = new bytes(exponentLength);
        assembly ("memory-safe") {
            let src := add(data, 37) // 32 (length word) + 5 (header)
            mcopy(add(path, 32), src, shl(5, pathLength))
            src := add(src, shl(5, pathLength))
            mcopy(add(key, 32), src, keyLength)
            src := add(src, keyLength)
            mcopy(add(exponent, 32), src, exponentLength)
            src := add(src, exponentLength)
            notBefore := shr(192, mload(src))
            notAfter := shr(192, mload(add(src, 8)))
        }
    }

    /// @dev Deploys a contract whose code is 0xfe (so it cannot be called) followed by `data`.
    function _writeData(bytes memory data) private returns (address pointer) {
        // initcode: PUSH2 size, DUP1, PUSH1 10, RETURNDATASIZE, CODECOPY, RETURNDATASIZE, RETURN
        bytes memory code = abi.encodePacked(hex"61", uint16(data.length + 1), hex"80600a3d393df3fe", data);
        assembly ("memory-safe") {
            pointer := create(0, add(code, 32), mload(code))
        }
        if (pointer == address(0)) revert IdentityRegistry__StorageFailed();
    }

    function _readData(address pointer) private view returns (bytes memory data) {
        uint256 size = pointer.code.length - 1;
        data = new bytes(size);
        assembly ("memory-safe") {
            extcodecopy(pointer, add(data, 32), 1, size)
        }
    }

    /// @dev The leaf key in the form the transaction registry verifies with: RSA, or P-256 as x || y.
    function _signingKey(X509.PublicKey memory key)
        private
        pure
        returns (KeyType keyType, bytes memory raw, bytes memory exponent)
    {
        if (key.algorithm == X509.KeyAlgorithm.Rsa && key.modulus.length >= 256) {
            return (KeyType.Rsa, key.modulus, key.exponent);
        }
        if (
            key.algorithm == X509.KeyAlgorithm.Ec && keccak256(key.curveOid) == keccak256(hex"2a8648ce3d030107")
                && key.point.length == 65 && key.point[0] == 0x04
        ) {
            bytes memory point = key.point;
            raw = new bytes(64);
            assembly ("memory-safe") {
                mcopy(add(raw, 32), add(point, 33), 64) // x || y, after the 0x04 prefix
            }
            return (KeyType.P256, raw, "");
        }
        revert IdentityRegistry__UnsupportedLeafKey(key.algorithmOid);
    }

    /// @dev The DER element (header included) starting at `offset` of a certificate whose hash matched
    /// a cache entry, so the offset is known good; its length is read from the header.
    function _element(bytes calldata der, uint256 offset) private pure returns (bytes calldata) {
        uint256 first = uint8(der[offset + 1]);
        if (first < 0x80) return der[offset:offset + 2 + first];
        uint256 n = first & 0x7f;
        uint256 length;
        for (uint256 i; i < n; i++) length = (length << 8) | uint8(der[offset + 2 + i]);
        return der[offset:offset + 2 + n + length];
    }

    function _cacheKey(bytes32 certificateHash, bytes32 issuerSpkiHash) private pure returns (bytes32) {
        return keccak256(abi.encode(certificateHash, issuerSpkiHash));
    }

    function _saturate(uint256 value) private pure returns (uint8) {
        return value > type(uint8).max ? type(uint8).max : uint8(value);
    }
}
