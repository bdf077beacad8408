// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {TrustStore} from "../../src/TrustStore.sol";
import {ITrustStore} from "../../src/interfaces/ITrustStore.sol";
import {Test} from "./Test.sol";
import {Fixtures, RootFixture} from "./Fixtures.sol";

/// @notice A store with three member authorities (BR, CN, PT), strict majority (2 of 3), a 7-day vote.
abstract contract TrustStoreBase is Test {
    uint64 internal constant VOTING_PERIOD = 7 days;
    uint64 internal constant START = 1_750_000_000; // 2025-06-15, inside every fixture root's validity

    address internal immutable brazil = vm.addr(0xB0);
    address internal immutable china = vm.addr(0xC0);
    address internal immutable portugal = vm.addr(0xD0);
    address internal immutable outsider = vm.addr(0xE0);

    TrustStore internal store;
    RootFixture internal v5;
    RootFixture internal v10;
    RootFixture internal cnRoot;

    function setUp() public virtual {
        vm.warp(START);
        v5 = Fixtures.root(Fixtures.ICP_BRASIL_V5);
        v10 = Fixtures.root(Fixtures.ICP_BRASIL_V10);
        cnRoot = Fixtures.root(Fixtures.CN_SM2_ROOT);
        store = new TrustStore(_founders(), 0, VOTING_PERIOD);
    }

    function _founders() internal view returns (ITrustStore.Member[] memory founders) {
        founders = new ITrustStore.Member[](3);
        founders[0] = ITrustStore.Member(brazil, "BR", "ITI - Instituto Nacional de Tecnologia da Informacao", true);
        founders[1] = ITrustStore.Member(china, "CN", "NRCAC", true);
        founders[2] = ITrustStore.Member(portugal, "PT", "Gabinete Nacional de Seguranca", true);
    }

    /// @dev Proposes by `proposer`, approves by `approver`, executes; returns the proposal id.
    function _pass(address proposer, address approver, bytes memory call) internal returns (uint256 id) {
        vm.prank(proposer);
        (bool ok, bytes memory result) = address(store).call(call);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 0x20), mload(result))
            }
        }
        id = abi.decode(result, (uint256));
        vm.prank(approver);
        store.approve(id);
        store.execute(id);
    }

    function _addAnchor(RootFixture memory root, bytes2 country, address proposer) internal returns (uint256 id) {
        address approver = proposer == portugal ? brazil : portugal;
        id = _pass(proposer, approver, abi.encodeCall(ITrustStore.proposeAddAnchor, (root.der, country, 0)));
    }

    function _warpBy(uint256 seconds_) internal {
        vm.warp(now_() + seconds_);
    }

    function _path(bytes32 anchorHash) internal pure returns (bytes32[] memory path) {
        path = new bytes32[](1);
        path[0] = anchorHash;
    }

    function _path(bytes32 certificateHash, bytes32 anchorHash) internal pure returns (bytes32[] memory path) {
        path = new bytes32[](2);
        path[0] = certificateHash;
        path[1] = anchorHash;
    }
}
