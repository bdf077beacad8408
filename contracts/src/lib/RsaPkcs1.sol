// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

/**
 * @title RsaPkcs1
 * @notice RSASSA-PKCS1-v1_5 signature verification (RFC 8017 section 8.2.2) with SHA-256, SHA-384 or
 * SHA-512, through the modexp precompile (0x05). OpenZeppelin's `RSA.sol` covers SHA-256 only, while
 * ICP-Brasil CAs sign with RSA-4096 and SHA-512.
 * @dev The encoded message is rebuilt and compared as a whole (EMSA-PKCS1-v1_5 with the DigestInfo
 * parameters NULL, as RFC 8017 requires of signers), which rules out the lax-parsing forgeries of
 * verifiers that parse the decrypted block. Keys under 2048 bits are refused.
 */
library RsaPkcs1 {
    enum Hash {
        Sha256,
        Sha384,
        Sha512
    }

    /// @notice The smallest modulus accepted, in bytes (2048 bits).
    uint256 internal constant MIN_MODULUS_LENGTH = 256;

    /**
     * @notice Whether `signature` is a PKCS#1 v1.5 signature of `digest` (the message's `hash`) under the
     * public key (`modulus`, `exponent`), both unsigned big-endian without leading zero bytes.
     */
    function verify(
        bytes memory digest,
        Hash hash,
        bytes memory signature,
        bytes memory modulus,
        bytes memory exponent
    ) internal view returns (bool) {
        uint256 k = modulus.length;
        bytes memory prefix = _digestInfoPrefix(hash);
        uint256 tLength = prefix.length + digest.length;
        if (digest.length != _digestLength(hash)) return false;
        // RFC 8017: the signature has exactly k bytes, and the modulus has no leading zero byte.
        if (k < MIN_MODULUS_LENGTH || signature.length != k || uint8(modulus[0]) == 0) return false;
        if (exponent.length == 0 || exponent.length > 32 || !_lessThan(signature, modulus)) return false;

        bytes memory decrypted = _modexp(signature, exponent, modulus);
        if (decrypted.length != k) return false;

        // EM = 0x00 || 0x01 || 0xff..ff (at least 8) || 0x00 || DigestInfo; k >= 256 leaves room.
        bytes memory expected = new bytes(k);
        assembly ("memory-safe") {
            let p := add(expected, 32)
            let psEnd := add(p, sub(sub(k, tLength), 1))
            // PS a word at a time; the last word may run past psEnd, into bytes written just below.
            for { let q := add(p, 2) } lt(q, psEnd) { q := add(q, 32) } { mstore(q, not(0)) }
            mstore8(psEnd, 0x00)
            mstore8(add(p, 1), 0x01)
            mcopy(add(psEnd, 1), add(prefix, 32), mload(prefix))
            mcopy(add(add(psEnd, 1), mload(prefix)), add(digest, 32), mload(digest))
        }
        return keccak256(decrypted) == keccak256(expected);
    }

    function _digestLength(Hash hash) private pure returns (uint256) {
        if (hash == Hash.Sha256) return 32;
        if (hash == Hash.Sha384) return 48;
        return 64;
    }

    /// @dev DER of DigestInfo up to the digest: SEQUENCE { AlgorithmIdentifier { OID, NULL }, OCTET STRING }.
    function _digestInfoPrefix(Hash hash) private pure returns (bytes memory) {
        if (hash == Hash.Sha256) return hex"3031300d060960864801650304020105000420";
        if (hash == Hash.Sha384) return hex"3041300d060960864801650304020205000430";
        return hex"3051300d060960864801650304020305000440";
    }

    /// @dev a < b for unsigned big-endian numbers of the same length.
    function _lessThan(bytes memory a, bytes memory b) private pure returns (bool less) {
        assembly ("memory-safe") {
            let n := mload(a)
            let pa := add(a, 32)
            let pb := add(b, 32)
            let decided := 0
            for { let i := 0 } and(lt(i, n), iszero(decided)) { i := add(i, 32) } {
                let wa := mload(add(pa, i))
                let wb := mload(add(pb, i))
                let rest := sub(n, i)
                if lt(rest, 32) {
                    let drop := shl(3, sub(32, rest))
                    wa := shr(drop, wa)
                    wb := shr(drop, wb)
                }
                if iszero(eq(wa, wb)) {
                    decided := 1
                    less := lt(wa, wb)
                }
            }
        }
    }

    function _modexp(bytes memory base, bytes memory exponent, bytes memory modulus)
        private
        view
        returns (bytes memory result)
    {
        bytes memory input = abi.encodePacked(base.length, exponent.length, modulus.length, base, exponent, modulus);
        result = new bytes(modulus.length);
        bool ok;
        assembly ("memory-safe") {
            ok := staticcall(gas(), 0x05, add(input, 32), mload(input), add(result, 32), mload(modulus))
        }
        if (!ok) result = "";
    }
}
