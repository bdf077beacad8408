// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

/**
 * @title Sm3Reference
 * @notice Test reference only: the first (rolled, memory-based) SM3 of src/lib/Sm3.sol, kept to fuzz the unrolled one against. The SM3 hash function (GB/T 32905-2016, GM/T 0004-2012): 256-bit digest, 512-bit blocks,
 * Merkle-Damgard with the SHA-2 padding. China's national PKI hashes with it (SM2-with-SM3).
 * @dev The compression function is Yul: the 32-bit words live in 256-bit stack slots and are masked
 * only where a carry or a rotation needs it. The padded message and the 68 expanded words use memory
 * past the free memory pointer, which is not moved (scratch use, as memory-safe assembly allows).
 */
library Sm3Reference {
    /// @notice SM3 of `data`.
    function hash(bytes memory data) internal pure returns (bytes32 digest) {
        uint256 src;
        assembly ("memory-safe") {
            src := add(data, 32)
        }
        return _hash(0, 0, src, data.length);
    }

    /// @notice SM3 of `data[offset:offset + length]` (the caller keeps the range in bounds).
    function hash(bytes memory data, uint256 offset, uint256 length) internal pure returns (bytes32 digest) {
        uint256 src;
        assembly ("memory-safe") {
            src := add(add(data, 32), offset)
        }
        return _hash(0, 0, src, length);
    }

    /// @notice SM3 of `prefix || data[offset:offset + length]`: SM2's e = SM3(ZA || M) without a copy of M.
    function hashWithPrefix(bytes32 prefix, bytes memory data, uint256 offset, uint256 length)
        internal
        pure
        returns (bytes32 digest)
    {
        uint256 src;
        assembly ("memory-safe") {
            src := add(add(data, 32), offset)
        }
        return _hash(prefix, 32, src, length);
    }

    /// @dev Pads `prefix[0:prefixLength] || memory[src:src + length]` past the free memory pointer and
    /// compresses it block by block.
    function _hash(bytes32 prefix, uint256 prefixLength, uint256 src, uint256 length) private pure returns (bytes32 digest) {
        assembly ("memory-safe") {
            // One 64-byte block at `blk`; `w` holds 68 words of 32 bytes, then T_j <<< j for each round j;
            // the state is at `v` (8 words).
            // Rotations are written out (x <<< n = x << n | x >> (32 - n)); a value is masked to 32 bits
            // before anything shifts it right.
            function compress(blk, v) {
                let w := add(v, 256)
                for { let j := 0 } lt(j, 16) { j := add(j, 1) } {
                    mstore(add(w, shl(5, j)), shr(224, mload(add(blk, shl(2, j)))))
                }
                for { let p := add(w, 512) } lt(p, add(w, 2176)) { p := add(p, 32) } {
                    // W_j = P1(W_j-16 ^ W_j-9 ^ (W_j-3 <<< 15)) ^ (W_j-13 <<< 7) ^ W_j-6
                    let x := mload(sub(p, 96))
                    x := and(xor(xor(mload(sub(p, 512)), mload(sub(p, 288))), or(shl(15, x), shr(17, x))), 0xffffffff)
                    let y := mload(sub(p, 416))
                    // P1(x) = x ^ (x <<< 15) ^ (x <<< 23)
                    x := xor(xor(xor(x, or(shl(15, x), shr(17, x))), or(shl(23, x), shr(9, x))), or(shl(7, y), shr(25, y)))
                    mstore(p, and(xor(x, mload(sub(p, 192))), 0xffffffff))
                }
                let a := mload(v)
                let b := mload(add(v, 32))
                let c := mload(add(v, 64))
                let d := mload(add(v, 96))
                let e := mload(add(v, 128))
                let f := mload(add(v, 160))
                let g := mload(add(v, 192))
                let h := mload(add(v, 224))
                for { let p := w } lt(p, add(w, 512)) { p := add(p, 32) } {
                    let a12 := and(or(shl(12, a), shr(20, a)), 0xffffffff)
                    let ss1 := and(add(add(a12, e), mload(add(p, 2176))), 0xffffffff)
                    ss1 := and(or(shl(7, ss1), shr(25, ss1)), 0xffffffff)
                    let wj := mload(p)
                    // TT1 = FF + D + (SS1 ^ A12) + (W_j ^ W_j+4); TT2 = GG + H + SS1 + W_j
                    a12 := and(add(add(xor(xor(a, b), c), d), add(xor(ss1, a12), xor(wj, mload(add(p, 128))))), 0xffffffff)
                    ss1 := and(add(add(xor(xor(e, f), g), h), add(ss1, wj)), 0xffffffff)
                    d := c
                    c := and(or(shl(9, b), shr(23, b)), 0xffffffff)
                    b := a
                    a := a12
                    h := g
                    g := and(or(shl(19, f), shr(13, f)), 0xffffffff)
                    f := e
                    // P0(TT2) = TT2 ^ (TT2 <<< 9) ^ (TT2 <<< 17)
                    e := and(xor(xor(ss1, or(shl(9, ss1), shr(23, ss1))), or(shl(17, ss1), shr(15, ss1))), 0xffffffff)
                }
                for { let p := add(w, 512) } lt(p, add(w, 2048)) { p := add(p, 32) } {
                    let a12 := and(or(shl(12, a), shr(20, a)), 0xffffffff)
                    let ss1 := and(add(add(a12, e), mload(add(p, 2176))), 0xffffffff)
                    ss1 := and(or(shl(7, ss1), shr(25, ss1)), 0xffffffff)
                    let wj := mload(p)
                    // TT1 = FF + D + (SS1 ^ A12) + (W_j ^ W_j+4); TT2 = GG + H + SS1 + W_j
                    a12 := and(add(add(or(and(a, or(b, c)), and(b, c)), d), add(xor(ss1, a12), xor(wj, mload(add(p, 128))))), 0xffffffff)
                    ss1 := and(add(add(xor(g, and(e, xor(f, g))), h), add(ss1, wj)), 0xffffffff)
                    d := c
                    c := and(or(shl(9, b), shr(23, b)), 0xffffffff)
                    b := a
                    a := a12
                    h := g
                    g := and(or(shl(19, f), shr(13, f)), 0xffffffff)
                    f := e
                    // P0(TT2) = TT2 ^ (TT2 <<< 9) ^ (TT2 <<< 17)
                    e := and(xor(xor(ss1, or(shl(9, ss1), shr(23, ss1))), or(shl(17, ss1), shr(15, ss1))), 0xffffffff)
                }
                // V ^= ABCDEFGH through memory and a loop: were the state reloaded from `v` by constant
                // offsets, the optimizer would keep its initial values on the stack through the rounds.
                mstore(w, a)
                mstore(add(w, 32), b)
                mstore(add(w, 64), c)
                mstore(add(w, 96), d)
                mstore(add(w, 128), e)
                mstore(add(w, 160), f)
                mstore(add(w, 192), g)
                mstore(add(w, 224), h)
                for { let i := 0 } lt(i, 256) { i := add(i, 32) } {
                    mstore(add(v, i), xor(mload(add(v, i)), mload(add(w, i))))
                }
            }

            // Memory past the free pointer: the state (8 words) at v, the 68 expanded words at v + 256, T_j <<< j
            // for each round at v + 2432, then the padded message at v + 4480.
            let v := mload(0x40)
            {
                let t := 0x79cc4519
                for { let q := add(v, 2432) } lt(q, add(v, 4480)) { q := add(q, 32) } {
                    if eq(q, add(v, 2944)) { t := 0x9d8a7a87 } // 0x7a879d8a <<< 16
                    mstore(q, t)
                    t := and(or(shl(1, t), shr(31, t)), 0xffffffff)
                }
            }
            let end := add(v, 4480)
            {
                let total := add(prefixLength, length)
                // 0x80, zeros up to 56 mod 64, the 64-bit big-endian bit length.
                let padded := shl(6, add(shr(6, add(total, 8)), 1))
                mstore(end, prefix)
                mcopy(add(end, prefixLength), src, length)
                // Zero what follows the message: memory past the free pointer may hold old data.
                for { let z := add(end, total) } lt(z, add(end, padded)) { z := add(z, 32) } { mstore(z, 0) }
                mstore8(add(end, total), 0x80)
                mstore(add(end, sub(padded, 32)), or(mload(add(end, sub(padded, 32))), shl(3, total)))
                end := add(end, padded)
            }
            mstore(v, 0x7380166f)
            mstore(add(v, 32), 0x4914b2b9)
            mstore(add(v, 64), 0x172442d7)
            mstore(add(v, 96), 0xda8a0600)
            mstore(add(v, 128), 0xa96f30bc)
            mstore(add(v, 160), 0x163138aa)
            mstore(add(v, 192), 0xe38dee4d)
            mstore(add(v, 224), 0xb0fb0e4e)
            for { let blk := add(v, 4480) } lt(blk, end) { blk := add(blk, 64) } { compress(blk, v) }
            for { let i := 0 } lt(i, 8) { i := add(i, 1) } {
                digest := or(shl(32, digest), mload(add(v, shl(5, i))))
            }
        }
    }
}
