// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {IIdentityRegistry} from "./interfaces/IIdentityRegistry.sol";
import {IPeerTrust} from "./interfaces/IPeerTrust.sol";
import {ITrustStore} from "./interfaces/ITrustStore.sol";
import {PkiVerifier} from "./PkiVerifier.sol";
import {Der} from "./lib/Der.sol";
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
 * section 4.2.1.3); it must not be a CA (cA TRUE), and when it has an extendedKeyUsage extension it must
 * list anyExtendedKeyUsage, clientAuth, emailProtection, documentSigning or Microsoft document signing
 * (ICP-Brasil holder certificates carry clientAuth and emailProtection). An intermediate's cache entry,
 * keyed by its tbsCertificate hash and its issuer's key, records only facts that do not change with
 * time (signature, CA flag, key usage, extensions); its validity period is checked at every use, the
 * anchor's status and revocation through `ITrustStore.checkPath` at every use.
 *
 * Identities are tbsCertificate hashes (`X509.Certificate.tbsHash`) everywhere, so that a re-encoding
 * of a certificate's outer signature (an ECDSA (r, n - s) twin) is the same certificate: same
 * revocation, same cache entry, same identity. A key (SPKI hash) is bound to one wallet at most.
 *
 * EIP-712 domain of the proof of possession: name "IdentityRegistry", version "1", the chain id and
 * this contract's address.
 */
