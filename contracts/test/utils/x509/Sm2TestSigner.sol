// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {Sm2} from "../../../src/lib/Sm2.sol";
import {Sm3} from "../../../src/lib/Sm3.sol";

/**
 * @dev An SM2 signer for tests (GB/T 32918.2 section 6.1), written independently of `Sm2`'s ladder:
 * affine double-and-add with an inversion (modexp) per step, slow and simple. k is derived from the key
 * and the digest (deterministic, test only). Returns DER SEQUENCE { r, s }.
 */
library Sm2TestSigner {
    function sign(uint256 d, bytes memory message) internal view returns (bytes memory signature) {
        (uint256 x, uint256 y) = mulG(d);
        bytes32 e = Sm3.hashWithPrefix(Sm2.za(x, y), message, 0, message.length);
        for (uint256 i;; i++) {
            uint256 k = uint256(keccak256(abi.encode(d, e, i))) % (Sm2.N - 1) + 1;
            (uint256 x1,) = mulG(k);
            uint256 r = addmod(uint256(e), x1, Sm2.N);
            if (r == 0 || addmod(r, k, Sm2.N) == 0) continue;
            uint256 s = mulmod(_inv(d + 1, Sm2.N), addmod(k, Sm2.N - mulmod(r, d, Sm2.N), Sm2.N), Sm2.N);
            if (s == 0) continue;
            signature = _der(r, s);
            break;
        }
    }

    /// @dev [k]G, affine.
    function mulG(uint256 k) internal view returns (uint256 x, uint256 y) {
        bool started;
        for (uint256 i = 256; i > 0; i--) {
            if (started) (x, y) = _add(x, y, x, y);
            if ((k >> (i - 1)) & 1 == 1) {
                if (started) (x, y) = _add(x, y, Sm2.GX, Sm2.GY);
                else (x, y, started) = (Sm2.GX, Sm2.GY, true);
            }
        }
    }

    function _add(uint256 x1, uint256 y1, uint256 x2, uint256 y2) private view returns (uint256 x3, uint256 y3) {
        uint256 p = Sm2.P;
        uint256 lambda;
        if (x1 == x2) {
            require(y1 == y2 && y1 != 0, "Sm2TestSigner: point at infinity");
            lambda = mulmod(addmod(mulmod(3, mulmod(x1, x1, p), p), Sm2.A, p), _inv(addmod(y1, y1, p), p), p);
        } else {
            lambda = mulmod(addmod(y2, p - y1, p), _inv(addmod(x2, p - x1, p), p), p);
        }
        x3 = addmod(mulmod(lambda, lambda, p), p - addmod(x1, x2, p), p);
        y3 = addmod(mulmod(lambda, addmod(x1, p - x3, p), p), p - y1, p);
    }

    function _inv(uint256 a, uint256 m) private view returns (uint256 out) {
        (bool ok, bytes memory r) = address(5).staticcall(abi.encode(32, 32, 32, a, m - 2, m));
        require(ok, "modexp");
        out = abi.decode(r, (uint256));
    }

    function _der(uint256 r, uint256 s) private pure returns (bytes memory) {
        bytes memory ri = _int(r);
        bytes memory si = _int(s);
        return bytes.concat(bytes1(0x30), bytes1(uint8(ri.length + si.length)), ri, si);
    }

    function _int(uint256 v) private pure returns (bytes memory out) {
        bytes memory raw = abi.encodePacked(v);
        uint256 i;
        while (i < 31 && raw[i] == 0) i++;
        bool pad = uint8(raw[i]) >= 0x80;
        out = new bytes(32 - i + (pad ? 1 : 0) + 2);
        out[0] = 0x02;
        out[1] = bytes1(uint8(out.length - 2));
        for (uint256 j = i; j < 32; j++) out[j - i + 2 + (pad ? 1 : 0)] = raw[j];
    }
}
