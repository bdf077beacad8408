// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

/**
 * @title Sha512
 * @notice SHA-512 and SHA-384 (FIPS 180-4) in EVM assembly. The EVM has no precompile for them, and
 * national CAs (ICP-Brasil: RSA-4096 with SHA-512) sign certificates with them, so verifying such a
 * certificate on-chain needs this. Cost: about 34k gas per 128-byte block (see Sha512.t.sol).
 * @dev 64-bit words live in 256-bit stack slots. The message schedule masks each word it stores; the
 * working variables a..h are never masked in the rounds (only bits 0..63 of a sum depend on bits 0..63
 * of its terms, and Ch and Maj are bitwise): each Sigma rotates a clean copy, `and(x, mask)` with
 * `shl(64, x)` above it, and the state words are masked when stored. Loops are unrolled by four (eight
 * for the rounds). Full blocks are read in place; only the padded tail (one or two blocks) is built in
 * scratch memory above the free memory pointer, which is left unchanged.
 */
library Sha512 {
    error Sha512__OutOfBounds(uint256 offset, uint256 length, uint256 size);

    /// @dev The 80 round constants K, 8 bytes each, big-endian.
    bytes private constant _K = hex"428a2f98d728ae227137449123ef65cdb5c0fbcfec4d3b2fe9b5dba58189dbbc3956c25bf348b53859f111f1b605d019923f82a4af194f9bab1c5ed5da6d8118d807aa98a303024212835b0145706fbe243185be4ee4b28c550c7dc3d5ffb4e272be5d74f27b896f80deb1fe3b1696b19bdc06a725c71235c19bf174cf692694e49b69c19ef14ad2efbe4786384f25e30fc19dc68b8cd5b5240ca1cc77ac9c652de92c6f592b02754a7484aa6ea6e4835cb0a9dcbd41fbd476f988da831153b5983e5152ee66dfaba831c66d2db43210b00327c898fb213fbf597fc7beef0ee4c6e00bf33da88fc2d5a79147930aa72506ca6351e003826f142929670a0e6e7027b70a8546d22ffc2e1b21385c26c9264d2c6dfc5ac42aed53380d139d95b3df650a73548baf63de766a0abb3c77b2a881c2c92e47edaee692722c851482353ba2bfe8a14cf10364a81a664bbc423001c24b8b70d0f89791c76c51a30654be30d192e819d6ef5218d69906245565a910f40e35855771202a106aa07032bbd1b819a4c116b8d2d0c81e376c085141ab532748774cdf8eeb9934b0bcb5e19b48a8391c0cb3c5c95a634ed8aa4ae3418acb5b9cca4f7763e373682e6ff3d6b2b8a3748f82ee5defb2fc78a5636f43172f6084c87814a1f0ab728cc702081a6439ec90befffa23631e28a4506cebde82bde9bef9a3f7b2c67915c67178f2e372532bca273eceea26619cd186b8c721c0c207eada7dd6cde0eb1ef57d4f7fee6ed17806f067aa72176fba0a637dc5a2c898a6113f9804bef90dae1b710b35131c471b28db77f523047d8432caab7b40c724933c9ebe0a15c9bebc431d67c49c100d4c4cc5d4becb3e42b6597f299cfc657e2a5fcb6fab3ad6faec6c44198c4a475817";

    /// @notice SHA-512 of `data`, as its two 32-byte halves.
    function sha512(bytes memory data) internal pure returns (bytes32 high, bytes32 low) {
        return sha512(data, 0, data.length);
    }

    /// @notice SHA-512 of `data[offset:offset + length]`.
    function sha512(bytes memory data, uint256 offset, uint256 length) internal pure returns (bytes32, bytes32) {
        return _hash(data, offset, length, false);
    }

    /// @notice SHA-384 of `data`: 48 bytes, `high` then the first 16 bytes of `low` (the rest is zero).
    function sha384(bytes memory data) internal pure returns (bytes32 high, bytes32 low) {
        return sha384(data, 0, data.length);
    }

    /// @notice SHA-384 of `data[offset:offset + length]`.
    function sha384(bytes memory data, uint256 offset, uint256 length) internal pure returns (bytes32, bytes32) {
        return _hash(data, offset, length, true);
    }

    function _hash(bytes memory data, uint256 offset, uint256 length, bool is384)
        private
        pure
        returns (bytes32 high, bytes32 low)
    {
        if (offset > data.length || length > data.length - offset) {
            revert Sha512__OutOfBounds(offset, length, data.length);
        }
        bytes memory k = _K;
        assembly {
            // W[0..80) at w, the state (8 words) at w + 2560, K[0..80) one per word at w + 2816.
            function compress(blk, w) {
                for { let i := 0 } lt(i, 16) { i := add(i, 4) } {
                    let q := add(w, shl(5, i))
                    let v := mload(add(blk, shl(3, i))) // four big-endian words
                    mstore(q, shr(192, v))
                    mstore(add(q, 32), and(shr(128, v), 0xffffffffffffffff))
                    mstore(add(q, 64), and(shr(64, v), 0xffffffffffffffff))
                    mstore(add(q, 96), and(v, 0xffffffffffffffff))
                }
                // W[t] = sigma1(W[t-2]) + W[t-7] + sigma0(W[t-15]) + W[t-16], with sigma0(x) = rotr1 ^ rotr8 ^ shr7
                // and sigma1(x) = rotr19 ^ rotr61 ^ shr6; rotations read x duplicated above itself.
                // Four words per iteration: fewer loop jumps.
                for { let p := add(w, 512) } lt(p, add(w, 2560)) { p := add(p, 128) } {
                    {
                        let x := mload(sub(p, 64))
                        let y := mload(sub(p, 480))
                        let dx := or(x, shl(64, x))
                        let dy := or(y, shl(64, y))
                        mstore(
                            p,
                            and(
                                add(
                                    add(xor(xor(shr(19, dx), shr(61, dx)), shr(6, x)), mload(sub(p, 224))),
                                    add(xor(xor(shr(1, dy), shr(8, dy)), shr(7, y)), mload(sub(p, 512)))
                                ),
                                0xffffffffffffffff
                            )
                        )
                    }
                    {
                        let x := mload(sub(p, 32))
                        let y := mload(sub(p, 448))
                        let dx := or(x, shl(64, x))
                        let dy := or(y, shl(64, y))
                        mstore(
                            add(p, 32),
                            and(
                                add(
                                    add(xor(xor(shr(19, dx), shr(61, dx)), shr(6, x)), mload(sub(p, 192))),
                                    add(xor(xor(shr(1, dy), shr(8, dy)), shr(7, y)), mload(sub(p, 480)))
                                ),
                                0xffffffffffffffff
                            )
                        )
                    }
                    {
                        let x := mload(p)
                        let y := mload(sub(p, 416))
                        let dx := or(x, shl(64, x))
                        let dy := or(y, shl(64, y))
                        mstore(
                            add(p, 64),
                            and(
                                add(
                                    add(xor(xor(shr(19, dx), shr(61, dx)), shr(6, x)), mload(sub(p, 160))),
                                    add(xor(xor(shr(1, dy), shr(8, dy)), shr(7, y)), mload(sub(p, 448)))
                                ),
                                0xffffffffffffffff
                            )
                        )
                    }
                    {
                        let x := mload(add(p, 32))
                        let y := mload(sub(p, 384))
                        let dx := or(x, shl(64, x))
                        let dy := or(y, shl(64, y))
                        mstore(
                            add(p, 96),
                            and(
                                add(
                                    add(xor(xor(shr(19, dx), shr(61, dx)), shr(6, x)), mload(sub(p, 128))),
                                    add(xor(xor(shr(1, dy), shr(8, dy)), shr(7, y)), mload(sub(p, 416)))
                                ),
                                0xffffffffffffffff
                            )
                        )
                    }
                }
                // The loop's end lives in scratch memory and w is not used after it: fewer live stack slots.
                mstore(0x00, add(w, 2560))
                // The 64-bit mask from scratch memory, kept on the stack: as a literal, solc (runs = 200) rebuilds
                // it with five opcodes at each use.
                let m := mload(0x20)
                let a := mload(add(w, 2560))
                let b := mload(add(w, 2592))
                let c := mload(add(w, 2624))
                let d := mload(add(w, 2656))
                let e := mload(add(w, 2688))
                let f := mload(add(w, 2720))
                let g := mload(add(w, 2752))
                let h := mload(add(w, 2784))
                let wp := w
                for {} lt(wp, mload(0x00)) { wp := add(wp, 256) } {
                    // Eight rounds; the names rotate instead of the eight words moving. Sigma reads x duplicated:
                // bits 0..63 of `or(and(x, mask), shl(64, x))` shifted right by n <= 41 are rotr(x, n).
                    {
                        let x := or(and(e, m), shl(64, e))
                        let t1 := add(
                            add(h, add(mload(add(wp, 0)), mload(add(wp, 2816)))),
                            add(xor(xor(shr(14, x), shr(18, x)), shr(41, x)), xor(g, and(e, xor(f, g))))
                        )
                        d := add(d, t1)
                        x := or(and(a, m), shl(64, a))
                        h := add(add(t1, xor(xor(shr(28, x), shr(34, x)), shr(39, x))), or(and(a, b), and(c, or(a, b))))
                    }
                    {
                        let x := or(and(d, m), shl(64, d))
                        let t1 := add(
                            add(g, add(mload(add(wp, 32)), mload(add(wp, 2848)))),
                            add(xor(xor(shr(14, x), shr(18, x)), shr(41, x)), xor(f, and(d, xor(e, f))))
                        )
                        c := add(c, t1)
                        x := or(and(h, m), shl(64, h))
                        g := add(add(t1, xor(xor(shr(28, x), shr(34, x)), shr(39, x))), or(and(h, a), and(b, or(h, a))))
                    }
                    {
                        let x := or(and(c, m), shl(64, c))
                        let t1 := add(
                            add(f, add(mload(add(wp, 64)), mload(add(wp, 2880)))),
                            add(xor(xor(shr(14, x), shr(18, x)), shr(41, x)), xor(e, and(c, xor(d, e))))
                        )
                        b := add(b, t1)
                        x := or(and(g, m), shl(64, g))
                        f := add(add(t1, xor(xor(shr(28, x), shr(34, x)), shr(39, x))), or(and(g, h), and(a, or(g, h))))
                    }
                    {
                        let x := or(and(b, m), shl(64, b))
                        let t1 := add(
                            add(e, add(mload(add(wp, 96)), mload(add(wp, 2912)))),
                            add(xor(xor(shr(14, x), shr(18, x)), shr(41, x)), xor(d, and(b, xor(c, d))))
                        )
                        a := add(a, t1)
                        x := or(and(f, m), shl(64, f))
                        e := add(add(t1, xor(xor(shr(28, x), shr(34, x)), shr(39, x))), or(and(f, g), and(h, or(f, g))))
                    }
                    {
                        let x := or(and(a, m), shl(64, a))
                        let t1 := add(
                            add(d, add(mload(add(wp, 128)), mload(add(wp, 2944)))),
                            add(xor(xor(shr(14, x), shr(18, x)), shr(41, x)), xor(c, and(a, xor(b, c))))
                        )
                        h := add(h, t1)
                        x := or(and(e, m), shl(64, e))
                        d := add(add(t1, xor(xor(shr(28, x), shr(34, x)), shr(39, x))), or(and(e, f), and(g, or(e, f))))
                    }
                    {
                        let x := or(and(h, m), shl(64, h))
                        let t1 := add(
                            add(c, add(mload(add(wp, 160)), mload(add(wp, 2976)))),
                            add(xor(xor(shr(14, x), shr(18, x)), shr(41, x)), xor(b, and(h, xor(a, b))))
                        )
                        g := add(g, t1)
                        x := or(and(d, m), shl(64, d))
                        c := add(add(t1, xor(xor(shr(28, x), shr(34, x)), shr(39, x))), or(and(d, e), and(f, or(d, e))))
                    }
                    {
                        let x := or(and(g, m), shl(64, g))
                        let t1 := add(
                            add(b, add(mload(add(wp, 192)), mload(add(wp, 3008)))),
                            add(xor(xor(shr(14, x), shr(18, x)), shr(41, x)), xor(a, and(g, xor(h, a))))
                        )
                        f := add(f, t1)
                        x := or(and(c, m), shl(64, c))
                        b := add(add(t1, xor(xor(shr(28, x), shr(34, x)), shr(39, x))), or(and(c, d), and(e, or(c, d))))
                    }
                    {
                        let x := or(and(f, m), shl(64, f))
                        let t1 := add(
                            add(a, add(mload(add(wp, 224)), mload(add(wp, 3040)))),
                            add(xor(xor(shr(14, x), shr(18, x)), shr(41, x)), xor(h, and(f, xor(g, h))))
                        )
                        e := add(e, t1)
                        x := or(and(b, m), shl(64, b))
                        a := add(add(t1, xor(xor(shr(28, x), shr(34, x)), shr(39, x))), or(and(b, c), and(d, or(b, c))))
                    }
                }
                // Now wp = w + 2560, the state.
                mstore(wp, and(add(mload(wp), a), 0xffffffffffffffff))
                mstore(add(wp, 32), and(add(mload(add(wp, 32)), b), 0xffffffffffffffff))
                mstore(add(wp, 64), and(add(mload(add(wp, 64)), c), 0xffffffffffffffff))
                mstore(add(wp, 96), and(add(mload(add(wp, 96)), d), 0xffffffffffffffff))
                mstore(add(wp, 128), and(add(mload(add(wp, 128)), e), 0xffffffffffffffff))
                mstore(add(wp, 160), and(add(mload(add(wp, 160)), f), 0xffffffffffffffff))
                mstore(add(wp, 192), and(add(mload(add(wp, 192)), g), 0xffffffffffffffff))
                mstore(add(wp, 224), and(add(mload(add(wp, 224)), h), 0xffffffffffffffff))
            }

            // Scratch above the free memory pointer: W, the state, K (see compress), then the tail (2 blocks).
            let w := mload(0x40)
            mstore(0x20, 0xffffffffffffffff) // the mask the rounds read (see compress)
            let st := add(w, 2560)
            let tail := add(w, 5376)
            for { let i := 0 } lt(i, 80) { i := add(i, 4) } {
                let q := add(w, add(2816, shl(5, i)))
                let v := mload(add(add(k, 32), shl(3, i))) // four constants
                mstore(q, shr(192, v))
                mstore(add(q, 32), and(shr(128, v), 0xffffffffffffffff))
                mstore(add(q, 64), and(shr(64, v), 0xffffffffffffffff))
                mstore(add(q, 96), and(v, 0xffffffffffffffff))
            }
            switch is384
            case 0 {
                mstore(st, 0x6a09e667f3bcc908)
                mstore(add(st, 32), 0xbb67ae8584caa73b)
                mstore(add(st, 64), 0x3c6ef372fe94f82b)
                mstore(add(st, 96), 0xa54ff53a5f1d36f1)
                mstore(add(st, 128), 0x510e527fade682d1)
                mstore(add(st, 160), 0x9b05688c2b3e6c1f)
                mstore(add(st, 192), 0x1f83d9abfb41bd6b)
                mstore(add(st, 224), 0x5be0cd19137e2179)
            }
            default {
                mstore(st, 0xcbbb9d5dc1059ed8)
                mstore(add(st, 32), 0x629a292a367cd507)
                mstore(add(st, 64), 0x9159015a3070dd17)
                mstore(add(st, 96), 0x152fecd8f70e5939)
                mstore(add(st, 128), 0x67332667ffc00b31)
                mstore(add(st, 160), 0x8eb44a8768581511)
                mstore(add(st, 192), 0xdb0c2e0d64f98fa7)
                mstore(add(st, 224), 0x47b5481dbefa4fa4)
            }

            let src := add(add(data, 32), offset)
            let full := add(src, and(length, not(127)))
            for { let p := src } lt(p, full) { p := add(p, 128) } { compress(p, w) }

            // Padding: 0x80, zeros, then the length in bits as a 128-bit big-endian integer.
            let rem := and(length, 127)
            let tailLength := 128
            if gt(rem, 111) { tailLength := 256 }
            for { let p := tail } lt(p, add(tail, 256)) { p := add(p, 32) } { mstore(p, 0) }
            mstore(add(tail, sub(tailLength, 32)), shl(3, length))
            mcopy(tail, full, rem)
            mstore8(add(tail, rem), 0x80)
            compress(tail, w)
            if eq(tailLength, 256) { compress(add(tail, 128), w) }

            high := or(or(shl(192, mload(st)), shl(128, mload(add(st, 32)))), or(shl(64, mload(add(st, 64))), mload(add(st, 96))))
            low := or(shl(192, mload(add(st, 128))), shl(128, mload(add(st, 160))))
            if iszero(is384) { low := or(low, or(shl(64, mload(add(st, 192))), mload(add(st, 224)))) }
        }
    }
}