contract IdentityRegistry is IIdentityRegistry, EIP712 {
    /// @notice The most intermediates a path may hold (the leaf and the anchor not counted).
    uint256 public constant MAX_INTERMEDIATES = 4;

    ITrustStore public immutable trustStore;
    /// @notice The signature checks (certificates and proof of possession), deployed by the constructor.
    PkiVerifier public immutable verifier;

    bytes32 private constant _REGISTER_TYPEHASH = keccak256("Register(address wallet,bytes32 identity,uint256 nonce)");

    /// @dev What a verified CA certificate needs at later uses: one storage slot. Offsets are relative to
    /// the start of the tbsCertificate, so they hold for any encoding of the same signed part.
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
    /// Where its SubjectPublicKeyInfo lies in its tbsCertificate (which its hash fixes, whatever the DER
    /// around it), so that its key is read without parsing it again (zero length: a DER over 64 KiB,
    /// parsed when its key is needed).
    struct AnchorFacts {
        bytes32 spkiHash;
        bytes32 subjectHash;
        bytes2 country;
        bool known;
        bool hasPathLenConstraint;
        uint8 pathLenConstraint;
        uint16 spkiOffset;
        uint16 spkiLength;
    }

    /// @dev The issuer of the certificate being checked.
    struct Issuer {
        bytes32 subjectHash;
        bytes32 spkiHash;
        bytes der; // the issuer's DER (empty for the anchor until loaded)
        uint256 spkiOffset;
        uint256 spkiLength;
        bool isAnchor;
        bytes32 sm2Za; // the issuer's ZA (default ID) when its key is SM2 and it is an intermediate; zero otherwise
    }

    /// @dev A leaf key as the signatures are verified with it.
    struct SigningKey {
        KeyType keyType;
        bytes key; // RSA modulus, or P-256 / SM2 x || y
        bytes exponent; // RSA: the exponent; SM2: ZA
    }

    /// @dev What a verified path gives the binding: the leaf, the path hashes, the country, the window.
    struct VerifiedPath {
        X509.Certificate leaf;
        bytes32[] hashes; // tbsCertificate hashes, leaf first, the anchor last
        bytes2 country;
        uint64 notBefore; // the latest notBefore of leaf and intermediates
        uint64 notAfter; // the earliest notAfter
    }

    /// @dev An identity in one storage slot; its variable part (certificate hash, key, exponent, path
    /// hashes, anchor hash) and the leaf's validity period live in the code of a small data contract
    /// written once per registration ("SSTORE2"): about 120k gas instead of some 330k for the same bytes
    /// in storage slots, and cheaper to read when signing. The validity period there costs 16 code bytes
    /// (3.2k gas) instead of a second slot (22.1k gas to write, 2.1k to read at each signature).
    /// The registration nonce lives in the same slot and survives `withdraw`, so that an old proof of
    /// possession never binds again.
    struct StoredIdentity {
        address data; // the data contract; zero: no identity
        KeyType keyType;
        bytes2 country;
        uint40 registeredAt;
        uint32 nonce; // registrations so far
    }

    mapping(address account => StoredIdentity) private _identities;
    mapping(bytes32 keyHash => address account) private _accounts;
    mapping(bytes32 cacheKey => VerifiedCa) private _verifiedCas;
    /// @dev ZA (default ID) of a verified SM2 CA's key, beside its cache entry: hashing ZA again for each
    /// certificate the CA issued costs several SM3 blocks. The entry's certificate hash fixes the key.
    mapping(bytes32 cacheKey => bytes32 za) private _verifiedCaSm2Za;
    mapping(bytes32 anchorHash => AnchorFacts) private _anchors;

    constructor(ITrustStore trustStore_) EIP712("IdentityRegistry", "1") {
        trustStore = trustStore_;
        verifier = new PkiVerifier();
    }

    /// @inheritdoc IIdentityRegistry
    function register(bytes[] calldata path, bytes32 anchorHash, bytes calldata signedAttributes, bytes calldata signature)
        external
    {
        VerifiedPath memory verified = _verifyPath(path, anchorHash);
        SigningKey memory key = _signingKey(verified.leaf.publicKey);
        bytes32 derHash = sha256(path[0]);
        uint32 nonce = _identities[msg.sender].nonce;
        verifier.verifyPkiSignature(
            _possessionDigest(msg.sender, verified.hashes[0], nonce),
            signedAttributes,
            signature,
            derHash,
            key.keyType,
            key.key,
            key.exponent
        );
        _bind(verified, key, derHash, nonce);
        emit IdentityRegistered(
            msg.sender, verified.hashes[0], verified.leaf.spkiHash, anchorHash, verified.country, verified.hashes, path[0]
        );
    }

    /// @inheritdoc IIdentityRegistry
    function withdraw() external {
        StoredIdentity memory stored = _identities[msg.sender];
        if (stored.data == address(0)) revert IdentityRegistry__NoIdentity(msg.sender);
        (bytes32 keyHash, bytes32 certificateHash) = _hashesOf(stored.data);
        delete _accounts[keyHash];
        _identities[msg.sender] = StoredIdentity({
            data: address(0),
            keyType: KeyType.None,
            country: bytes2(0),
            registeredAt: 0,
            nonce: stored.nonce
        });
        emit IdentityWithdrawn(msg.sender, certificateHash, keyHash);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IIdentityRegistry
    function identityOf(address account) external view returns (Identity memory identity) {
        StoredIdentity memory stored = _identities[account];
        if (stored.data == address(0)) return identity;
        (identity.path, identity.key, identity.exponent, identity.keyHash, identity.derHash, identity.notBefore, identity.notAfter)
        = _decodeData(_readData(stored.data));
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
    function accountOf(bytes32 keyHash) external view returns (address) {
        return _accounts[keyHash];
    }

    /// @inheritdoc IIdentityRegistry
    function registrationNonceOf(address account) external view returns (uint256) {
        return _identities[account].nonce;
    }

    /// @inheritdoc IIdentityRegistry
    function possessionDigestOf(address account, bytes32 identity) external view returns (bytes32) {
        return _possessionDigest(account, identity, _identities[account].nonce);
    }

    /// @inheritdoc IIdentityRegistry
    function isVerifiedIntermediate(bytes32 certificateHash, bytes32 issuerSpkiHash) external view returns (bool) {
        return _verifiedCas[_cacheKey(certificateHash, issuerSpkiHash)].verified;
    }

    // ------------------------------------------------------------------ internals

    /**
     * @dev Checks `path` under `anchorHash` at block time (trust, chaining, signatures, validity,
     * extensions, the leaf's purpose) and returns what the binding needs. No proof of possession here.
     */
    function _verifyPath(bytes[] calldata path, bytes32 anchorHash) internal returns (VerifiedPath memory verified) {
        uint256 n = path.length;
        if (n == 0) revert IdentityRegistry__EmptyPath();
        if (n > MAX_INTERMEDIATES + 1) revert IdentityRegistry__PathTooLong(n, MAX_INTERMEDIATES + 1);

        bytes32[] memory hashes = new bytes32[](n + 1);
        for (uint256 i; i < n; i++) {
            (uint256 tbsStart, uint256 tbsEnd) = _tbsRange(path[i]);
            hashes[i] = sha256(path[i][tbsStart:tbsEnd]);
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
            spkiOffset: anchorFacts.spkiOffset,
            spkiLength: anchorFacts.spkiLength,
            isAnchor: true,
            sm2Za: bytes32(0)
        });
        verified.notAfter = type(uint64).max;
        for (uint256 i = n - 1; i > 0; i--) {
            uint64 notBefore;
            uint64 notAfter;
            (issuer, notBefore, notAfter) = _checkIntermediate(path[i], hashes[i], i, issuer, anchorHash);
            if (notBefore > verified.notBefore) verified.notBefore = notBefore;
            if (notAfter < verified.notAfter) verified.notAfter = notAfter;
        }

        bytes memory leafDer = path[0];
        X509.Certificate memory leaf = X509.parse(leafDer);
        _checkLink(leafDer, leaf, 0, issuer, anchorHash);
        if (leaf.hasBasicConstraints && leaf.isCa) revert IdentityRegistry__LeafIsCa();
        if (leaf.hasKeyUsage && leaf.keyUsage & (X509.KU_DIGITAL_SIGNATURE | X509.KU_NON_REPUDIATION) == 0) {
            revert IdentityRegistry__LeafCannotSign(leaf.keyUsage);
        }
        if (
            leaf.hasExtKeyUsage
                && leaf.extKeyUsage
                    & (
                        X509.EKU_ANY | X509.EKU_CLIENT_AUTH | X509.EKU_EMAIL_PROTECTION | X509.EKU_DOCUMENT_SIGNING
                            | X509.EKU_MS_DOCUMENT_SIGNING
                    ) == 0
        ) revert IdentityRegistry__LeafPurposeNotAllowed();
        if (leaf.notBefore > verified.notBefore) verified.notBefore = leaf.notBefore;
        if (leaf.notAfter < verified.notAfter) verified.notAfter = leaf.notAfter;
        verified.leaf = leaf;
        verified.hashes = hashes;
        verified.country = anchorFacts.country;
    }

    function _possessionDigest(address account, bytes32 identity, uint256 nonce) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(_REGISTER_TYPEHASH, account, identity, nonce)));
    }

    function _checkTrust(bytes32[] memory hashes, uint64 time) private view {
        (ITrustStore.PathStatus status, uint256 index) = trustStore.checkPath(hashes, time);
        if (status == ITrustStore.PathStatus.Ok) return;
        if (status == ITrustStore.PathStatus.UnknownAnchor) return _checkRoute(hashes, time);
        if (status == ITrustStore.PathStatus.CertificateRevoked) {
            revert IdentityRegistry__CertificateRevoked(index, hashes[index]);
        }
        revert IdentityRegistry__AnchorNotTrusted(hashes[hashes.length - 1], status);
    }

    /// @dev An anchor the local Trust Store does not know may be trusted by a live route from a peer
    /// ledger (see {IPeerTrust}); the local store's own decision, when it has one, always wins.
    function _checkRoute(bytes32[] memory hashes, uint64 time) private view {
        bytes32 anchorHash = hashes[hashes.length - 1];
        IPeerTrust peers = trustStore.peerTrust();
        if (address(peers) == address(0)) {
            revert IdentityRegistry__AnchorNotTrusted(anchorHash, ITrustStore.PathStatus.UnknownAnchor);
        }
        (IPeerTrust.RouteStatus status, bool revoked, uint256 index) = peers.checkRoutedPath(hashes, time);
        if (status != IPeerTrust.RouteStatus.Active) revert IdentityRegistry__RouteNotLive(anchorHash, status);
        if (revoked) revert IdentityRegistry__CertificateRevoked(index, hashes[index]);
    }

    /// @dev The anchor's DER and country: from the local Trust Store, or, for an anchor it does not know,
    /// as published in the peer routes (its hash, checked there, binds the DER).
    function _anchorOf(bytes32 anchorHash) private view returns (bytes memory der, bytes2 country) {
        ITrustStore.Anchor memory anchor = trustStore.anchor(anchorHash);
        if (anchor.status != ITrustStore.AnchorStatus.None) return (anchor.der, anchor.country);
        IPeerTrust peers = trustStore.peerTrust();
        der = peers.anchorCertificate(anchorHash);
        if (der.length == 0) revert IdentityRegistry__AnchorCertificateMissing(anchorHash);
        country = peers.route(anchorHash).country;
    }

    function _anchorFacts(bytes32 anchorHash) private returns (AnchorFacts memory facts) {
        facts = _anchors[anchorHash];
        if (facts.known) return facts;
        (bytes memory der, bytes2 country) = _anchorOf(anchorHash);
        X509.Certificate memory cert = X509.parse(der);
        bool small = der.length <= type(uint16).max;
        facts = AnchorFacts({
            spkiHash: cert.spkiHash,
            subjectHash: keccak256(cert.subject),
            country: country,
            known: true,
            hasPathLenConstraint: cert.hasPathLenConstraint,
            pathLenConstraint: _saturate(cert.pathLenConstraint),
            spkiOffset: small ? uint16(cert.spkiOffset - cert.tbsOffset) : 0,
            spkiLength: small ? uint16(cert.spkiLength) : 0
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
    ) private returns (Issuer memory next, uint64 notBefore, uint64 notAfter) {
        bytes32 cacheKey = _cacheKey(certificateHash, issuer.spkiHash);
        VerifiedCa memory cached = _verifiedCas[cacheKey];
        if (cached.verified) {
            // Same tbsCertificate (same hash) under the same key: only time and position can differ.
            _checkValidity(index, cached.notBefore, cached.notAfter);
            (uint256 tbs,) = _tbsRange(der);
            bytes calldata tbsDer = der[tbs:];
            if (keccak256(_element(tbsDer, cached.issuerOffset)) != issuer.subjectHash) {
                revert IdentityRegistry__IssuerMismatch(index);
            }
            if (cached.hasPathLenConstraint && index - 1 > cached.pathLenConstraint) {
                revert IdentityRegistry__PathLengthExceeded(index, cached.pathLenConstraint);
            }
            return (
                Issuer({
                    subjectHash: keccak256(_element(tbsDer, cached.subjectOffset)),
                    spkiHash: sha256(tbsDer[cached.spkiOffset:cached.spkiOffset + cached.spkiLength]),
                    der: der,
                    spkiOffset: tbs + cached.spkiOffset,
                    spkiLength: cached.spkiLength,
                    isAnchor: false,
                    sm2Za: _verifiedCaSm2Za[cacheKey]
                }),
                cached.notBefore,
                cached.notAfter
            );
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
        bytes32 sm2Za = _sm2ZaOf(cert.publicKey);

        // The cache keeps 16-bit offsets: a (very unusual) certificate over 64 KiB is re-verified each time.
        if (certDer.length <= type(uint16).max) {
            if (sm2Za != bytes32(0)) _verifiedCaSm2Za[cacheKey] = sm2Za;
            _verifiedCas[cacheKey] = VerifiedCa({
                verified: true,
                hasPathLenConstraint: cert.hasPathLenConstraint,
                pathLenConstraint: _saturate(cert.pathLenConstraint),
                notBefore: cert.notBefore,
                notAfter: cert.notAfter,
                issuerOffset: uint16(cert.issuerOffset - cert.tbsOffset),
                subjectOffset: uint16(cert.subjectOffset - cert.tbsOffset),
                spkiOffset: uint16(cert.spkiOffset - cert.tbsOffset),
                spkiLength: uint16(cert.spkiLength)
            });
        }
        emit IntermediateVerified(certificateHash, issuer.spkiHash, certDer);
        return (
            Issuer({
                subjectHash: keccak256(cert.subject),
                spkiHash: cert.spkiHash,
                der: certDer,
                spkiOffset: cert.spkiOffset,
                spkiLength: cert.spkiLength,
                isAnchor: false,
                sm2Za: sm2Za
            }),
            cert.notBefore,
            cert.notAfter
        );
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
        bytes memory tbs = new bytes(cert.tbsLength);
        uint256 tbsOffset = cert.tbsOffset;
        assembly ("memory-safe") {
            mcopy(add(tbs, 32), add(add(der, 32), tbsOffset), mload(tbs))
        }
        X509.PublicKey memory key = _issuerKey(issuer, anchorHash);
        bool valid = issuer.sm2Za != bytes32(0) && cert.signatureAlgorithm == X509.SignatureAlgorithm.Sm2Sm3
            ? verifier.verifySm2Message(tbs, cert.signature, issuer.sm2Za, key)
            : verifier.verifyMessage(tbs, cert.signatureAlgorithm, cert.signatureAlgorithmOid, cert.signature, key);
        if (!valid) revert IdentityRegistry__InvalidSignature(index);
    }

    /// @dev ZA (default ID) of a CA's SM2 key on the curve; zero for any other key.
    function _sm2ZaOf(X509.PublicKey memory key) private view returns (bytes32) {
        if (key.algorithm != X509.KeyAlgorithm.Ec || keccak256(key.curveOid) != keccak256(X509.OID_SM2_CURVE)) return bytes32(0);
        (bool onCurve, bytes32 za) = verifier.sm2Za(key.point);
        return onCurve ? za : bytes32(0);
    }

    function _issuerKey(Issuer memory issuer, bytes32 anchorHash) private view returns (X509.PublicKey memory) {
        if (issuer.isAnchor) {
            (bytes memory anchorDer,) = _anchorOf(anchorHash);
            if (issuer.spkiLength == 0) return X509.parse(anchorDer).publicKey;
            (uint256 tbs,) = Der.expect(anchorDer, 0, anchorDer.length, 0x30);
            return X509.readPublicKey(anchorDer, tbs + issuer.spkiOffset, issuer.spkiLength);
        }
        return X509.readPublicKey(issuer.der, issuer.spkiOffset, issuer.spkiLength);
    }

    function _checkValidity(uint256 index, uint64 notBefore, uint64 notAfter) private view {
        if (block.timestamp < notBefore) revert IdentityRegistry__CertificateNotYetValid(index, notBefore);
        if (block.timestamp > notAfter) revert IdentityRegistry__CertificateExpired(index, notAfter);
    }

    /// @dev Binds the caller to the verified leaf's key, replacing the caller's previous identity.
    function _bind(VerifiedPath memory verified, SigningKey memory key, bytes32 derHash, uint32 nonce) private {
        bytes32 keyHash = verified.leaf.spkiHash;
        address bound = _accounts[keyHash];
        if (bound != address(0) && bound != msg.sender) revert IdentityRegistry__KeyAlreadyBound(keyHash, bound);
        address previousData = _identities[msg.sender].data;
        if (previousData != address(0)) {
            (bytes32 previousKey, bytes32 previousCertificate) = _hashesOf(previousData);
            if (previousKey != keyHash) delete _accounts[previousKey];
            emit IdentityWithdrawn(msg.sender, previousCertificate, previousKey);
        }
        _accounts[keyHash] = msg.sender;
        _identities[msg.sender] = StoredIdentity({
            data: _writeData(
                _encodeData(verified.hashes, key.key, key.exponent, keyHash, derHash, verified.notBefore, verified.notAfter)
            ),
            keyType: key.keyType,
            country: verified.country,
            registeredAt: uint40(block.timestamp),
            nonce: nonce + 1
        });
    }

    /// @dev The key hash and the certificate (tbs) hash, from the data contract.
    function _hashesOf(address data) private view returns (bytes32 keyHash, bytes32 certificateHash) {
        assembly ("memory-safe") {
            extcodecopy(data, 0x00, 6, 32) // after 0xfe and the 5-byte header
            keyHash := mload(0x00)
            extcodecopy(data, 0x00, 86, 32) // after the key hash, the DER hash and the window (80 bytes)
            certificateHash := mload(0x00)
        }
    }

    /// @dev Packed, smaller than ABI encoding: uint8 path length, uint16 key length, uint16 exponent
    /// length, the key hash, the DER hash, the path's notBefore and notAfter (uint64), the path hashes,
    /// the key, the exponent.
    function _encodeData(
        bytes32[] memory path,
        bytes memory key,
        bytes memory exponent,
        bytes32 keyHash,
        bytes32 derHash,
        uint64 notBefore,
        uint64 notAfter
    ) private pure returns (bytes memory) {
        return abi.encodePacked(
            uint8(path.length), uint16(key.length), uint16(exponent.length), keyHash, derHash, notBefore, notAfter, path, key, exponent
        );
    }

    function _decodeData(bytes memory data)
        private
        pure
        returns (
            bytes32[] memory path,
            bytes memory key,
            bytes memory exponent,
            bytes32 keyHash,
            bytes32 derHash,
            uint64 notBefore,
            uint64 notAfter
        )
    {
        uint256 pathLength = uint8(data[0]);
        uint256 keyLength = (uint256(uint8(data[1])) << 8) | uint8(data[2]);
        uint256 exponentLength = (uint256(uint8(data[3])) << 8) | uint8(data[4]);
        path = new bytes32[](pathLength);
        key = new bytes(keyLength);
        exponent = new bytes(exponentLength);
        assembly ("memory-safe") {
            let src := add(data, 37) // 32 (length word) + 5 (header)
            keyHash := mload(src)
            derHash := mload(add(src, 32))
            notBefore := shr(192, mload(add(src, 64)))
            notAfter := shr(192, mload(add(src, 72)))
            src := add(src, 80)
            mcopy(add(path, 32), src, shl(5, pathLength))
            src := add(src, shl(5, pathLength))
            mcopy(add(key, 32), src, keyLength)
            src := add(src, keyLength)
            mcopy(add(exponent, 32), src, exponentLength)
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

    /// @dev The leaf key in the form the transaction registry verifies with: RSA, P-256 as x || y, or SM2
    /// as x || y with its ZA (computed here, once per identity) in `exponent`.
    function _signingKey(X509.PublicKey memory key) private view returns (SigningKey memory signing) {
        if (key.algorithm == X509.KeyAlgorithm.Rsa && key.modulus.length >= 256) {
            return SigningKey({keyType: KeyType.Rsa, key: key.modulus, exponent: key.exponent});
        }
        if (
            key.algorithm == X509.KeyAlgorithm.Ec && keccak256(key.curveOid) == keccak256(hex"2a8648ce3d030107")
                && key.point.length == 65 && key.point[0] == 0x04
        ) {
            bytes memory point = key.point;
            bytes memory raw = new bytes(64);
            assembly ("memory-safe") {
                mcopy(add(raw, 32), add(point, 33), 64) // x || y, after the 0x04 prefix
            }
            return SigningKey({keyType: KeyType.P256, key: raw, exponent: ""});
        }
        if (key.algorithm == X509.KeyAlgorithm.Ec && keccak256(key.curveOid) == keccak256(X509.OID_SM2_CURVE)) {
            (bool onCurve, bytes32 za) = verifier.sm2Za(key.point);
            if (onCurve) {
                bytes memory point = key.point;
                bytes memory raw = new bytes(64);
                assembly ("memory-safe") {
                    mcopy(add(raw, 32), add(point, 33), 64)
                }
                return SigningKey({keyType: KeyType.Sm2, key: raw, exponent: abi.encodePacked(za)});
            }
        }
        revert IdentityRegistry__UnsupportedLeafKey(key.algorithmOid);
    }

    /// @dev Where the tbsCertificate element (header included) lies in a certificate's DER: the first
    /// element of the outer SEQUENCE. Only its headers are read here (strictly, by {Der}); the full
    /// parse of an uncached certificate checks the rest.
    function _tbsRange(bytes calldata der) private pure returns (uint256 start, uint256 end) {
        uint256 outerEnd;
        (start, outerEnd) = Der.expectCalldata(der, 0, der.length, 0x30);
        Der.requireEnd(outerEnd, der.length);
        (, end) = Der.expectCalldata(der, start, outerEnd, 0x30);
    }

    /// @dev The DER element (header included) starting at `offset` of a certificate whose hash matched
    /// a cache entry, so the offset is known good.
    function _element(bytes calldata der, uint256 offset) private pure returns (bytes calldata) {
        (,, uint256 end) = Der.readCalldata(der, offset, der.length);
        return der[offset:end];
    }

    function _cacheKey(bytes32 certificateHash, bytes32 issuerSpkiHash) private pure returns (bytes32) {
        return keccak256(abi.encode(certificateHash, issuerSpkiHash));
    }

    function _saturate(uint256 value) private pure returns (uint8) {
        return value > type(uint8).max ? type(uint8).max : uint8(value);
    }
}
