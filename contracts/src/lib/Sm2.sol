// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {Sm3} from "./Sm3.sol";

/**
 * @title Sm2
 * @notice SM2 signature verification (GB/T 32918.2-2016) on the SM2 curve (GB/T 32918.5-2017), with
 * SM3: e = SM3(ZA || M), ZA = SM3(ENTL || ID || a || b || xG || yG || xA || yA); (r, s) is valid when
 * 0 < r, s < n, t = (r + s) mod n is not 0, (x1, y1) = [s]G + [t]PA is not the point at infinity and
 * (e + x1) mod n = r.
 * @dev The curve has a = p - 3, so doubling uses the a = -3 formula. [s]G + [t]PA is one Straus-Shamir
 * ladder over both scalars, two bits of each per window, in Jacobian coordinates with mixed additions
 * from an affine table, all in Yul `mulmod`/`addmod`; see {_shamir}. x1 is compared projectively (X = x * Z^2 for each candidate x < p with x = r - e mod n),
 * without a second inversion.
 */
library Sm2 {
    uint256 internal constant P = 0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF;
    uint256 internal constant A = 0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC;
    uint256 internal constant B = 0x28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93;
    uint256 internal constant N = 0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123;
    uint256 internal constant GX = 0x32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7;
    uint256 internal constant GY = 0xBC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0;

    /// @notice The default signer ID "1234567812345678" (GB/T 35276), as ENTL (0x0080) || ID: 18 bytes.
    bytes18 internal constant DEFAULT_ENTL_ID = 0x008031323334353637383132333435363738;

    /// @notice Whether (x, y) is a point of the SM2 curve (coordinates below p; not the point at infinity).
    function isOnCurve(uint256 x, uint256 y) internal pure returns (bool) {
        if (x >= P || y >= P) return false;
        uint256 rhs = addmod(mulmod(addmod(mulmod(x, x, P), A, P), x, P), B, P);
        return mulmod(y, y, P) == rhs;
    }

    /// @dev SM3's chaining value after the first two blocks (128 bytes) of ZA's input with the default
    /// signer ID, ENTL || ID || a || b || xG || the first 14 bytes of yG, which do not depend on the key.
    /// Computed once off-chain; Sm2.t.sol checks ZA so continued against SM3 of the whole input.
    uint256 private constant _ZA_HEAD_STATE = 0xadadedb50446043f08a87acee86d22438e232383bfc81fe2cf9117c84707011d;

    /// @notice ZA of the public key (x, y) with the default signer ID. The key is not checked here.
    function za(uint256 x, uint256 y) internal pure returns (bytes32) {
        // ENTL || ID (18 bytes) || a || b || xG || yG || xA || yA: 210 bytes, the last 82 hashed here
        // (the last 18 bytes of yG, xA, yA) from the state after the constant first 128.
        return Sm3.hashFrom(_ZA_HEAD_STATE, 128, abi.encodePacked(bytes18(uint144(GY)), x, y));
    }

    /// @notice Whether (r, s) signs `data[offset:offset + length]` for the key (x, y) whose ZA is `zaValue`.
    function verifyMessage(
        bytes32 zaValue,
        bytes memory data,
        uint256 offset,
        uint256 length,
        uint256 r,
        uint256 s,
        uint256 x,
        uint256 y
    ) internal view returns (bool) {
        return verify(Sm3.hashWithPrefix(zaValue, data, offset, length), r, s, x, y);
    }

    /**
     * @notice Whether (r, s) is a valid SM2 signature of the digest `e` (= SM3(ZA || M)) by the key (x, y).
     * Refuses r or s out of [1, n - 1], t = 0, a key that is not a curve point, and a sum at infinity.
     */
    function verify(bytes32 e, uint256 r, uint256 s, uint256 x, uint256 y) internal view returns (bool valid) {
        if (r == 0 || r >= N || s == 0 || s >= N) return false;
        // PA = +-G (private key 1 or n - 1, known to anyone) is refused, as it always was.
        if (!isOnCurve(x, y) || x == GX) return false;
        uint256 t = addmod(r, s, N);
        if (t == 0) return false;
        // x1 = sx / zz in [0, p); (e + x1) mod n = r  <=>  x1 = (r - e) mod n or that plus n (below p).
        // Computed first: e and r are not kept on the stack through the ladder.
        uint256 target = addmod(r, N - (uint256(e) % N), N);
        (uint256 sx, uint256 zz) = _shamir(s, t, x, y);
        if (zz == 0) return false;
        if (mulmod(target, zz, P) == sx) return true;
        // The second candidate exists only when target + n < p (then it cannot overflow).
        if (target < P - N) valid = mulmod(target + N, zz, P) == sx;
    }

    /**
     * @dev [s]G + [t](x, y) in Jacobian coordinates (x = X / Z^2, y = Y / Z^3); returns X and Z^2 (0: the
     * point at infinity). Straus-Shamir with a joint window of two bits of each scalar: per window two
     * doublings (dbl-2001-b with a = -3) and at most one mixed addition of iG + jPA (i, j in 0..3) from
     * an affine table of 15 points: G, 2G, 3G are constants, the other 12 are computed in Jacobian
     * coordinates and made affine together with one inversion (Montgomery's trick, modexp precompile).
     * Every case is handled: an addition that meets the accumulator doubles, one that meets its negation
     * gives the point at infinity, and a table point at infinity (a key that is a small multiple of G
     * over a small multiple, such as PA = -2G) is marked with x = p and skipped.
     */
    function _shamir(uint256 s, uint256 t, uint256 x, uint256 y) private view returns (uint256 rx, uint256 rz) {
        assembly ("memory-safe") {
            function dbl(X, Y, Z, p) -> X3, Y3, Z3 {
                // gamma = Y^2, beta = X gamma, alpha = 3 (X - Z^2)(X + Z^2), X3 = alpha^2 - 8 beta,
                // Y3 = alpha (4 beta - X3) - 8 gamma^2, Z3 = 2YZ (0 stays 0: infinity doubles to itself)
                let gamma := mulmod(Y, Y, p)
                let beta := mulmod(X, gamma, p)
                let alpha := mulmod(Z, Z, p)
                alpha := mulmod(3, mulmod(addmod(X, sub(p, alpha), p), addmod(X, alpha, p), p), p)
                Z3 := mulmod(addmod(Y, Y, p), Z, p)
                X3 := addmod(mulmod(alpha, alpha, p), sub(p, mulmod(8, beta, p)), p)
                Y3 := addmod(mulmod(alpha, addmod(mulmod(4, beta, p), sub(p, X3), p), p), sub(p, mulmod(8, mulmod(gamma, gamma, p), p)), p)
            }
            // (X, Y, Z) + (x2, y2), the second affine and finite: H = x2 Z^2 - X, R = y2 Z^3 - Y.
            function addAffine(X, Y, Z, x2, y2, p) -> X3, Y3, Z3 {
                if iszero(Z) {
                    X3 := x2
                    Y3 := y2
                    Z3 := 1
                    leave
                }
                let zz := mulmod(Z, Z, p)
                let h := addmod(mulmod(x2, zz, p), sub(p, X), p)
                let r := addmod(mulmod(y2, mulmod(zz, Z, p), p), sub(p, Y), p)
                if iszero(h) {
                    // the same point: double it; its negation: the point at infinity (Z3 = 0)
                    if iszero(r) { X3, Y3, Z3 := dbl(X, Y, Z, p) }
                    leave
                }
                Z3 := mulmod(Z, h, p)
                zz := mulmod(h, h, p) // H^2
                h := mulmod(h, zz, p) // H^3
                zz := mulmod(X, zz, p) // V = X H^2
                X3 := addmod(addmod(mulmod(r, r, p), sub(p, h), p), sub(p, addmod(zz, zz, p)), p)
                Y3 := addmod(mulmod(r, addmod(zz, sub(p, X3), p), p), sub(p, mulmod(Y, h, p)), p)
            }
            // Table entry k = i + 4j (iG + jPA) at m + 64k as affine (x, y). Jacobian records of 128 bytes
            // (X, Y, Z, product of the Zs so far) at q: 0: PA, 1: 2PA, 2: 3PA, 3 + 3(j - 1) + (i - 1): iG + jPA.
            function entryOf(record) -> k {
                k := shl(2, add(record, 1))
                if gt(record, 2) { k := add(add(mod(sub(record, 3), 3), 1), shl(2, add(div(sub(record, 3), 3), 1))) }
            }
            let m := mload(0x40)
            let q := add(m, 1024)
            // The scalars stay in the scratch space: the ladder reads them from there.
            mstore(0x00, s)
            mstore(0x20, t)
            // p from memory, where the precompile call may have written as far as the optimizer knows: a
            // literal would be rebuilt from a shorter expression (NOT, SHL, ...) at each use.
            mstore(add(m, 2816), P)
            let p := mload(add(m, 2816))
            mstore(add(m, 64), 0x32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7)
            mstore(add(m, 96), 0xBC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0)
            mstore(add(m, 128), 0x56CEFD60D7C87C000D58EF57FA73BA4D9C0DFA08C08A7331495C2E1DA3F2BD52)
            mstore(add(m, 160), 0x31B7E7E6CC8189F668535CE0F8EAF1BD6DE84C182F6C8E716F780D3A970A23C3)
            mstore(add(m, 192), 0xA97F7CD4B3C993B4BE2DAA8CDB41E24CA13F6BD945302244E26918F1D0509EBF)
            mstore(add(m, 224), 0x530B5DD88C688EF5CCC5CEC08A72150F7C400EE5CD045292AAACDD037458F6E6)
            {
                mstore(q, x)
                mstore(add(q, 32), y)
                mstore(add(q, 64), 1)
                let X, Y, Z := dbl(x, y, 1, p)
                mstore(add(q, 128), X)
                mstore(add(q, 160), Y)
                mstore(add(q, 192), Z)
                X, Y, Z := addAffine(X, Y, Z, x, y, p)
                mstore(add(q, 256), X)
                mstore(add(q, 288), Y)
                mstore(add(q, 320), Z)
            }
            for { let record := 3 } lt(record, 12) { record := add(record, 1) } {
                let base := add(q, shl(7, div(sub(record, 3), 3))) // jPA
                let g := add(m, shl(6, add(mod(sub(record, 3), 3), 1))) // iG
                let X, Y, Z := addAffine(mload(base), mload(add(base, 32)), mload(add(base, 64)), mload(g), mload(add(g, 32)), p)
                let at := add(q, shl(7, record))
                mstore(at, X)
                mstore(add(at, 32), Y)
                mstore(add(at, 64), Z)
            }
            {
                // Montgomery's trick: one inversion for the 12 Zs (a zero Z, the point at infinity, counts as 1).
                let product := 1
                for { let at := q } lt(at, add(q, 1536)) { at := add(at, 128) } {
                    let z := mload(add(at, 64))
                    if iszero(z) { z := 1 }
                    product := mulmod(product, z, p)
                    mstore(add(at, 96), product)
                }
                let e := add(m, 2560)
                mstore(e, 32)
                mstore(add(e, 32), 32)
                mstore(add(e, 64), 32)
                mstore(add(e, 96), product)
                mstore(add(e, 128), sub(p, 2))
                mstore(add(e, 160), p)
                if iszero(staticcall(gas(), 0x05, e, 192, e, 32)) { revert(0, 0) }
                let inverse := mload(e)
                p := mload(add(m, 2816))
                for { let record := 12 } record { } {
                    record := sub(record, 1)
                    let at := add(q, shl(7, record))
                    let z := mload(add(at, 64))
                    // 1 / Z of this record: the inverse of the whole product times the product before it
                    let zi := inverse
                    if record { zi := mulmod(inverse, mload(sub(at, 32)), p) }
                    let entry := add(m, shl(6, entryOf(record)))
                    switch z
                    case 0 { mstore(entry, p) } // the point at infinity: skipped
                    default {
                        inverse := mulmod(inverse, z, p)
                        let zi2 := mulmod(zi, zi, p)
                        mstore(entry, mulmod(mload(at), zi2, p))
                        mstore(add(entry, 32), mulmod(mload(add(at, 32)), mulmod(zi2, zi, p), p))
                    }
                }
            }
            // From the highest window with a digit set (t is not zero), with its table point.
            let bit := 254
            for { } iszero(and(shr(bit, or(s, t)), 3)) { bit := sub(bit, 2) } { }
            let k := shl(6, or(and(shr(bit, s), 3), shl(2, and(shr(bit, t), 3))))
            let X := mload(add(m, k))
            let Y := mload(add(m, add(k, 32)))
            let Z := 1
            if eq(X, p) { Z := 0 }
            // The ladder's doublings and additions are written out: no function calls in the 128 windows.
            for { } bit { } {
                bit := sub(bit, 2)
                {
                    let gamma := mulmod(Y, Y, p)
                    let beta := mulmod(X, gamma, p)
                    let alpha := mulmod(Z, Z, p)
                    alpha := mulmod(3, mulmod(addmod(X, sub(p, alpha), p), addmod(X, alpha, p), p), p)
                    Z := mulmod(addmod(Y, Y, p), Z, p)
                    X := addmod(mulmod(alpha, alpha, p), sub(p, mulmod(8, beta, p)), p)
                    Y := addmod(mulmod(alpha, addmod(mulmod(4, beta, p), sub(p, X), p), p), sub(p, mulmod(8, mulmod(gamma, gamma, p), p)), p)
                }
                {
                    let gamma := mulmod(Y, Y, p)
                    let beta := mulmod(X, gamma, p)
                    let alpha := mulmod(Z, Z, p)
                    alpha := mulmod(3, mulmod(addmod(X, sub(p, alpha), p), addmod(X, alpha, p), p), p)
                    Z := mulmod(addmod(Y, Y, p), Z, p)
                    X := addmod(mulmod(alpha, alpha, p), sub(p, mulmod(8, beta, p)), p)
                    Y := addmod(mulmod(alpha, addmod(mulmod(4, beta, p), sub(p, X), p), p), sub(p, mulmod(8, mulmod(gamma, gamma, p), p)), p)
                }
                k := shl(6, or(and(shr(bit, mload(0x00)), 3), shl(2, and(shr(bit, mload(0x20)), 3))))
                if k {
                    k := add(mload(0x40), k) // the table (m, not kept on the stack)
                    let x2 := mload(k)
                    if lt(x2, p) {
                        switch Z
                        case 0 {
                            X := x2
                            Y := mload(add(k, 32))
                            Z := 1
                        }
                        default {
                            let zz := mulmod(Z, Z, p)
                            let h := addmod(mulmod(x2, zz, p), sub(p, X), p)
                            let r := addmod(mulmod(mload(add(k, 32)), mulmod(zz, Z, p), p), sub(p, Y), p)
                            switch h
                            case 0 {
                                switch r
                                case 0 { X, Y, Z := dbl(X, Y, Z, p) }
                                default { Z := 0 }
                            }
                            default {
                                Z := mulmod(Z, h, p)
                                zz := mulmod(h, h, p) // H^2
                                h := mulmod(h, zz, p) // H^3
                                zz := mulmod(X, zz, p) // V = X H^2
                                X := addmod(addmod(mulmod(r, r, p), sub(p, h), p), sub(p, addmod(zz, zz, p)), p)
                                Y := addmod(mulmod(r, addmod(zz, sub(p, X), p), p), sub(p, mulmod(Y, h, p)), p)
                            }
                        }
                    }
                }
            }
            rx := X
            rz := mulmod(Z, Z, p)
        }
    }
}
