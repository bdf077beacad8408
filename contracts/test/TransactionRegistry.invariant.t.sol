// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {TransactionRegistry} from "../src/TransactionRegistry.sol";
import {ITransactionRegistry} from "../src/interfaces/ITransactionRegistry.sol";
import {Vm} from "./utils/x509/Vm.sol";
import {TransactionScenario} from "./TransactionRegistry.t.sol";

/// @dev Drives `sign` with every wallet, party and fixture, intact or mutated, and records what the
/// registry accepted.
contract SignHandler {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    TransactionRegistry private immutable registry;
    address[3] private wallets;
    string[3] private names = ["holder-tx1", "echolder-tx1", "holder2-tx1"];
    bytes[3] private attrs;
    bytes[3] private sigs;

    /// @notice Accepted signatures that were not the wallet's own intact fixture.
    uint256 public acceptedForgeries;
    /// @notice Per party of transaction 1: whether an intact, matching fixture was accepted for it.
    mapping(uint256 party => bool) public validlySigned;

    constructor(TransactionRegistry registry_, address[3] memory wallets_, bytes[3] memory attrs_, bytes[3] memory sigs_) {
        registry = registry_;
        wallets = wallets_;
        attrs = attrs_;
        sigs = sigs_;
    }

    function sign(uint8 walletSeed, uint8 partySeed, uint8 fixtureSeed, uint8 mutation, uint256 position) external {
        uint256 who = walletSeed % 3;
        uint256 which = fixtureSeed % 3;
        uint256 party = partySeed % 2;
        bytes memory a = attrs[which];
        bytes memory s = sigs[which];
        uint256 kind = mutation % 4;
        if (kind == 1) a[position % a.length] ^= 0x01;
        if (kind == 2) s[position % s.length] ^= 0x01;
        if (kind == 3) s = sigs[(which + 1) % 3];
        vm.prank(wallets[who]);
        try registry.sign(1, party, a, s) {
            if (kind == 0 && which == who) validlySigned[party] = true;
            else acceptedForgeries++;
        } catch {}
    }

    function warp(uint32 seconds_) external {
        vm.warp(block.timestamp + (seconds_ % 2 days));
    }
}

contract TransactionRegistryInvariantTest is TransactionScenario {
    SignHandler private handler;

    function setUp() public override {
        super.setUp();
        bytes[3] memory a = [_attrs("holder-tx1"), _attrs("echolder-tx1"), _attrs("holder2-tx1")];
        bytes[3] memory s = [_sig("holder-tx1"), _sig("echolder-tx1"), _sig("holder2-tx1")];
        handler = new SignHandler(registry, [ALICE, BOB, CAROL], a, s);
    }

    /// @dev Forge fuzzes calls to these contracts only.
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @notice No transaction reaches Completed without a valid PKI signature of every required party.
    function invariant_CompletedOnlyWithEveryPartysValidSignature() public view {
        assertEq(handler.acceptedForgeries(), 0, "no mutated or foreign signature accepted");
        if (registry.statusOf(1) == ITransactionRegistry.Status.Completed) {
            assertTrue(handler.validlySigned(0) && handler.validlySigned(1), "every party signed validly");
            assertTrue(registry.signatureOf(1, 0).account != address(0), "party 0 recorded");
            assertEq(registry.signatureOf(1, 1).account, BOB, "party 1 is Bob");
        }
    }

    /// @dev The handler can reach Completed, so the invariant above is not vacuous.
    function test_HandlerReachesCompleted() public {
        handler.sign(2, 0, 2, 0, 0); // Carol, party 0 (BR), her own intact fixture
        handler.sign(1, 1, 1, 0, 0); // Bob, party 1 (CN), his own intact fixture
        assertEq(uint256(registry.statusOf(1)), uint256(ITransactionRegistry.Status.Completed), "completed");
        assertTrue(handler.validlySigned(0) && handler.validlySigned(1), "both recorded as valid");
    }

    /// @notice Signatures never exceed the parties.
    function invariant_SignatureCountWithinParties() public view {
        ITransactionRegistry.Transaction memory t = registry.transaction(1);
        assertTrue(t.signatureCount <= t.parties.length, "count within parties");
    }
}
