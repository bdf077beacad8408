// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {IdentityRegistry} from "../src/IdentityRegistry.sol";
import {TransactionRegistry} from "../src/TransactionRegistry.sol";
import {IIdentityRegistry} from "../src/interfaces/IIdentityRegistry.sol";
import {ITransactionRegistry} from "../src/interfaces/ITransactionRegistry.sol";
import {ITrustStore} from "../src/interfaces/ITrustStore.sol";
import {X509Test} from "./utils/x509/X509Test.sol";
import {TrustStoreDouble} from "./utils/x509/TrustStoreDouble.sol";

/**
 * @dev The scenario of scripts/contracts/x509-cms-fixtures.ts, which made the CMS fixtures
 * (test/fixtures/x509/cms) for these addresses, chain id 31337, transaction 1 and nonce 0: Alice (BR,
 * RSA-2048 holder), Bob (CN, P-256 holder) and Carol (BR, holder2). Transaction 1 requires any BR
 * identity and Bob.
 */
abstract contract TransactionScenario is X509Test {
    uint256 internal constant NOW = 1780272000; // 2026-06-01
    uint64 internal constant DEADLINE = uint64(NOW + 7 days);
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);
    address internal constant CAROL = address(0xCA201);
    address internal constant EXPECTED_REGISTRY = 0xF62849F9A0B5Bf2913b396098F7c7019b51A820a;

    TrustStoreDouble internal store;
    IdentityRegistry internal identities;
    TransactionRegistry internal registry;
    bytes32 internal rootHash;
    bytes32 internal ecRootHash;

    function setUp() public virtual {
        vm.warp(1735689600); // 2025-01-01
        store = new TrustStoreDouble();
        identities = new IdentityRegistry(ITrustStore(address(store)));
        registry = new TransactionRegistry(identities);
        assertEq(address(registry), EXPECTED_REGISTRY, "deployment order changed: regenerate the CMS fixtures");
        rootHash = store.addAnchor(fixture("pki/root.der"), "BR");
        ecRootHash = store.addAnchor(fixture("pki/ecroot.der"), "CN");
        vm.warp(NOW);

        bytes[] memory path = new bytes[](3);
        (path[1], path[2]) = (fixture("pki/ca2.der"), fixture("pki/ca1.der"));
        path[0] = fixture("pki/holder.der");
        vm.prank(ALICE);
        identities.register(path, rootHash);
        path[0] = fixture("pki/holder2.der");
        vm.prank(CAROL);
        identities.register(path, rootHash);
        bytes[] memory ecPath = new bytes[](1);
        ecPath[0] = fixture("pki/echolder.der");
        vm.prank(BOB);
        identities.register(ecPath, ecRootHash);

        assertEq(_create(registry, ALICE), 1, "transaction 1");
    }

    function _terms() internal pure returns (ITransactionRegistry.Terms memory) {
        return ITransactionRegistry.Terms({
            amount: 125_000_000,
            decimals: 2,
            currency: "USD",
            paymentReference: "INV-2026-001",
            memoHash: keccak256("pagamento em 30 dias")
        });
    }

    function _parties() internal pure returns (ITransactionRegistry.Party[] memory parties) {
        parties = new ITransactionRegistry.Party[](2);
        parties[0] = ITransactionRegistry.Party({country: "BR", account: address(0)});
        parties[1] = ITransactionRegistry.Party({country: "CN", account: BOB});
    }

    function _create(TransactionRegistry target, address creator) internal returns (uint256 id) {
        bytes32 payloadHash = sha256("Contrato de exportacao 2026-001"); // before the prank: sha256 is a call
        ITransactionRegistry.Party[] memory parties = _parties();
        ITransactionRegistry.Terms memory terms = _terms();
        vm.prank(creator);
        id = target.create(parties, payloadHash, terms, DEADLINE);
    }

    function _attrs(string memory name) internal view returns (bytes memory) {
        return fixture(string.concat("cms/", name, ".attrs.der"));
    }

    function _sig(string memory name) internal view returns (bytes memory) {
        return fixture(string.concat("cms/", name, ".sig"));
    }

    function _sign(address who, uint256 id, uint256 party, string memory name) internal {
        vm.prank(who);
        registry.sign(id, party, _attrs(name), _sig(name));
    }
}

