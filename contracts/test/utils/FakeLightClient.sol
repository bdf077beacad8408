// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {ILedgerLightClient} from "../../src/interfaces/ILedgerLightClient.sol";

/**
 * @dev A test double of {ILedgerLightClient} for the peering contract's unit tests: headers and storage
 * values are set by the test, not proven. It keeps the interface's contract where the peering contract
 * relies on it: only the registrar registers, an unknown header reverts, and a storage proof "verifies"
 * only when it is the one the test set for that (block, account, slot) (so a test can hand a wrong one).
 */
contract FakeLightClient is ILedgerLightClient {
    error FakeLightClient__NotRegistrar(address caller);
    error FakeLightClient__UnknownHeader(bytes32 ledgerId, uint64 number);
    error FakeLightClient__BadProof();

    address public immutable registrar;
    mapping(bytes32 ledgerId => uint256) public registrations;
    mapping(bytes32 ledgerId => address[]) private _validators;
    mapping(bytes32 ledgerId => mapping(uint64 number => ProvenHeader)) private _headers;
    mapping(bytes32 ledgerId => uint64) private _latest;
    mapping(bytes32 key => bytes32 value) private _values;
    mapping(bytes32 key => bytes32 proofHash) private _proofs;

    constructor(address registrar_) {
        registrar = registrar_;
    }

    function registerLedger(bytes32 ledgerId, address[] calldata validators, uint64 trustingPeriod, bytes calldata)
        external
    {
        if (msg.sender != registrar) revert FakeLightClient__NotRegistrar(msg.sender);
        ++registrations[ledgerId];
        _validators[ledgerId] = validators;
        emit LedgerRegistered(ledgerId, keccak256(abi.encode(validators)), trustingPeriod, 0);
    }

    function submitHeader(bytes32, bytes calldata) external pure {
        revert("FakeLightClient: use setHeader");
    }

    function submitHeaderAndVerifyStorage(bytes32, bytes calldata, address, bytes32, bytes[] calldata, bytes[] calldata)
        external
        pure
        returns (ProvenHeader memory, bytes32)
    {
        revert("FakeLightClient: use setHeader and setStorage");
    }

    /// @dev Accepts a header as a real client would after checking its seals.
    function setHeader(bytes32 ledgerId, uint64 number, uint64 timestamp) external {
        _headers[ledgerId][number] = ProvenHeader({number: number, timestamp: timestamp, stateRoot: keccak256(abi.encode(number))});
        if (number > _latest[ledgerId]) _latest[ledgerId] = number;
        emit HeaderAccepted(ledgerId, number, bytes32(0), timestamp);
    }

    /// @dev Makes `verifyStorage` answer `value` for the proofs `accountProof` and `storageProof`.
    function setStorage(
        bytes32 ledgerId,
        uint64 number,
        address account,
        bytes32 slot,
        bytes32 value,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof
    ) external {
        bytes32 key = keccak256(abi.encode(ledgerId, number, account, slot));
        _values[key] = value;
        _proofs[key] = keccak256(abi.encode(accountProof, storageProof));
    }

    function validators(bytes32 ledgerId) external view returns (address[] memory) {
        return _validators[ledgerId];
    }

    function latestHeader(bytes32 ledgerId) external view returns (ProvenHeader memory) {
        return headerAt(ledgerId, _latest[ledgerId]);
    }

    function headerAt(bytes32 ledgerId, uint64 number) public view returns (ProvenHeader memory header) {
        header = _headers[ledgerId][number];
        if (header.number == 0) revert FakeLightClient__UnknownHeader(ledgerId, number);
    }

    function verifyStorage(
        bytes32 ledgerId,
        uint64 number,
        address account,
        bytes32 slot,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof
    ) external view returns (bytes32) {
        headerAt(ledgerId, number);
        bytes32 key = keccak256(abi.encode(ledgerId, number, account, slot));
        if (_proofs[key] != keccak256(abi.encode(accountProof, storageProof))) revert FakeLightClient__BadProof();
        return _values[key];
    }
}
