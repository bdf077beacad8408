// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {MerklePatricia} from "../../../src/lib/MerklePatricia.sol";
import {QbftHeader} from "../../../src/lib/QbftHeader.sol";
import {Rlp} from "../../../src/lib/Rlp.sol";

/// @notice External entry points to the light client's libraries, so tests hand them real calldata.
contract LightClientHarness {
    function decodeHeader(bytes calldata headerRlp)
        external
        pure
        returns (uint64 number, uint64 timestamp, bytes32 stateRoot, bytes32 commitHash, address[] memory validators, address[] memory signers)
    {
        QbftHeader.Header memory h = QbftHeader.decode(headerRlp);
        signers = new address[](h.seals.length);
        for (uint256 i; i < signers.length; i++) signers[i] = QbftHeader.recoverSigner(h.commitHash, h.seals[i], i);
        return (h.number, h.timestamp, h.stateRoot, h.commitHash, h.validators, signers);
    }

    /// @notice The top item's kind and payload, and (for a list) how many items it holds.
    function readItem(bytes calldata data) external pure returns (bool isList, bytes memory payload, uint256 count) {
        Rlp.Item memory item = Rlp.toItem(data);
        if (item.isList) return (true, "", Rlp.readList(item).length);
        return (false, Rlp.toBytes(item), 0);
    }

    function readUint(bytes calldata data) external pure returns (uint256) {
        return Rlp.toUint(Rlp.toItem(data));
    }

    function verifyAccount(bytes32 stateRoot, address account, bytes[] calldata proof)
        external
        pure
        returns (MerklePatricia.Account memory)
    {
        return MerklePatricia.verifyAccount(stateRoot, account, proof);
    }

    function verifyStorage(bytes32 storageRoot, bytes32 slot, bytes[] calldata proof) external pure returns (bytes32) {
        return MerklePatricia.verifyStorage(storageRoot, slot, proof);
    }

    function get(bytes32 root, bytes32 key, bytes[] calldata proof) external pure returns (bool found, bytes memory value) {
        Rlp.Item memory item;
        (found, item) = MerklePatricia.get(root, key, proof);
        if (found) value = Rlp.toBytes(item);
    }
}
