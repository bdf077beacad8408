// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Test} from "./utils/Test.sol";
import {ivm} from "./utils/interop/InteropVm.sol";
import {RlpWriter} from "./utils/interop/RlpWriter.sol";
import {LightClientHarness} from "./utils/interop/LightClientHarness.sol";
import {LedgerLightClient} from "../src/LedgerLightClient.sol";
import {MerklePatricia} from "../src/lib/MerklePatricia.sol";
import {Rlp} from "../src/lib/Rlp.sol";

/// @notice Merkle-Patricia proofs from a real anvil node (test/fixtures/interop/anvil-proofs.json, made by
/// scripts/interop/proofFixtures.ts): valid, tampered, absent keys, fuzzed; and hand-built tries for the
/// node shapes a 300-account state rarely shows (extension, inline nodes).
contract LedgerLightClientMptTest is Test {
    string internal constant FIXTURE = "test/fixtures/interop/anvil-proofs.json";
    uint256 internal constant STORAGE_PROOFS = 11;

    LightClientHarness internal harness;
    string internal json;
    bytes32 internal stateRoot;
    address internal account;
    bytes32 internal storageHash;
    bytes[] internal accountProof;

    function setUp() public {
        harness = new LightClientHarness();
        json = ivm.readFile(FIXTURE);
        stateRoot = ivm.parseJsonBytes32(json, ".stateRoot");
        account = ivm.parseJsonAddress(json, ".account");
        storageHash = ivm.parseJsonBytes32(json, ".storageHash");
        bytes[] memory proof = ivm.parseJsonBytesArray(json, ".accountProof");
        for (uint256 i; i < proof.length; i++) accountProof.push(proof[i]);
    }

    function _storage(uint256 i) internal view returns (bytes32 key, bytes32 value, bool present, bytes[] memory proof) {
        string memory at = string.concat(".storage[", ivm.toString(i), "]");
        key = ivm.parseJsonBytes32(json, string.concat(at, ".key"));
        value = ivm.parseJsonBytes32(json, string.concat(at, ".value"));
        proof = ivm.parseJsonBytesArray(json, string.concat(at, ".proof"));
        present = value != bytes32(0);
    }

    // ------------------------------------------------------------ valid anvil proofs

    function test_accountProof() public view {
        MerklePatricia.Account memory a = harness.verifyAccount(stateRoot, account, accountProof);
        vm.assertTrue(a.exists, "exists");
        vm.assertEq(a.storageRoot, storageHash, "storage root");
        vm.assertEq(a.codeHash, ivm.parseJsonBytes32(json, ".codeHash"), "code hash");
        vm.assertEq(a.nonce, ivm.parseJsonUint(json, ".nonce"), "nonce");
    }

    function test_eoaProof() public view {
        MerklePatricia.Account memory a = harness.verifyAccount(stateRoot, ivm.parseJsonAddress(json, ".eoa"), ivm.parseJsonBytesArray(json, ".eoaProof"));
        vm.assertTrue(a.exists, "exists");
        vm.assertEq(a.balance, uint256(ivm.parseJsonBytes32(json, ".eoaBalanceWord")), "balance");
        vm.assertEq(a.storageRoot, MerklePatricia.EMPTY_TRIE_ROOT, "no storage");
        vm.assertEq(a.codeHash, MerklePatricia.EMPTY_CODE_HASH, "no code");
    }

    function test_storageProofs_presentAndAbsent() public view {
        uint256 present;
        uint256 absent;
        for (uint256 i; i < STORAGE_PROOFS; i++) {
            (bytes32 key, bytes32 value, bool isPresent, bytes[] memory proof) = _storage(i);
            vm.assertEq(harness.verifyStorage(storageHash, key, proof), value, "slot value");
            isPresent ? present++ : absent++;
        }
        vm.assertEq(present, 8, "eight written slots");
        vm.assertEq(absent, 3, "three absent slots proven zero");
    }

    function test_absentAccount_readsAsEmpty() public view {
        MerklePatricia.Account memory a = harness.verifyAccount(
            stateRoot, ivm.parseJsonAddress(json, ".absentAccount"), ivm.parseJsonBytesArray(json, ".absentAccountProof")
        );
        vm.assertFalse(a.exists, "absent");
        vm.assertEq(a.storageRoot, MerklePatricia.EMPTY_TRIE_ROOT, "empty storage");
        // anvil answers the empty storage trie with the empty node (0x80).
        bytes[] memory empty = ivm.parseJsonBytesArray(json, ".absentAccountStorageProof");
        vm.assertEq(harness.verifyStorage(a.storageRoot, bytes32(0), empty), bytes32(0), "zero");
        vm.assertEq(harness.verifyStorage(a.storageRoot, bytes32(0), new bytes[](0)), bytes32(0), "zero, no node");
    }

    function test_throughTheClient() public {
        LedgerLightClient client = new LedgerLightClient(address(this));
        bytes32 ledger = keccak256("anvil");
        client.registerLedger(ledger, ivm.parseJsonAddressArray(json, ".validators"), 1 days, ivm.parseJsonBytes(json, ".trustedHeader"));
        uint64 number = uint64(ivm.parseJsonUint(json, ".number"));
        vm.assertEq(client.latestHeader(ledger).stateRoot, stateRoot, "the anvil block's state root");
        (bytes32 key, bytes32 value,, bytes[] memory proof) = _storage(2);
        vm.assertEq(client.verifyStorage(ledger, number, account, key, accountProof, proof), value, "proven through the client");

        vm.warp(ivm.parseJsonUint(json, ".nextTimestamp") + 5);
        client.submitHeader(ledger, ivm.parseJsonBytes(json, ".nextHeader"));
        vm.assertEq(client.latestHeader(ledger).number, ivm.parseJsonUint(json, ".nextNumber"), "the next anvil block, sealed");

        // A proof against a block the client never accepted is refused.
        ivm.expectRevert(abi.encodeWithSelector(LedgerLightClient.LedgerLightClient__UnknownHeader.selector, ledger, number + 7));
        client.verifyStorage(ledger, number + 7, account, key, accountProof, proof);
    }

    // ------------------------------------------------------------ tampered proofs

    function test_wrongRoot_reverts() public {
        (bytes32 key,,, bytes[] memory proof) = _storage(0);
        ivm.expectRevert(abi.encodeWithSelector(MerklePatricia.MerklePatricia__HashMismatch.selector, 0));
        harness.verifyStorage(stateRoot, key, proof);
    }

    function test_wrongSlot_forAPresentProof_reverts() public view {
        // The proof of a written slot shown for another written slot leads to the first slot's leaf,
        // whose path is not the second slot's: neither a value nor an absence.
        (,,, bytes[] memory proof) = _storage(0);
        (bytes32 other,,,) = _storage(1);
        try harness.verifyStorage(storageHash, other, proof) returns (bytes32) {
            revert("another slot's proof verified");
        } catch {}
    }

    function test_truncatedProof_reverts() public {
        (bytes32 key,,, bytes[] memory proof) = _storage(0);
        bytes[] memory cut = new bytes[](proof.length - 1);
        for (uint256 i; i < cut.length; i++) cut[i] = proof[i];
        ivm.expectRevert(MerklePatricia.MerklePatricia__ProofTooShort.selector);
        harness.verifyStorage(storageHash, key, cut);
    }

    function test_extraNode_reverts() public {
        (bytes32 key,,, bytes[] memory proof) = _storage(0);
        bytes[] memory longer = new bytes[](proof.length + 1);
        for (uint256 i; i < proof.length; i++) longer[i] = proof[i];
        longer[proof.length] = proof[0];
        ivm.expectRevert(abi.encodeWithSelector(MerklePatricia.MerklePatricia__ProofTooLong.selector, proof.length));
        harness.verifyStorage(storageHash, key, longer);
    }

    function test_swappedNodes_revert() public {
        (bytes32 key,,, bytes[] memory proof) = _storage(0);
        (proof[0], proof[1]) = (proof[1], proof[0]);
        ivm.expectRevert(abi.encodeWithSelector(MerklePatricia.MerklePatricia__HashMismatch.selector, 0));
        harness.verifyStorage(storageHash, key, proof);
    }

    function test_tamperedLeafValue_reverts() public {
        (bytes32 key,,, bytes[] memory proof) = _storage(0);
        bytes memory leaf = proof[proof.length - 1];
        leaf[leaf.length - 1] = bytes1(uint8(leaf[leaf.length - 1]) ^ 1);
        ivm.expectRevert(abi.encodeWithSelector(MerklePatricia.MerklePatricia__HashMismatch.selector, proof.length - 1));
        harness.verifyStorage(storageHash, key, proof);
    }

    /// @notice Any changed byte of any node of a valid proof makes it fail: no altered proof proves anything.
    function testFuzz_mutatedProof_reverts(uint256 which, uint256 node, uint256 offset, uint8 flip) public {
        vm.assume(flip != 0);
        (bytes32 key,,, bytes[] memory proof) = _storage(bound(which, 0, STORAGE_PROOFS - 1));
        node = bound(node, 0, proof.length - 1);
        offset = bound(offset, 0, proof[node].length - 1);
        proof[node][offset] = bytes1(uint8(proof[node][offset]) ^ flip);
        try harness.verifyStorage(storageHash, key, proof) returns (bytes32) {
            revert("a mutated proof verified");
        } catch {}
    }

    /// @notice The account proof, mutated, never yields an account.
    function testFuzz_mutatedAccountProof_reverts(uint256 node, uint256 offset, uint8 flip) public {
        vm.assume(flip != 0);
        bytes[] memory proof = accountProof;
        node = bound(node, 0, proof.length - 1);
        offset = bound(offset, 0, proof[node].length - 1);
        proof[node][offset] = bytes1(uint8(proof[node][offset]) ^ flip);
        try harness.verifyAccount(stateRoot, account, proof) returns (MerklePatricia.Account memory) {
            revert("a mutated account proof verified");
        } catch {}
    }

    /// @notice A random slot read with any of the anvil proofs: refused, or proven absent (zero), never a value.
    function testFuzz_randomSlot_neverReadsAValue(bytes32 slot, uint256 which) public view {
        (bytes32 key,,, bytes[] memory proof) = _storage(bound(which, 0, STORAGE_PROOFS - 1));
        vm.assume(slot != key);
        try harness.verifyStorage(storageHash, slot, proof) returns (bytes32 v) {
            vm.assertEq(v, bytes32(0), "only an exclusion can hold for another slot");
        } catch {}
    }

    // ------------------------------------------------------------ hand-built tries: extension and inline nodes

    /// @dev A trie of two 32-byte keys sharing 62 nibbles: root = extension(62 nibbles) -> inline branch ->
    /// two inline leaves of one nibble each. The root node is the only proof element.
    function _tinyTrie() internal pure returns (bytes32 root, bytes32 keyA, bytes32 keyB, bytes[] memory proof) {
        bytes32 prefix = keccak256("shared prefix") & ~bytes32(uint256(0xff));
        keyA = prefix | bytes32(uint256(0x3a));
        keyB = prefix | bytes32(uint256(0x5b));
        bytes[] memory branch = new bytes[](17);
        for (uint256 i; i < 17; i++) branch[i] = hex"80";
        branch[3] = _leaf(hex"3a", hex"820a0a"); // nibble 62 = 3, leaf path = nibble 63 = a, value rlp(0x0a0a)
        branch[5] = _leaf(hex"3b", hex"820b0b");
        bytes memory branchNode = RlpWriter.list(branch);
        bytes memory path = new bytes(32); // even extension: 0x00 then the 31 bytes of the first 62 nibbles
        for (uint256 i; i < 31; i++) path[i + 1] = prefix[i];
        bytes[] memory ext = new bytes[](2);
        ext[0] = RlpWriter.bytes_(path);
        ext[1] = branchNode; // shorter than 32 bytes: embedded
        proof = new bytes[](1);
        proof[0] = RlpWriter.list(ext);
        root = keccak256(proof[0]);
    }

    function _leaf(bytes memory hp, bytes memory valueRlp) internal pure returns (bytes memory) {
        bytes[] memory items = new bytes[](2);
        items[0] = RlpWriter.bytes_(hp);
        items[1] = RlpWriter.bytes_(valueRlp);
        return RlpWriter.list(items);
    }

    function test_extensionAndInlineNodes() public view {
        (bytes32 root, bytes32 keyA, bytes32 keyB, bytes[] memory proof) = _tinyTrie();
        (bool found, bytes memory value) = harness.get(root, keyA, proof);
        vm.assertTrue(found, "A found");
        vm.assertEq(value, hex"820a0a", "A's value");
        (found, value) = harness.get(root, keyB, proof);
        vm.assertTrue(found, "B found");
        vm.assertEq(value, hex"820b0b", "B's value");
    }

    function test_inlineTrie_absentKeys() public view {
        (bytes32 root, bytes32 keyA,, bytes[] memory proof) = _tinyTrie();
        bool found;
        // An empty branch slot (nibble 62 = 4).
        (found,) = harness.get(root, keyA ^ bytes32(uint256(0x70)), proof);
        vm.assertFalse(found, "empty slot");
        // The extension's path leaves the key.
        (found,) = harness.get(root, keyA ^ bytes32(uint256(1) << 200), proof);
        vm.assertFalse(found, "diverges in the extension");
        // The leaf's own nibble differs.
        (found,) = harness.get(root, keyA ^ bytes32(uint256(0x01)), proof);
        vm.assertFalse(found, "diverges at the leaf");
    }

    function test_inlineNode_ofHashLength_isRefused() public {
        // A child list of 32 bytes or more must be referenced by hash, never embedded.
        bytes32 prefix = keccak256("p");
        bytes[] memory ext = new bytes[](2);
        bytes memory path = new bytes(2);
        path[0] = 0x00;
        path[1] = prefix[0];
        ext[0] = RlpWriter.bytes_(path);
        ext[1] = _leaf(new bytes(31), hex"01"); // 31-byte path: a 35-byte leaf
        bytes[] memory proof = new bytes[](1);
        proof[0] = RlpWriter.list(ext);
        ivm.expectRevert(abi.encodeWithSelector(MerklePatricia.MerklePatricia__InvalidNode.selector, 0));
        harness.get(keccak256(proof[0]), prefix, proof);
    }

    function test_oddPathPadding_isRefused() public {
        // An even hex-prefix path must pad its flag byte with 0: 0x2f... is a second encoding of 0x20...
        bytes32 key = keccak256("k");
        bytes memory path = abi.encodePacked(bytes1(0x2f), key);
        bytes[] memory proof = new bytes[](1);
        proof[0] = _leaf(path, hex"01");
        ivm.expectRevert(abi.encodeWithSelector(MerklePatricia.MerklePatricia__InvalidNode.selector, 0));
        harness.get(keccak256(proof[0]), key, proof);
    }

    function test_storedZero_isRefused() public {
        // A leaf holding an RLP zero (0x80) would be a second way to say "absent".
        bytes32 slot = bytes32(uint256(5));
        bytes32 path = keccak256(abi.encodePacked(slot));
        bytes[] memory proof = new bytes[](1);
        proof[0] = _leaf(abi.encodePacked(bytes1(0x20), path), hex"80");
        ivm.expectRevert(MerklePatricia.MerklePatricia__InvalidStorageValue.selector);
        harness.verifyStorage(keccak256(proof[0]), slot, proof);
    }
}
