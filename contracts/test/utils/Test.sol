// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {Vm, VM_ADDRESS} from "./Vm.sol";

/// @notice A tiny test base: the cheatcodes, and the helpers forge-std would give.
abstract contract Test {
    Vm internal constant vm = Vm(VM_ADDRESS);

    /// @dev Maps `x` into [min, max] uniformly enough for fuzzing, without discarding runs.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (min == 0 && max == type(uint256).max) return x;
        return min + (x % (max - min + 1));
    }

    /// @dev The current block time; via-IR may cache `block.timestamp` across `vm.warp` in one function.
    function now_() internal view returns (uint64) {
        return uint64(vm.getBlockTimestamp());
    }
}

/// @notice What forge reads from an invariant test to choose the calls it makes.
abstract contract InvariantTest is Test {
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    address[] private _targetContracts;
    FuzzSelector[] private _targetSelectors;

    function targetContract(address target) internal {
        _targetContracts.push(target);
    }

    function targetSelector(FuzzSelector memory selector) internal {
        _targetSelectors.push(selector);
    }

    function targetContracts() public view returns (address[] memory) {
        return _targetContracts;
    }

    function targetSelectors() public view returns (FuzzSelector[] memory) {
        return _targetSelectors;
    }
}
