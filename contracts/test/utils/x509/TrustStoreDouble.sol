// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {IPeerTrust} from "../../../src/interfaces/IPeerTrust.sol";
import {ITrustStore} from "../../../src/interfaces/ITrustStore.sol";
import {X509} from "../../../src/lib/X509.sol";

/**
 * @dev A test-only stand-in for the Trust Store with the ABI of the `ITrustStore` views the registries
 * call (`anchor`, `checkPath`, `isRevokedAt`, `wasTrustedAt`), and direct setters instead of governance.
 * It keeps only the current anchor status (no history): enough for registries that ask "at block time".
 * As the real store: anchors are named by their tbsCertificate hash, revocations by (anchor, certificate).
 * `peerTrust` is zero (no peering) unless a test sets it; a PeerTrust deployed while pranking as this
 * double takes it for its governance.
 */
contract TrustStoreDouble {
    IPeerTrust public peerTrust;
    mapping(bytes2 => bool) public governsCountry;

    function setPeerTrust(IPeerTrust peerTrust_) external {
        peerTrust = peerTrust_;
    }

    function setGoverned(bytes2 country, bool governed) external {
        governsCountry[country] = governed;
    }

    mapping(bytes32 => ITrustStore.Anchor) private _anchors;
    mapping(bytes32 => uint64) private _addedAt;
    mapping(bytes32 => mapping(bytes32 => uint64)) private _revokedAt;

    function addAnchor(bytes calldata der, bytes2 country) external returns (bytes32 anchorHash) {
        anchorHash = X509.parse(der).tbsHash;
        ITrustStore.Anchor storage a = _anchors[anchorHash];
        a.hash = anchorHash;
        a.country = country;
        a.status = ITrustStore.AnchorStatus.Active;
        a.der = der;
        _addedAt[anchorHash] = uint64(block.timestamp);
    }

    function setStatus(bytes32 anchorHash, ITrustStore.AnchorStatus status) external {
        _anchors[anchorHash].status = status;
    }

    function revoke(bytes32 anchorHash, bytes32 certificateHash, uint64 effectiveAt) external {
        _revokedAt[anchorHash][certificateHash] = effectiveAt;
    }

    function anchor(bytes32 anchorHash) external view returns (ITrustStore.Anchor memory) {
        return _anchors[anchorHash];
    }

    function isRevokedAt(bytes32 anchorHash, bytes32 certificateHash, uint64 time) public view returns (bool) {
        uint64 at = _revokedAt[anchorHash][certificateHash];
        return at != 0 && at <= time;
    }

    function wasTrustedAt(bytes32 anchorHash, uint64 time) public view returns (bool) {
        return _anchors[anchorHash].status == ITrustStore.AnchorStatus.Active && _addedAt[anchorHash] <= time;
    }

    function checkPath(bytes32[] calldata hashes, uint64 time) external view returns (ITrustStore.PathStatus, uint256) {
        if (hashes.length == 0) return (ITrustStore.PathStatus.EmptyPath, 0);
        uint256 last = hashes.length - 1;
        ITrustStore.AnchorStatus status = _anchors[hashes[last]].status;
        if (status == ITrustStore.AnchorStatus.None) return (ITrustStore.PathStatus.UnknownAnchor, last);
        if (_addedAt[hashes[last]] > time) return (ITrustStore.PathStatus.AnchorNotYetTrusted, last);
        if (status == ITrustStore.AnchorStatus.Suspended) return (ITrustStore.PathStatus.AnchorSuspended, last);
        if (status == ITrustStore.AnchorStatus.Retired) return (ITrustStore.PathStatus.AnchorRetired, last);
        for (uint256 i; i < last; i++) {
            if (isRevokedAt(hashes[last], hashes[i], time)) return (ITrustStore.PathStatus.CertificateRevoked, i);
        }
        return (ITrustStore.PathStatus.Ok, 0);
    }
}
