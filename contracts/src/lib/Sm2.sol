// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {Sm3} from "./Sm3.sol";

/**
 * @title Sm2
 * @notice SM2 signature verification (GB/T 32918.2-2016) on the SM2 curve (GB/T 32918.5-2017), with
 * SM3: e = SM3(ZA || M), ZA = SM3(ENTL || ID || a || b || xG || yG || xA || yA); (r, s) is valid when
 * 0 < r, s < n, t = (r + s) mod n is not 0, (x1, y1) = [s]G + [t]PA is not the point at infinity and
 * (e + x1) mod n = r.
 * @dev The curve has a = p - 3, so doubling uses the a = -3 formula. [s]G + [t]PA is one Shamir-Straus
 * ladder over both scalars in Jacobian coordinates with mixed additions, all in Yul `mulmod`/`addmod`; see
 * {_shamir}. x1 is compared projectively (X = x * Z^2 for each candidate x < p with x = r - e mod n),
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
        // PA = +-G (private key 1 or n - 1) is refused: G + PA would not be an affine table point.
        if (!isOnCurve(x, y) || x == GX) return false;
        uint256 t = addmod(r, s, N);
        if (t == 0) return false;
        (uint256 sx, uint256 zz) = _shamir(s, t, x, y);
        if (zz == 0) return false;
        // x1 = sx / zz in [0, p); (e + x1) mod n = r  <=>  x1 = (r - e) mod n or that plus n (below p).
        uint256 target = addmod(r, N - (uint256(e) % N), N);
        if (mulmod(target, zz, P) == sx) return true;
        // The second candidate exists only when target + n < p (then it cannot overflow).
        if (target < P - N) valid = mulmod(target + N, zz, P) == sx;
    }

    /**
     * @dev [s]G + [t](x, y) in Jacobian coordinates (x = X / Z^2, y = Y / Z^3); returns X and Z^2 (0: the
     * point at infinity). One ladder over both scalars: a doubling (dbl-2001-b with a = -3) per bit,
     * then a mixed addition of G, PA or G + PA (affine, in memory past
     * the free pointer; G + PA costs one inversion by the modexp precompile). The caller refuses
     * PA = +-G, where G + PA is a doubling or the point at infinity. An addition that meets the
     * accumulator itself doubles, one that meets its negation gives the point at infinity.
     */
    function _shamir(uint256 s, uint256 t, uint256 x, uint256 y) private view returns (uint256 rx, uint256 rz) {
        assembly ("memory-safe") {
            let p := P
            let gx := 0x32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7
            let gy := 0xBC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0
            // table[k] = (x, y) at m + 64k: 1 = G, 2 = PA, 3 = G + PA.
            let m := mload(0x40)
            // The scalars stay in the scratch space, written before the modexp call so that the optimizer
            // does not put them back on the stack: the ladder must fit the stack in any caller.
            mstore(0x00, s)
            mstore(0x20, t)
            {
                // G + PA: lambda = (y - gy) / (x - gx), 1 / (x - gx) = (x - gx)^(p - 2) by modexp.
                let dx := addmod(x, sub(p, gx), p)
                mstore(m, 32)
                mstore(add(m, 32), 32)
                mstore(add(m, 64), 32)
                mstore(add(m, 96), dx)
                mstore(add(m, 128), sub(p, 2))
                mstore(add(m, 160), p)
                if iszero(staticcall(gas(), 0x05, m, 192, m, 32)) { revert(0, 0) }
                // p from memory, where the call may have written as far as the optimizer knows: a literal
                // would be rebuilt from a shorter expression (NOT, SHL, ...) at each of its ~40 uses per bit.
                p := mload(add(m, 160))
                let lambda := mulmod(addmod(y, sub(p, gy), p), mload(m), p)
                let hx := addmod(mulmod(lambda, lambda, p), sub(p, addmod(gx, x, p)), p)
                mstore(add(m, 192), hx)
                mstore(add(m, 224), addmod(mulmod(lambda, addmod(gx, sub(p, hx), p), p), sub(p, gy), p))
                mstore(add(m, 64), gx)
                mstore(add(m, 96), gy)
                mstore(add(m, 128), x)
                mstore(add(m, 160), y)
            }
            // Start at the highest bit set in s or t, with its table point.
            let bit := 255
            for { } iszero(and(shr(bit, or(s, t)), 1)) { bit := sub(bit, 1) } { }
            let k := shl(6, or(and(shr(bit, s), 1), shl(1, and(shr(bit, t), 1))))
            let X := mload(add(m, k))
            let Y := mload(add(m, add(k, 32)))
            let Z := 1
            for { } bit { } {
                bit := sub(bit, 1)
                // doubling (dbl-2001-b, a = -3; Z3 = 2YZ): gamma = Y^2, beta = X gamma,
                // alpha = 3 (X - Z^2)(X + Z^2), X3 = alpha^2 - 8 beta, Y3 = alpha (4 beta - X3) - 8 gamma^2
                {
                    let gamma := mulmod(Y, Y, p)
                    let beta := mulmod(X, gamma, p)
                    let alpha := mulmod(Z, Z, p)
                    alpha := mulmod(3, mulmod(addmod(X, sub(p, alpha), p), addmod(X, alpha, p), p), p)
                    Z := mulmod(addmod(Y, Y, p), Z, p)
                    X := addmod(mulmod(alpha, alpha, p), sub(p, mulmod(8, beta, p)), p)
                    Y := addmod(mulmod(alpha, addmod(mulmod(4, beta, p), sub(p, X), p), p), sub(p, mulmod(8, mulmod(gamma, gamma, p), p)), p)
                }
                k := shl(6, or(and(shr(bit, mload(0x00)), 1), shl(1, and(shr(bit, mload(0x20)), 1))))
                if k {
                    switch Z
                    case 0 {
                        X := mload(add(m, k))
                        Y := mload(add(m, add(k, 32)))
                        Z := 1
                    }
                    default {
                        // mixed addition: H = x2 Z^2 - X, R = y2 Z^3 - Y
                        let zz := mulmod(Z, Z, p)
                        let h := addmod(mulmod(mload(add(m, k)), zz, p), sub(p, X), p)
                        let r := addmod(mulmod(mload(add(m, add(k, 32))), mulmod(zz, Z, p), p), sub(p, Y), p)
                        switch h
                        case 0 {
                            switch r
                            case 0 {
                                // the accumulator is the table point: double it
                                let gamma := mulmod(Y, Y, p)
                                let beta := mulmod(X, gamma, p)
                                let alpha := mulmod(3, mulmod(addmod(X, sub(p, zz), p), addmod(X, zz, p), p), p)
                                Z := mulmod(addmod(Y, Y, p), Z, p)
                                X := addmod(mulmod(alpha, alpha, p), sub(p, mulmod(8, beta, p)), p)
                                Y := addmod(mulmod(alpha, addmod(mulmod(4, beta, p), sub(p, X), p), p), sub(p, mulmod(8, mulmod(gamma, gamma, p), p)), p)
                            }
                            default { Z := 0 } // P + (-P)
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
            rx := X
            rz := mulmod(Z, Z, p)
        }
    }
}
