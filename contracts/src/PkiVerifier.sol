// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {IIdentityRegistry} from "./interfaces/IIdentityRegistry.sol";
import {PkiSignature} from "./lib/PkiSignature.sol";
import {Sm2} from "./lib/Sm2.sol";
import {X509} from "./lib/X509.sol";

/**
 * @title PkiVerifier
 * @notice The signature checks of `IdentityRegistry`, in a contract of their own (the registry deploys
 * it in its constructor): the certificate signatures of a path ({X509-verifyMessage}) and the proof of
 * possession ({PkiSignature-verify}). Stateless.
 * @dev Keeps the registry under the EIP-170 code size limit: RSA (SHA-256/384/512), P-256 (precompile
 * and Solidity fallback), SM2/SM3 and the CMS signed-attributes reader live here once. `TransactionRegistry`
 * uses the same `PkiSignature` library directly.
 */
contract PkiVerifier {
    /// @notice Whether `signature` by `key` with `algorithm` signs `data` (a tbsCertificate); see {X509-verifyMessage}.
    function verifyMessage(
        bytes calldata data,
        X509.SignatureAlgorithm algorithm,
        bytes calldata algorithmOid,
        bytes calldata signature,
        X509.PublicKey calldata key
    ) external view returns (bool) {
        return X509.verifyMessage(data, 0, data.length, algorithm, algorithmOid, signature, key);
    }

    /// @notice Reverts with a `PkiSignature__*` error unless the CMS signature is valid; see {PkiSignature-verify}.
    function verifyPkiSignature(
        bytes32 digest,
        bytes calldata signedAttributes,
        bytes calldata signature,
        bytes32 certificateDerHash,
        IIdentityRegistry.KeyType keyType,
        bytes calldata key,
        bytes calldata exponent
    ) external view {
        PkiSignature.verify(digest, signedAttributes, signature, certificateDerHash, keyType, key, exponent);
    }

    /// @notice {verifyMessage} for SM2-with-SM3 by `key` whose ZA (default signer ID) the caller cached, so that
    /// a cached CA's ZA is not hashed again for each certificate it issued.
    function verifySm2Message(bytes calldata data, bytes calldata signature, bytes32 za, X509.PublicKey calldata key)
        external
        view
        returns (bool)
    {
        (bool onCurve, uint256 x, uint256 y) = X509.sm2Point(key);
        return onCurve && X509.verifySm2(za, data, 0, data.length, signature, x, y);
    }

    /// @notice ZA (default signer ID) of the SM2 key `point` (0x04 || x || y), and whether it is a point of the curve.
    function sm2Za(bytes calldata point) external pure returns (bool onCurve, bytes32 za) {
        if (point.length != 65 || point[0] != 0x04) return (false, bytes32(0));
        uint256 x = uint256(bytes32(point[1:33]));
        uint256 y = uint256(bytes32(point[33:65]));
        if (!Sm2.isOnCurve(x, y)) return (false, bytes32(0));
        return (true, Sm2.za(x, y));
    }
}
