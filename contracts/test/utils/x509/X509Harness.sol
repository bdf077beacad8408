// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {X509} from "../../../src/lib/X509.sol";

/// @dev External entry points to the X509 library, for tests, fuzzing and `forge test --gas-report`.
contract X509Harness {
    function parse(bytes calldata der) external pure returns (X509.Certificate memory) {
        return X509.parse(der);
    }

    /// @notice Parses both certificates and verifies `child`'s signature with `issuer`'s key.
    function verifyLink(bytes calldata child, bytes calldata issuer) external view returns (bool) {
        bytes memory childDer = child;
        X509.Certificate memory cert = X509.parse(childDer);
        return X509.verifySignature(childDer, cert, X509.parse(issuer).publicKey);
    }
}
