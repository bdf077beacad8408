// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {Vm, VM_ADDRESS} from "./Vm.sol";

/// @notice A real root certificate from test/fixtures (see generate.sh) with what openssl says of it.
struct RootFixture {
    string name;
    bytes der;
    bytes32 hash; // the anchor's identity: SHA-256 of the tbsCertificate
    bytes32 derHash; // SHA-256 of the whole DER
    bytes32 spkiHash;
    uint64 notBefore;
    uint64 notAfter;
}

library Fixtures {
    Vm private constant vm = Vm(VM_ADDRESS);

    string internal constant ICP_BRASIL_V5 = "icp-brasil-v5";
    string internal constant ICP_BRASIL_V10 = "icp-brasil-v10";
    string internal constant ICP_BRASIL_V12 = "icp-brasil-v12";
    string internal constant CN_SM2_ROOT = "cn-sm2-root";
    /// A test root whose notAfter is a GeneralizedTime (2123).
    string internal constant TONGSUO_SM2_TEST_ROOT = "tongsuo-sm2-test-root";
    /// Two self-issued P-256 CA roots (C=PT) with one key: a re-issue (made by generate.sh).
    string internal constant PT_TEST_ROOT_A = "pt-test-root-a";
    string internal constant PT_TEST_ROOT_B = "pt-test-root-b";
    /// Self-issued, but not CA roots: cA false; cA true with a keyUsage lacking keyCertSign (`der` only).
    string internal constant NOT_CA_SELF_SIGNED = "not-ca-self-signed";
    string internal constant CA_WITHOUT_KEY_CERT_SIGN = "ca-without-keycertsign";
    /// An ICP-Brasil v5 intermediate (AC SERPRO v4).
    string internal constant ICP_BRASIL_V5_INTERMEDIATE = "icp-brasil-v5-serpro-v4";

    function root(string memory name) internal view returns (RootFixture memory fixture) {
        fixture.name = name;
        fixture.der = vm.readFileBinary(string.concat("test/fixtures/", name, ".der"));
        string memory json = vm.readFile("test/fixtures/anchors.json");
        string memory key = string.concat(".", _jsonKey(name));
        fixture.hash = vm.parseJsonBytes32(json, string.concat(key, ".tbsHash"));
        fixture.derHash = vm.parseJsonBytes32(json, string.concat(key, ".hash"));
        fixture.spkiHash = vm.parseJsonBytes32(json, string.concat(key, ".spkiHash"));
        fixture.notBefore = uint64(vm.parseJsonUint(json, string.concat(key, ".notBefore")));
        fixture.notAfter = uint64(vm.parseJsonUint(json, string.concat(key, ".notAfter")));
    }

    /// @notice The identity (SHA-256 of the tbsCertificate) of the ICP-Brasil v5 intermediate, computed
    /// by generate.sh (sha256 of the element its headers delimit), not by contracts/src/lib.
    function intermediateHash() internal view returns (bytes32) {
        string memory json = vm.readFile("test/fixtures/anchors.json");
        return vm.parseJsonBytes32(json, ".icp_brasil_v5_serpro_v4.tbsHash");
    }

    /// @notice A certificate file of test/fixtures made by generate.sh (`name` without ".der").
    function der(string memory name) internal view returns (bytes memory) {
        return vm.readFileBinary(string.concat("test/fixtures/", name, ".der"));
    }

    function intermediateDer() internal view returns (bytes memory) {
        return vm.readFileBinary(string.concat("test/fixtures/", ICP_BRASIL_V5_INTERMEDIATE, ".der"));
    }

    function allRoots() internal view returns (RootFixture[] memory roots) {
        roots = new RootFixture[](5);
        roots[0] = root(ICP_BRASIL_V5);
        roots[1] = root(ICP_BRASIL_V10);
        roots[2] = root(ICP_BRASIL_V12);
        roots[3] = root(CN_SM2_ROOT);
        roots[4] = root(TONGSUO_SM2_TEST_ROOT);
    }

    function _jsonKey(string memory name) private pure returns (string memory) {
        bytes memory key = bytes(name);
        for (uint256 i; i < key.length; ++i) {
            if (key[i] == "-") key[i] = "_";
        }
        return string(key);
    }
}
