// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Rlp} from "./Rlp.sol";

/**
 * @title MerklePatricia
 * @notice Verifies `eth_getProof` answers against a state root: the account proof (path keccak256 of the
 * address, value RLP [nonce, balance, storageRoot, codeHash]) and a storage proof (path keccak256 of the
 * slot, value the RLP of the trimmed big-endian word). Keys a proof shows to be absent read as zero
 * (an exclusion proof: an empty branch slot, or a leaf or extension whose path leaves the key).
 * @dev Proof nodes are the trie's nodes from the root down, each hash-linked to its parent; children
 * shorter than 32 bytes are embedded in their parent (inline), as the trie stores them, and take no
 * proof element. A proof with a node too many, a hash that does not match, or a malformed node
 * reverts: a proof either proves or fails, it never answers "unknown".
 */
library MerklePatricia {
    /// @notice The root of an empty trie: keccak256(rlp("")).
    bytes32 internal constant EMPTY_TRIE_ROOT = 0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421;
    /// @notice The code hash of an account without code: keccak256("").
    bytes32 internal constant EMPTY_CODE_HASH = 0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470;

    /// @notice What the state trie says of an account (all zero and the empty roots when it is absent).
    struct Account {
        bool exists;
        uint256 nonce;
        uint256 balance;
        bytes32 storageRoot;
        bytes32 codeHash;
    }

    /// @notice Proof element `index` does not hash to what its parent (or the root) names.
    error MerklePatricia__HashMismatch(uint256 index);
    /// @notice Proof element `index` is not a branch, extension or leaf node of a 32-byte-key trie.
    error MerklePatricia__InvalidNode(uint256 index);
    /// @notice The proof ended before it reached the key's leaf or showed the key absent.
    error MerklePatricia__ProofTooShort();
    /// @notice Proof element `index` follows the node that already answered.
    error MerklePatricia__ProofTooLong(uint256 index);
    /// @notice The account leaf's value is not RLP [nonce, balance, storageRoot, codeHash].
    error MerklePatricia__InvalidAccount();
    /// @notice The storage leaf's value is not the RLP of a non-zero word.
    error MerklePatricia__InvalidStorageValue();

    /// @notice The account `account` in the state trie of `stateRoot`.
    function verifyAccount(bytes32 stateRoot, address account, bytes[] calldata proof)
        internal
        pure
        returns (Account memory result)
    {
        (bool found, Rlp.Item memory value) = get(stateRoot, keccak256(abi.encodePacked(account)), proof);
        if (!found) {
            result.storageRoot = EMPTY_TRIE_ROOT;
            result.codeHash = EMPTY_CODE_HASH;
            return result;
        }
        Rlp.Item memory inner = Rlp.innerItem(value);
        if (!inner.isList) revert MerklePatricia__InvalidAccount();
        Rlp.Item[] memory fields = Rlp.readList(inner);
        if (fields.length != 4) revert MerklePatricia__InvalidAccount();
        result.exists = true;
        result.nonce = Rlp.toUint(fields[0]);
        result.balance = Rlp.toUint(fields[1]);
        result.storageRoot = Rlp.toBytes32(fields[2]);
        result.codeHash = Rlp.toBytes32(fields[3]);
    }

    /// @notice The value of `slot` in the storage trie of `storageRoot` (zero when the proof shows it absent).
    function verifyStorage(bytes32 storageRoot, bytes32 slot, bytes[] calldata proof)
        internal
        pure
        returns (bytes32)
    {
        (bool found, Rlp.Item memory value) = get(storageRoot, keccak256(abi.encodePacked(slot)), proof);
        if (!found) return bytes32(0);
        Rlp.Item memory inner = Rlp.innerItem(value);
        // The trie deletes zero words, so a stored zero is a second encoding of "absent".
        if (inner.isList || inner.length == 0) revert MerklePatricia__InvalidStorageValue();
        return bytes32(Rlp.toUint(inner));
    }

    /**
     * @notice Walks `proof` from `root` along the 64 nibbles of `key`.
     * @return found whether the key is present.
     * @return value the leaf's value item (a byte string) when it is.
     */
    function get(bytes32 root, bytes32 key, bytes[] calldata proof)
        internal
        pure
        returns (bool found, Rlp.Item memory value)
    {
        if (proof.length == 0) {
            // Nodes answer for an empty trie with no node at all.
            if (root == EMPTY_TRIE_ROOT) return (false, value);
            revert MerklePatricia__ProofTooShort();
        }
        bytes32 expected = root;
        uint256 nibble; // the number of key nibbles consumed
        uint256 next; // the next proof element to read
        Rlp.Item memory node;
        bool inline_;
        while (true) {
            uint256 index = inline_ ? next - 1 : next;
            if (!inline_) {
                if (next >= proof.length) revert MerklePatricia__ProofTooShort();
                bytes calldata encoded = proof[next];
                if (_hash(encoded) != expected) revert MerklePatricia__HashMismatch(next);
                node = Rlp.toItem(encoded);
                next++;
            }
            if (!node.isList) {
                // Only the root of an empty trie is the empty string.
                if (index == 0 && !inline_ && node.length == 0) return _end(false, value, next, proof.length);
                revert MerklePatricia__InvalidNode(index);
            }
            // Secure-trie keys are all 64 nibbles long, so no key ends at a branch (nibble 64 picks nothing).
            (uint256 count, Rlp.Item memory first, Rlp.Item memory second, Rlp.Item memory picked) =
                _scan(node, nibble < 64 ? uint256(key >> (252 - 4 * nibble)) & 0xf : 17);
            Rlp.Item memory child;
            if (count == 17) {
                if (nibble == 64) revert MerklePatricia__InvalidNode(index);
                child = picked;
                nibble++;
                if (!child.isList && child.length == 0) return _end(false, value, next, proof.length);
            } else if (count == 2) {
                (bool isLeaf, bool matches, uint256 pathLength) = _comparePath(first, key, nibble, index);
                if (!matches) return _end(false, value, next, proof.length);
                nibble += pathLength;
                if (isLeaf) {
                    if (second.isList) revert MerklePatricia__InvalidNode(index);
                    return _end(true, second, next, proof.length);
                }
                child = second;
            } else {
                revert MerklePatricia__InvalidNode(index);
            }
            if (child.isList) {
                // An embedded node: only nodes whose encoding is shorter than a hash are stored inline.
                if (Rlp.encodedLength(child) >= 32) revert MerklePatricia__InvalidNode(index);
                node = child;
                inline_ = true;
            } else {
                if (child.length != 32) revert MerklePatricia__InvalidNode(index);
                expected = Rlp.toBytes32(child);
                inline_ = false;
            }
        }
    }

    /**
     * @dev One pass over a node's items (each read under the node's strict RLP rules): how many there
     * are, the first two, and the one at index `pick`, without allocating the other fifteen.
     */
    function _scan(Rlp.Item memory node, uint256 pick)
        private
        pure
        returns (uint256 count, Rlp.Item memory first, Rlp.Item memory second, Rlp.Item memory picked)
    {
        uint256 end = node.offset + node.length;
        for (uint256 at = node.offset; at < end; count++) {
            uint256 offset;
            uint256 length;
            bool isList;
            // Most items of a branch are the empty string or a 32-byte hash: read those two prefixes here
            // (what Rlp.readHeader would answer for them), every other item through Rlp.readHeader.
            uint256 b0 = Rlp.byteAt(at);
            if (b0 == 0x80) {
                offset = at + 1;
            } else if (b0 == 0xa0 && at + 33 <= end) {
                offset = at + 1;
                length = 32;
            } else {
                (offset, length, isList) = Rlp.readHeader(at, end);
            }
            if (count < 2 || count == pick) {
                Rlp.Item memory item = Rlp.Item(at, offset, length, isList);
                if (count == 0) first = item;
                else if (count == 1) second = item;
                if (count == pick) picked = item;
            }
            at = offset + length;
        }
    }

    /// @dev keccak256 of a calldata byte string, in scratch memory (nothing is allocated).
    function _hash(bytes calldata data) private pure returns (bytes32 digest) {
        assembly ("memory-safe") {
            let scratch := mload(0x40)
            calldatacopy(scratch, data.offset, data.length)
            digest := keccak256(scratch, data.length)
        }
    }

    /// @dev Ends the walk: no proof element may follow the one that answered.
    function _end(bool found, Rlp.Item memory value, uint256 next, uint256 length)
        private
        pure
        returns (bool, Rlp.Item memory)
    {
        if (next != length) revert MerklePatricia__ProofTooLong(next);
        return (found, value);
    }

    /**
     * @dev Decodes the hex-prefix path of a leaf or extension and compares it with `key` from nibble
     * `from`: `matches` when the whole path equals the key's next nibbles.
     */
    function _comparePath(Rlp.Item memory path, bytes32 key, uint256 from, uint256 index)
        private
        pure
        returns (bool isLeaf, bool matches, uint256 pathLength)
    {
        if (path.isList || path.length == 0 || path.length > 33) revert MerklePatricia__InvalidNode(index);
        uint256 first = Rlp.byteAt(path.offset);
        uint256 flag = first >> 4;
        if (flag > 3) revert MerklePatricia__InvalidNode(index);
        isLeaf = flag >= 2;
        bool odd = flag & 1 == 1;
        // Even paths pad the flag byte with a zero nibble: any other nibble would be a second encoding.
        if (!odd && first & 0xf != 0) revert MerklePatricia__InvalidNode(index);
        pathLength = 2 * (path.length - 1) + (odd ? 1 : 0);
        if (pathLength == 0 && !isLeaf) revert MerklePatricia__InvalidNode(index);
        // A leaf holds the rest of a 64-nibble key; an extension, part of it.
        if (isLeaf ? from + pathLength != 64 : from + pathLength >= 64) revert MerklePatricia__InvalidNode(index);
        matches = true;
        uint256 k = from;
        if (odd) {
            if (first & 0xf != uint256(key >> (252 - 4 * k)) & 0xf) return (isLeaf, false, pathLength);
            k++;
        }
        for (uint256 i = 1; i < path.length; i++) {
            uint256 b = Rlp.byteAt(path.offset + i);
            if (b >> 4 != uint256(key >> (252 - 4 * k)) & 0xf || b & 0xf != uint256(key >> (248 - 4 * k)) & 0xf) {
                return (isLeaf, false, pathLength);
            }
            k += 2;
        }
    }
}