contract TransactionRegistryTest is TransactionScenario {
    function test_DigestMatchesTheOffChainEip712Digest() public view {
        // The fixture digests were computed with viem's hashTypedData.
        assertEq(registry.digestOf(1, ALICE), bytes32(fixture("cms/holder-tx1.digest")), "Alice's digest");
        assertEq(registry.digestOf(1, BOB), bytes32(fixture("cms/echolder-tx1.digest")), "Bob's digest");
    }

    function test_CompletesWhenEveryPartySigned() public {
        assertEq(uint256(registry.statusOf(1)), uint256(ITransactionRegistry.Status.Proposed), "proposed");
        _sign(ALICE, 1, 0, "holder-tx1");
        assertEq(uint256(registry.statusOf(1)), uint256(ITransactionRegistry.Status.PartiallySigned), "partially signed");
        assertEq(registry.nonceOf(sha256(fixture("pki/holder.der"))), 1, "Alice's nonce used");

        vm.recordLogs();
        _sign(BOB, 1, 1, "echolder-tx1");
        assertEq(uint256(registry.statusOf(1)), uint256(ITransactionRegistry.Status.Completed), "completed");
        ITransactionRegistry.PartySignature memory s = registry.signatureOf(1, 1);
        assertEq(s.account, BOB, "Bob signed party 1");
        assertEq(s.certificateHash, sha256(fixture("pki/echolder.der")), "with his certificate");

        Vm_Log[] memory logs = _logs();
        bool signed;
        bool completed;
        for (uint256 i; i < logs.length; i++) {
            if (logs[i].topics[0] == keccak256("TransactionCompleted(uint256)")) completed = true;
            if (logs[i].topics[0] == keccak256("TransactionSigned(uint256,uint256,address,bytes32,uint256,bytes32,bytes,bytes)")) {
                (,, bytes32 digest, bytes memory attrs, bytes memory sig) =
                    abi.decode(logs[i].data, (uint256, uint256, bytes32, bytes, bytes));
                assertEq(digest, bytes32(fixture("cms/echolder-tx1.digest")), "event carries the digest signed");
                assertEq(attrs, _attrs("echolder-tx1"), "event carries the signed attributes");
                assertEq(sig, _sig("echolder-tx1"), "event carries the signature");
                signed = true;
            }
        }
        assertTrue(signed && completed, "TransactionSigned and TransactionCompleted emitted");
    }

    function test_Gas_SignRsa2048() public {
        bytes memory attrs = _attrs("holder-tx1");
        bytes memory sig = _sig("holder-tx1");
        vm.prank(ALICE);
        uint256 before = gasleft();
        registry.sign(1, 0, attrs, sig);
        uint256 used = before - gasleft();
        // Measured: 179k for the call, 209k as a transaction (--isolate) under cancun; 237k under osaka.
        assertTrue(used < 260_000, "RSA-2048 party signature under 260k gas");
    }

    /// @dev Under evm_version cancun there is no P256VERIFY precompile: this measures the Solidity
    /// fallback (524k for the call, 552k as a transaction). `forge test --evm-version osaka --isolate`
    /// measures the precompile path (204k as a transaction): OpenZeppelin's P256 picks at run time.
    function test_Gas_SignP256() public {
        _sign(BOB, 1, 1, "echolder-tx1");
        assertEq(registry.signatureOf(1, 1).account, BOB, "signed");
    }

    /// @dev CMS verifiers accept any s, so the contract does too (it normalises s for OpenZeppelin's
    /// P256): the fixture's signature (r, s) and its twin (r, n - s), one of which has a high s, both
    /// verify. Replays are stopped by the digest and the nonce, not by s.
    function test_AcceptsTheTwinS() public {
        bytes memory sig = _sig("echolder-tx1");
        (bytes32 r, uint256 sValue) = _decodeEcdsa(sig);
        uint256 n = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551;
        bytes memory twin = _encodeEcdsa(r, n - sValue);
        bytes memory attrs = _attrs("echolder-tx1");
        vm.prank(BOB);
        registry.sign(1, 1, attrs, twin);
        assertEq(registry.signatureOf(1, 1).account, BOB, "the twin signature is accepted");
    }

    function test_AcceptsTheFixtureS() public {
        _sign(BOB, 1, 1, "echolder-tx1");
        assertEq(registry.signatureOf(1, 1).account, BOB, "the fixture signature is accepted");
    }

    function test_RevertWhen_ReplayedToAnotherTransaction() public {
        uint256 second = _create(registry, ALICE);
        vm.expectPartialRevert(ITransactionRegistry.TransactionRegistry__MessageDigestMismatch.selector);
        _sign(ALICE, second, 0, "holder-tx1");
    }

    function test_RevertWhen_ReplayedToAnotherContract() public {
        TransactionRegistry other = new TransactionRegistry(identities);
        _create(other, ALICE);
        bytes memory attrs = _attrs("holder-tx1");
        bytes memory sig = _sig("holder-tx1");
        vm.expectPartialRevert(ITransactionRegistry.TransactionRegistry__MessageDigestMismatch.selector);
        vm.prank(ALICE);
        other.sign(1, 0, attrs, sig);
    }

    function test_RevertWhen_ReplayedToAnotherChain() public {
        vm.chainId(1);
        vm.expectPartialRevert(ITransactionRegistry.TransactionRegistry__MessageDigestMismatch.selector);
        _sign(ALICE, 1, 0, "holder-tx1");
    }

    function test_RevertWhen_SignedByAnotherKey() public {
        bytes memory attrs = _attrs("holder-tx1");
        bytes memory carolsSignature = _sig("holder2-tx1");
        vm.expectRevert(ITransactionRegistry.TransactionRegistry__InvalidSignature.selector);
        vm.prank(ALICE);
        registry.sign(1, 0, attrs, carolsSignature);
    }

    function test_RevertWhen_SignatureTampered() public {
        bytes memory sig = _sig("echolder-tx1");
        sig[sig.length - 1] ^= 0x01;
        bytes memory attrs = _attrs("echolder-tx1");
        vm.expectRevert(ITransactionRegistry.TransactionRegistry__InvalidSignature.selector);
        vm.prank(BOB);
        registry.sign(1, 1, attrs, sig);
    }

    function test_RevertWhen_SignedAttributesNameAnotherCertificate() public {
        bytes memory attrs = _attrs("holder-tx1");
        bytes32 alices = sha256(fixture("pki/holder.der"));
        bytes32 carols = sha256(fixture("pki/holder2.der"));
        _replace(attrs, alices, carols);
        bytes memory sig = _sig("holder-tx1");
        vm.expectRevert(
            abi.encodeWithSelector(ITransactionRegistry.TransactionRegistry__SigningCertificateMismatch.selector, alices, carols)
        );
        vm.prank(ALICE);
        registry.sign(1, 0, attrs, sig);
    }

    function test_RevertWhen_WrongCountry() public {
        vm.expectRevert(abi.encodeWithSelector(ITransactionRegistry.TransactionRegistry__WrongCountry.selector, bytes2("BR"), bytes2("CN")));
        _sign(BOB, 1, 0, "echolder-tx1");
    }

    function test_RevertWhen_WrongAccount() public {
        vm.expectRevert(abi.encodeWithSelector(ITransactionRegistry.TransactionRegistry__WrongCountry.selector, bytes2("CN"), bytes2("BR")));
        _sign(CAROL, 1, 1, "holder2-tx1");
        ITransactionRegistry.Party[] memory parties = new ITransactionRegistry.Party[](1);
        parties[0] = ITransactionRegistry.Party({country: "BR", account: ALICE});
        vm.prank(ALICE);
        uint256 id = registry.create(parties, bytes32(0), _terms(), DEADLINE);
        vm.expectRevert(abi.encodeWithSelector(ITransactionRegistry.TransactionRegistry__WrongAccount.selector, ALICE, CAROL));
        _sign(CAROL, id, 0, "holder2-tx1");
    }

    function test_RevertWhen_PartyAlreadySigned() public {
        _sign(ALICE, 1, 0, "holder-tx1");
        vm.expectRevert(abi.encodeWithSelector(ITransactionRegistry.TransactionRegistry__AlreadySigned.selector, 1, 0));
        _sign(CAROL, 1, 0, "holder2-tx1");
    }

    function test_RevertWhen_Expired() public {
        vm.warp(DEADLINE + 1);
        assertEq(uint256(registry.statusOf(1)), uint256(ITransactionRegistry.Status.Expired), "expired");
        vm.expectRevert(
            abi.encodeWithSelector(ITransactionRegistry.TransactionRegistry__NotOpen.selector, 1, ITransactionRegistry.Status.Expired)
        );
        _sign(ALICE, 1, 0, "holder-tx1");
    }

    function test_RevertWhen_IntermediateRevokedAtSigningTime() public {
        store.revoke(sha256(fixture("pki/ca2.der")), uint64(NOW));
        vm.expectRevert(
            abi.encodeWithSelector(
                ITransactionRegistry.TransactionRegistry__PathNotTrusted.selector, ITrustStore.PathStatus.CertificateRevoked, 1
            )
        );
        _sign(ALICE, 1, 0, "holder-tx1");
    }

    function test_RevertWhen_AnchorSuspendedAtSigningTime() public {
        store.setStatus(ecRootHash, ITrustStore.AnchorStatus.Suspended);
        vm.expectRevert(
            abi.encodeWithSelector(
                ITransactionRegistry.TransactionRegistry__PathNotTrusted.selector, ITrustStore.PathStatus.AnchorSuspended, 1
            )
        );
        _sign(BOB, 1, 1, "echolder-tx1");
    }

    function test_RevertWhen_NoIdentity() public {
        vm.expectRevert(abi.encodeWithSelector(ITransactionRegistry.TransactionRegistry__NoIdentity.selector, address(0xDEAD)));
        _sign(address(0xDEAD), 1, 0, "holder-tx1");
    }

    function test_CancelsBeforeOthersSigned() public {
        _sign(ALICE, 1, 0, "holder-tx1"); // the creator's own signature does not block cancelling
        vm.prank(ALICE);
        registry.cancel(1);
        assertEq(uint256(registry.statusOf(1)), uint256(ITransactionRegistry.Status.Cancelled), "cancelled");
        vm.expectRevert(
            abi.encodeWithSelector(ITransactionRegistry.TransactionRegistry__NotOpen.selector, 1, ITransactionRegistry.Status.Cancelled)
        );
        _sign(BOB, 1, 1, "echolder-tx1");
    }

    function test_RevertWhen_CancelAfterAnotherPartySigned() public {
        _sign(BOB, 1, 1, "echolder-tx1");
        vm.expectRevert(abi.encodeWithSelector(ITransactionRegistry.TransactionRegistry__NotCancellable.selector, 1));
        vm.prank(ALICE);
        registry.cancel(1);
    }

    function test_RevertWhen_CancelByNonCreator() public {
        vm.expectRevert(abi.encodeWithSelector(ITransactionRegistry.TransactionRegistry__NotCreator.selector, BOB));
        vm.prank(BOB);
        registry.cancel(1);
    }

    function test_RevertWhen_CreateWithInvalidInput() public {
        vm.expectRevert(ITransactionRegistry.TransactionRegistry__NoParties.selector);
        registry.create(new ITransactionRegistry.Party[](0), bytes32(0), _terms(), DEADLINE);
        ITransactionRegistry.Party[] memory parties = new ITransactionRegistry.Party[](1);
        parties[0].country = "br";
        vm.expectRevert(abi.encodeWithSelector(ITransactionRegistry.TransactionRegistry__InvalidCountry.selector, bytes2("br")));
        registry.create(parties, bytes32(0), _terms(), DEADLINE);
        parties[0].country = "BR";
        vm.expectRevert(abi.encodeWithSelector(ITransactionRegistry.TransactionRegistry__DeadlinePassed.selector, uint64(NOW)));
        registry.create(parties, bytes32(0), _terms(), uint64(NOW));
    }

    /// @dev Random signed attributes end in a custom error, never a panic.
    function testFuzz_RandomSignedAttributesAreRefused(bytes calldata attrs) public {
        bytes memory sig = _sig("holder-tx1");
        vm.prank(ALICE);
        try registry.sign(1, 0, attrs, sig) {
            revert AssertionFailed("random signed attributes must not verify");
        } catch (bytes memory reason) {
            assertTrue(reason.length >= 4 && bytes4(reason) != bytes4(0x4e487b71), "a custom error, not a panic");
        }
    }

    /// @dev Malformed signed attributes end in a custom error, never a panic.
    function testFuzz_MutatedSignedAttributesAreRefused(uint256 position, uint8 flip) public {
        vm.assume(flip != 0);
        bytes memory attrs = _attrs("holder-tx1");
        attrs[position % attrs.length] ^= bytes1(flip);
        bytes memory sig = _sig("holder-tx1");
        vm.prank(ALICE);
        try registry.sign(1, 0, attrs, sig) {
            revert AssertionFailed("a changed signed attribute must not verify");
        } catch (bytes memory reason) {
            assertTrue(reason.length >= 4 && bytes4(reason) != bytes4(0x4e487b71), "a custom error, not a panic");
        }
    }

    // ------------------------------------------------------------------ helpers

    /// @dev r and s of a DER Ecdsa-Sig-Value (P-256: short-form lengths).
    function _decodeEcdsa(bytes memory sig) private pure returns (bytes32 r, uint256 s) {
        uint256 rLength = uint8(sig[3]);
        uint256 sLength = uint8(sig[5 + rLength]);
        uint256 rValue;
        for (uint256 i; i < rLength; i++) rValue = (rValue << 8) | uint8(sig[4 + i]);
        for (uint256 i; i < sLength; i++) s = (s << 8) | uint8(sig[6 + rLength + i]);
        r = bytes32(rValue);
    }

    function _encodeEcdsa(bytes32 r, uint256 s) private pure returns (bytes memory) {
        bytes memory rDer = _derInteger(uint256(r));
        bytes memory sDer = _derInteger(s);
        return bytes.concat(bytes1(0x30), bytes1(uint8(rDer.length + sDer.length)), rDer, sDer);
    }

    function _derInteger(uint256 v) private pure returns (bytes memory out) {
        bytes memory raw = abi.encodePacked(v);
        uint256 start;
        while (start < 31 && raw[start] == 0) start++;
        bool pad = uint8(raw[start]) >= 0x80;
        out = new bytes(2 + (pad ? 1 : 0) + 32 - start);
        out[0] = 0x02;
        out[1] = bytes1(uint8(out.length - 2));
        for (uint256 i = start; i < 32; i++) out[2 + (pad ? 1 : 0) + i - start] = raw[i];
    }

    function _replace(bytes memory data, bytes32 from, bytes32 to) private pure {
        for (uint256 i; i + 32 <= data.length; i++) {
            bytes32 word;
            assembly ("memory-safe") {
                word := mload(add(add(data, 32), i))
            }
            if (word == from) {
                assembly ("memory-safe") {
                    mstore(add(add(data, 32), i), to)
                }
                return;
            }
        }
        revert AssertionFailed("certificate hash not found in the signed attributes");
    }

    struct Vm_Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function _logs() private returns (Vm_Log[] memory out) {
        out = abi.decode(abi.encode(vm.getRecordedLogs()), (Vm_Log[]));
    }
}
