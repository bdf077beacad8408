// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Test} from "./utils/Test.sol";
import {ivm} from "./utils/interop/InteropVm.sol";
import {QbftBuilder} from "./utils/interop/QbftBuilder.sol";
import {LightClientHarness} from "./utils/interop/LightClientHarness.sol";
import {LedgerLightClient} from "../src/LedgerLightClient.sol";
import {ILedgerLightClient} from "../src/interfaces/ILedgerLightClient.sol";
import {QbftHeader} from "../src/lib/QbftHeader.sol";
import {Rlp} from "../src/lib/Rlp.sol";

/// @notice Header verification of the QBFT light client: a real Besu header, quorum, seals, validator
/// changes, the trusting period, equivocation and strict RLP.
contract LedgerLightClientTest is Test {
    bytes32 internal constant LEDGER = keccak256("ledger A");
    uint64 internal constant PERIOD = 1 days;
    uint64 internal constant T0 = 1_700_000_000;
    address internal constant REGISTRAR = address(0xBEEF);
    uint256 internal constant HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;
    uint256 internal constant ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141;

    LedgerLightClient internal client;
    LightClientHarness internal harness;
    uint256[] internal keys;
    address[] internal validators;

    function setUp() public {
        client = new LedgerLightClient(REGISTRAR);
        harness = new LightClientHarness();
        keys = QbftBuilder.keys(1, 4);
        validators = QbftBuilder.addresses(keys);
        vm.warp(T0 + 100);
        _register(validators, 100, T0);
    }

    function _register(address[] memory set, uint64 number, uint64 timestamp) internal {
        QbftBuilder.Spec memory s = QbftBuilder.spec(number, timestamp, set);
        ivm.prank(REGISTRAR);
        client.registerLedger(LEDGER, set, PERIOD, QbftBuilder.header(s, new bytes[](0)));
    }

    function _spec(uint64 number) internal view returns (QbftBuilder.Spec memory) {
        return QbftBuilder.spec(number, T0 + 2 * (number - 100), validators);
    }

    // ------------------------------------------------------------ the real Besu header (block 7528)

    function _besu() internal view returns (string memory json) {
        json = ivm.readFile("test/fixtures/interop/besu7528.json");
    }

    function test_besu7528_commitHashAndSigners() public view {
        string memory json = _besu();
        (uint64 number, uint64 timestamp, bytes32 stateRoot, bytes32 commitHash, address[] memory vals, address[] memory signers) =
            harness.decodeHeader(ivm.parseJsonBytes(json, ".header"));
        vm.assertEq(number, 7528, "number");
        vm.assertEq(timestamp, ivm.parseJsonUint(json, ".timestamp"), "timestamp");
        vm.assertEq(stateRoot, ivm.parseJsonBytes32(json, ".stateRoot"), "state root");
        vm.assertEq(commitHash, ivm.parseJsonBytes32(json, ".commitHash"), "the commit hash Besu's validators signed");
        vm.assertEq(commitHash, keccak256(ivm.parseJsonBytes(json, ".stripped")), "the stripped header hashes to it");
        address[] memory expectedVals = ivm.parseJsonAddressArray(json, ".validators");
        vm.assertEq(vals.length, 4, "four validators");
        for (uint256 i; i < 4; i++) vm.assertEq(vals[i], expectedVals[i], "validator");
        address[] memory expected = ivm.parseJsonAddressArray(json, ".signers");
        vm.assertEq(signers.length, 3, "three seals");
        for (uint256 i; i < 3; i++) vm.assertEq(signers[i], expected[i], "signer");
    }

    function test_besu7528_acceptedAfterATrustedHeader() public {
        (bytes32 ledger, string memory json) = _registerBesu();
        client.submitHeader(ledger, ivm.parseJsonBytes(json, ".header"));
        ILedgerLightClient.ProvenHeader memory latest = client.latestHeader(ledger);
        vm.assertEq(latest.number, 7528, "latest number");
        vm.assertEq(latest.stateRoot, ivm.parseJsonBytes32(json, ".stateRoot"), "latest state root");
    }

    /// @dev Registers the Besu network with a trusted header at 7527 naming its validators (seals unchecked).
    function _registerBesu() internal returns (bytes32 ledger, string memory json) {
        json = _besu();
        address[] memory set = ivm.parseJsonAddressArray(json, ".validators");
        uint64 timestamp = uint64(ivm.parseJsonUint(json, ".timestamp"));
        ledger = keccak256("besu");
        QbftBuilder.Spec memory trusted = QbftBuilder.spec(7527, timestamp - 1, set);
        trusted.cancun = false;
        ivm.prank(REGISTRAR);
        client.registerLedger(ledger, set, PERIOD, QbftBuilder.header(trusted, new bytes[](0)));
        vm.warp(timestamp + 10);
    }

    function test_besu7528_twoSealsAreNotAQuorum() public {
        (bytes32 ledger, string memory json) = _registerBesu();
        ivm.expectRevert(abi.encodeWithSelector(LedgerLightClient.LedgerLightClient__QuorumNotReached.selector, 2, 3));
        client.submitHeader(ledger, ivm.parseJsonBytes(json, ".headerTwoSeals"));
    }

    function test_besu7528_duplicateSealIsRefused() public {
        (bytes32 ledger, string memory json) = _registerBesu();
        address first = ivm.parseJsonAddressArray(json, ".signers")[0];
        ivm.expectRevert(abi.encodeWithSelector(LedgerLightClient.LedgerLightClient__DuplicateSigner.selector, first));
        client.submitHeader(ledger, ivm.parseJsonBytes(json, ".headerDuplicateSeal"));
    }

    function test_quorumIsBesus() public pure {
        // BftHelpers.calculateRequiredValidatorQuorum: ceil(2n / 3).
        vm.assertEq(QbftHeader.quorum(1), 1, "of 1");
        vm.assertEq(QbftHeader.quorum(3), 2, "of 3");
        vm.assertEq(QbftHeader.quorum(4), 3, "of 4");
        vm.assertEq(QbftHeader.quorum(6), 4, "of 6");
        vm.assertEq(QbftHeader.quorum(21), 14, "of 21");
    }

    // ------------------------------------------------------------ quorum and seals

    function test_quorumMet_acceptsAndStores() public {
        QbftBuilder.Spec memory s = _spec(101);
        bytes memory h = QbftBuilder.sealedHeader(s, QbftBuilder.slice(keys, 0, 3));
        ivm.expectEmit();
        emit ILedgerLightClient.HeaderAccepted(LEDGER, 101, s.stateRoot, s.timestamp);
        client.submitHeader(LEDGER, h);
        ILedgerLightClient.ProvenHeader memory at = client.headerAt(LEDGER, 101);
        vm.assertEq(at.stateRoot, s.stateRoot, "state root stored");
        vm.assertEq(at.timestamp, s.timestamp, "timestamp stored");
        vm.assertEq(client.latestHeader(LEDGER).number, 101, "latest");
    }

    function test_allFourSealsAccepted() public {
        client.submitHeader(LEDGER, QbftBuilder.sealedHeader(_spec(101), keys));
        vm.assertEq(client.latestHeader(LEDGER).number, 101, "latest");
    }

    function test_quorumNotMet_reverts() public {
        bytes memory h = QbftBuilder.sealedHeader(_spec(101), QbftBuilder.slice(keys, 0, 2));
        ivm.expectRevert(abi.encodeWithSelector(LedgerLightClient.LedgerLightClient__QuorumNotReached.selector, 2, 3));
        client.submitHeader(LEDGER, h);
    }

    function test_wrongSigner_doesNotCount() public {
        uint256[] memory signing = QbftBuilder.slice(keys, 0, 3);
        signing[2] = QbftBuilder.keys(100, 1)[0]; // not a validator
        bytes memory h = QbftBuilder.sealedHeader(_spec(101), signing);
        ivm.expectRevert(abi.encodeWithSelector(LedgerLightClient.LedgerLightClient__QuorumNotReached.selector, 2, 3));
        client.submitHeader(LEDGER, h);
    }

    function test_sealOverAnotherHeader_doesNotCount() public {
        QbftBuilder.Spec memory s = _spec(101);
        QbftBuilder.Spec memory other = _spec(101);
        other.stateRoot = keccak256("another state");
        bytes[] memory seals = QbftBuilder.seals(s, QbftBuilder.slice(keys, 0, 3));
        seals[0] = QbftBuilder.seals(other, QbftBuilder.slice(keys, 0, 1))[0];
        ivm.expectRevert(abi.encodeWithSelector(LedgerLightClient.LedgerLightClient__QuorumNotReached.selector, 2, 3));
        client.submitHeader(LEDGER, QbftBuilder.header(s, seals));
    }

    function test_duplicateSeal_reverts() public {
        QbftBuilder.Spec memory s = _spec(101);
        bytes[] memory seals = QbftBuilder.seals(s, QbftBuilder.slice(keys, 0, 3));
        seals[2] = seals[0];
        ivm.expectRevert(abi.encodeWithSelector(LedgerLightClient.LedgerLightClient__DuplicateSigner.selector, validators[0]));
        client.submitHeader(LEDGER, QbftBuilder.header(s, seals));
    }

    function test_malleableSeal_reverts() public {
        QbftBuilder.Spec memory s = _spec(101);
        bytes[] memory seals = QbftBuilder.seals(s, QbftBuilder.slice(keys, 0, 3));
        // The twin (r, n - s, 1 - v) recovers the same signer: a duplicate in disguise unless refused.
        (bytes32 r, bytes32 sv, uint8 v) = _split(seals[0]);
        vm.assertLe(uint256(sv), HALF_ORDER, "vm.sign gives the low-s form");
        seals[2] = abi.encodePacked(r, bytes32(ORDER - uint256(sv)), uint8(1 - v));
        ivm.expectRevert(abi.encodeWithSelector(QbftHeader.QbftHeader__InvalidSeal.selector, 2));
        client.submitHeader(LEDGER, QbftBuilder.header(s, seals));
    }

    function test_sealWithEthereumStyleV_reverts() public {
        QbftBuilder.Spec memory s = _spec(101);
        bytes[] memory seals = QbftBuilder.seals(s, QbftBuilder.slice(keys, 0, 3));
        seals[1][64] = bytes1(uint8(seals[1][64]) + 27);
        ivm.expectRevert(abi.encodeWithSelector(QbftHeader.QbftHeader__InvalidSeal.selector, 1));
        client.submitHeader(LEDGER, QbftBuilder.header(s, seals));
    }

    function test_shortSeal_reverts() public {
        QbftBuilder.Spec memory s = _spec(101);
        bytes[] memory seals = QbftBuilder.seals(s, QbftBuilder.slice(keys, 0, 3));
        seals[0] = bytes.concat(seals[0], hex"00");
        ivm.expectRevert(abi.encodeWithSelector(QbftHeader.QbftHeader__InvalidSeal.selector, 0));
        client.submitHeader(LEDGER, QbftBuilder.header(s, seals));
    }

    // ------------------------------------------------------------ order, period, registration

    function test_notNewer_reverts() public {
        client.submitHeader(LEDGER, QbftBuilder.sealedHeader(_spec(102), keys));
        QbftBuilder.Spec memory older = _spec(101);
        ivm.expectRevert(abi.encodeWithSelector(LedgerLightClient.LedgerLightClient__NotNewer.selector, 101, older.timestamp));
        client.submitHeader(LEDGER, QbftBuilder.sealedHeader(older, keys));
    }

    function test_timestampNotAfterLatest_reverts() public {
        QbftBuilder.Spec memory s = _spec(101);
        s.timestamp = T0; // the trusted header's own time
        ivm.expectRevert(abi.encodeWithSelector(LedgerLightClient.LedgerLightClient__NotNewer.selector, 101, T0));
        client.submitHeader(LEDGER, QbftBuilder.sealedHeader(s, keys));
    }

    function test_sameHeaderTwice_reverts() public {
        bytes memory h = QbftBuilder.sealedHeader(_spec(101), keys);
        client.submitHeader(LEDGER, h);
        // The same header with other seals (a subset) is the same commit hash: no equivocation.
        ivm.expectRevert(abi.encodeWithSelector(LedgerLightClient.LedgerLightClient__HeaderKnown.selector, 101));
        client.submitHeader(LEDGER, QbftBuilder.sealedHeader(_spec(101), QbftBuilder.slice(keys, 1, 4)));
    }

    function test_expiredTrustingPeriod_reverts() public {
        vm.warp(T0 + PERIOD + 1);
        bytes memory h = QbftBuilder.sealedHeader(QbftBuilder.spec(101, T0 + PERIOD, validators), keys);
        ivm.expectRevert(abi.encodeWithSelector(LedgerLightClient.LedgerLightClient__TrustingPeriodExpired.selector, T0, PERIOD));
        client.submitHeader(LEDGER, h);
        // Re-registration by governance is the way back.
        _register(validators, 101, T0 + PERIOD);
        client.submitHeader(LEDGER, QbftBuilder.sealedHeader(QbftBuilder.spec(102, T0 + PERIOD + 1, validators), keys));
        vm.assertEq(client.latestHeader(LEDGER).number, 102, "accepted after re-registration");
    }

    function test_withinTrustingPeriod_accepts() public {
        vm.warp(T0 + PERIOD);
        client.submitHeader(LEDGER, QbftBuilder.sealedHeader(QbftBuilder.spec(101, T0 + PERIOD - 1, validators), keys));
        vm.assertEq(client.latestHeader(LEDGER).number, 101, "accepted at the edge");
    }

    function test_registerOnlyByRegistrar() public {
        QbftBuilder.Spec memory s = QbftBuilder.spec(1, T0, validators);
        bytes memory h = QbftBuilder.header(s, new bytes[](0));
        ivm.expectRevert(abi.encodeWithSelector(LedgerLightClient.LedgerLightClient__NotRegistrar.selector, address(this)));
        client.registerLedger(keccak256("B"), validators, PERIOD, h);
    }

    function test_registerRefusesAHeaderNamingOtherValidators() public {
        address[] memory other = QbftBuilder.addresses(QbftBuilder.keys(50, 4));
        bytes memory h = QbftBuilder.header(QbftBuilder.spec(1, T0, other), new bytes[](0));
        ivm.prank(REGISTRAR);
        ivm.expectRevert(LedgerLightClient.LedgerLightClient__ValidatorsMismatch.selector);
        client.registerLedger(keccak256("B"), validators, PERIOD, h);
    }

    function test_registerRefusesDuplicateValidators() public {
        address[] memory dup = new address[](2);
        dup[0] = validators[0];
        dup[1] = validators[0];
        bytes memory h = QbftBuilder.header(QbftBuilder.spec(1, T0, dup), new bytes[](0));
        ivm.prank(REGISTRAR);
        ivm.expectRevert(LedgerLightClient.LedgerLightClient__InvalidRegistration.selector);
        client.registerLedger(keccak256("B"), dup, PERIOD, h);
    }

    function test_unknownLedger_reverts() public {
        bytes32 unknown = keccak256("nobody");
        ivm.expectRevert(abi.encodeWithSelector(LedgerLightClient.LedgerLightClient__UnknownLedger.selector, unknown));
        client.submitHeader(unknown, QbftBuilder.sealedHeader(_spec(101), keys));
        ivm.expectRevert(abi.encodeWithSelector(LedgerLightClient.LedgerLightClient__UnknownHeader.selector, LEDGER, 555));
        client.headerAt(LEDGER, 555);
    }

    // ------------------------------------------------------------ validator-set changes

    function test_validatorChange_addsAValidator() public {
        uint256[] memory newKeys = new uint256[](5);
        for (uint256 i; i < 4; i++) newKeys[i] = keys[i];
        newKeys[4] = QbftBuilder.keys(10, 1)[0];
        address[] memory newSet = QbftBuilder.addresses(newKeys);
        QbftBuilder.Spec memory s = _spec(101);
        s.validators = newSet;
        // 3 of the old 4 (old quorum) and 4 of the new 5 (Besu's quorum of the header's own list).
        uint256[] memory signing = new uint256[](4);
        signing[0] = keys[0];
        signing[1] = keys[1];
        signing[2] = keys[2];
        signing[3] = newKeys[4];
        ivm.expectEmit();
        emit ILedgerLightClient.ValidatorSetChanged(LEDGER, 101, keccak256(abi.encodePacked(newSet)));
        client.submitHeader(LEDGER, QbftBuilder.sealedHeader(s, signing));
        (bytes32 hash, address[] memory trusted) = client.trustedValidators(LEDGER);
        vm.assertEq(hash, keccak256(abi.encodePacked(newSet)), "new set hash");
        vm.assertEq(trusted.length, 5, "new set stored");

        // The next header is judged by the new set: 3 seals are no longer a quorum of 5.
        QbftBuilder.Spec memory next = _spec(102);
        next.validators = newSet;
        ivm.expectRevert(abi.encodeWithSelector(LedgerLightClient.LedgerLightClient__QuorumNotReached.selector, 3, 4));
        client.submitHeader(LEDGER, QbftBuilder.sealedHeader(next, QbftBuilder.slice(keys, 0, 3)));
        client.submitHeader(LEDGER, QbftBuilder.sealedHeader(next, QbftBuilder.slice(newKeys, 1, 5)));
        vm.assertEq(client.latestHeader(LEDGER).number, 102, "accepted under the new set");
    }

    function test_validatorChange_bySetOutsiders_reverts() public {
        uint256[] memory outsiderKeys = QbftBuilder.keys(20, 4);
        QbftBuilder.Spec memory s = _spec(101);
        s.validators = QbftBuilder.addresses(outsiderKeys);
        // A quorum of the list the header names, none of the trusted set: a takeover, refused.
        ivm.expectRevert(abi.encodeWithSelector(LedgerLightClient.LedgerLightClient__QuorumNotReached.selector, 0, 3));
        client.submitHeader(LEDGER, QbftBuilder.sealedHeader(s, outsiderKeys));
    }

    function test_validatorChange_withoutTheNewListsQuorum_reverts() public {
        uint256[] memory mixed = new uint256[](4);
        mixed[0] = keys[0];
        mixed[1] = keys[1];
        mixed[2] = keys[2];
        mixed[3] = QbftBuilder.keys(30, 1)[0];
        uint256[] memory newKeys = QbftBuilder.keys(40, 3);
        address[] memory newSet = new address[](4);
        newSet[0] = validators[0];
        newSet[1] = QbftBuilder.addresses(newKeys)[0];
        newSet[2] = QbftBuilder.addresses(newKeys)[1];
        newSet[3] = QbftBuilder.addresses(newKeys)[2];
        QbftBuilder.Spec memory s = _spec(101);
        s.validators = newSet;
        // The old set's quorum sealed it, but only 1 of the new 4 did.
        ivm.expectRevert(abi.encodeWithSelector(LedgerLightClient.LedgerLightClient__QuorumNotReached.selector, 1, 3));
        client.submitHeader(LEDGER, QbftBuilder.sealedHeader(s, QbftBuilder.slice(mixed, 0, 3)));
    }

    // ------------------------------------------------------------ equivocation

    function test_equivocation_freezesTheLedger() public {
        QbftBuilder.Spec memory a = _spec(101);
        client.submitHeader(LEDGER, QbftBuilder.sealedHeader(a, QbftBuilder.slice(keys, 0, 3)));
        QbftBuilder.Spec memory b = _spec(101);
        b.stateRoot = keccak256("a forked state");
        ivm.expectEmit();
        emit LedgerLightClient.LedgerFrozen(LEDGER, 101, bytes20(QbftBuilder.commitHash(a)), QbftBuilder.commitHash(b));
        client.submitHeader(LEDGER, QbftBuilder.sealedHeader(b, QbftBuilder.slice(keys, 1, 4)));
        vm.assertTrue(client.isFrozen(LEDGER), "frozen");

        ivm.expectRevert(abi.encodeWithSelector(LedgerLightClient.LedgerLightClient__Frozen.selector, LEDGER));
        client.submitHeader(LEDGER, QbftBuilder.sealedHeader(_spec(102), keys));
        ivm.expectRevert(abi.encodeWithSelector(LedgerLightClient.LedgerLightClient__Frozen.selector, LEDGER));
        client.verifyStorage(LEDGER, 101, address(1), bytes32(0), new bytes[](0), new bytes[](0));

        _register(validators, 200, T0 + 400);
        vm.assertFalse(client.isFrozen(LEDGER), "registered again");
        // The earlier history is gone with the old registration.
        ivm.expectRevert(abi.encodeWithSelector(LedgerLightClient.LedgerLightClient__UnknownHeader.selector, LEDGER, 101));
        client.headerAt(LEDGER, 101);
    }

    function test_equivocation_withoutQuorum_doesNotFreeze() public {
        client.submitHeader(LEDGER, QbftBuilder.sealedHeader(_spec(101), QbftBuilder.slice(keys, 0, 3)));
        QbftBuilder.Spec memory b = _spec(101);
        b.stateRoot = keccak256("a forked state");
        ivm.expectRevert(abi.encodeWithSelector(LedgerLightClient.LedgerLightClient__QuorumNotReached.selector, 2, 3));
        client.submitHeader(LEDGER, QbftBuilder.sealedHeader(b, QbftBuilder.slice(keys, 2, 4)));
        vm.assertFalse(client.isFrozen(LEDGER), "not frozen by a forgery");
    }

    function test_equivocation_atTheTrustedHeader_freezes() public {
        QbftBuilder.Spec memory b = QbftBuilder.spec(100, T0, validators);
        b.stateRoot = keccak256("another genesis of trust");
        client.submitHeader(LEDGER, QbftBuilder.sealedHeader(b, keys));
        vm.assertTrue(client.isFrozen(LEDGER), "frozen");
    }

    // ------------------------------------------------------------ strict RLP through the client

    function test_nonCanonicalHeaderEncoding_reverts() public {
        bytes memory h = QbftBuilder.sealedHeader(_spec(101), keys);
        // Field 7 (difficulty 1) is the byte 0x01 at the end of the header's fixed part; re-encode it as 0x8101.
        // Locate it: logs bloom (b9 0100 + 256 bytes) is followed by 0x01.
        uint256 at = _find(h, hex"b90100") + 3 + 256;
        vm.assertEq(uint8(h[at]), 1, "difficulty byte");
        bytes memory mutated = bytes.concat(_slice(h, 0, at), hex"8101", _slice(h, at + 1, h.length));
        // The outer list length grows by one byte.
        mutated[2] = bytes1(uint8(mutated[2]) + 1);
        vm.assertEq(uint8(h[0]), 0xf9, "two length bytes");
        ivm.expectRevert(abi.encodeWithSelector(Rlp.Rlp__NonCanonical.selector, _cdOffset() + at));
        client.submitHeader(LEDGER, mutated);
    }

    function test_trailingBytesAfterHeader_revert() public {
        bytes memory h = bytes.concat(QbftBuilder.sealedHeader(_spec(101), keys), hex"00");
        ivm.expectPartialRevert(Rlp.Rlp__TrailingBytes.selector);
        client.submitHeader(LEDGER, h);
    }

    function test_fieldCount_reverts() public {
        bytes memory h = QbftBuilder.sealedHeader(_spec(101), keys);
        // 22 fields: append two empty strings to the list (length + 2).
        bytes memory mutated = bytes.concat(h, hex"8080");
        mutated[2] = bytes1(uint8(mutated[2]) + 2);
        ivm.expectRevert(abi.encodeWithSelector(QbftHeader.QbftHeader__FieldCount.selector, 22));
        client.submitHeader(LEDGER, mutated);
    }

    // ------------------------------------------------------------ helpers

    /// @dev The calldata offset of `headerRlp`'s first byte in submitHeader(bytes32, bytes).
    function _cdOffset() internal pure returns (uint256) {
        return 4 + 32 + 32 + 32;
    }

    function _split(bytes memory seal) internal pure returns (bytes32 r, bytes32 s, uint8 v) {
        assembly ("memory-safe") {
            r := mload(add(seal, 0x20))
            s := mload(add(seal, 0x40))
            v := byte(0, mload(add(seal, 0x60)))
        }
    }

    function _find(bytes memory haystack, bytes memory needle) internal pure returns (uint256) {
        for (uint256 i; i + needle.length <= haystack.length; i++) {
            bool ok = true;
            for (uint256 j; j < needle.length && ok; j++) ok = haystack[i + j] == needle[j];
            if (ok) return i;
        }
        revert("not found");
    }

    function _slice(bytes memory b, uint256 from, uint256 to) internal pure returns (bytes memory out) {
        out = new bytes(to - from);
        for (uint256 i = from; i < to; i++) out[i - from] = b[i];
    }
}
