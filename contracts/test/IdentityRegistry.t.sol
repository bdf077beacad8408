// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {IdentityRegistry} from "../src/IdentityRegistry.sol";
import {IIdentityRegistry} from "../src/interfaces/IIdentityRegistry.sol";
import {ITrustStore} from "../src/interfaces/ITrustStore.sol";
import {X509} from "../src/lib/X509.sol";
import {X509Test} from "./utils/x509/X509Test.sol";
import {TrustStoreDouble} from "./utils/x509/TrustStoreDouble.sol";

/// @dev Fixtures: test/fixtures/x509/pki (scripts/contracts/x509-fixtures.sh): root -> ca1 (pathlen 1)
/// -> ca2 -> holder, holder2 (RSA-2048, digitalSignature + nonRepudiation), CAs valid 2025-2035, holders
/// 2026-01-01..2029-01-01; and real ICP-Brasil certificates in test/fixtures/x509/icp-brasil.
contract IdentityRegistryTest is X509Test {
    uint64 internal constant HOLDER_NOT_BEFORE = 1767225600; // 2026-01-01
    uint64 internal constant HOLDER_NOT_AFTER = 1861920000; // 2029-01-01
    uint64 internal constant CA_NOT_AFTER = 2051222400; // 2035-01-01
    uint256 internal constant NOW = 1780272000; // 2026-06-01

    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);

    TrustStoreDouble internal store;
    IdentityRegistry internal registry;
    bytes32 internal rootHash;
    bytes internal root;
    bytes internal ca1;
    bytes internal ca2;
    bytes internal holder;
    bytes internal holder2;

    function setUp() public virtual {
        vm.warp(1735689600); // 2025-01-01: the anchors enter the store
        store = new TrustStoreDouble();
        registry = new IdentityRegistry(ITrustStore(address(store)));
        root = fixture("pki/root.der");
        ca1 = fixture("pki/ca1.der");
        ca2 = fixture("pki/ca2.der");
        holder = fixture("pki/holder.der");
        holder2 = fixture("pki/holder2.der");
        rootHash = store.addAnchor(root, "BR");
        vm.warp(NOW);
    }

    function _path(bytes memory a, bytes memory b, bytes memory c) internal pure returns (bytes[] memory path) {
        path = new bytes[](3);
        (path[0], path[1], path[2]) = (a, b, c);
    }

    function _path(bytes memory a, bytes memory b) internal pure returns (bytes[] memory path) {
        path = new bytes[](2);
        (path[0], path[1]) = (a, b);
    }

    function _path(bytes memory a) internal pure returns (bytes[] memory path) {
        path = new bytes[](1);
        path[0] = a;
    }

    function _register(address account, bytes[] memory path, bytes32 anchorHash) internal {
        vm.prank(account);
        registry.register(path, anchorHash);
    }

    // ------------------------------------------------------------------ accepted paths

    function test_RegistersIcpBrasilShapedPath() public {
        _register(ALICE, _path(holder, ca2, ca1), rootHash);

        IIdentityRegistry.Identity memory id = registry.identityOf(ALICE);
        assertEq(id.certificateHash, sha256(holder), "certificate hash");
        assertEq(id.anchorHash, rootHash, "anchor");
        assertTrue(id.country == bytes2("BR"), "country from the anchor");
        assertEq(uint256(id.keyType), uint256(IIdentityRegistry.KeyType.Rsa), "RSA key");
        assertEq(id.key, X509.parse(holder).publicKey.modulus, "modulus stored");
        assertEq(id.exponent, hex"010001", "exponent stored");
        assertEq(id.notBefore, HOLDER_NOT_BEFORE, "notBefore");
        assertEq(id.notAfter, HOLDER_NOT_AFTER, "notAfter");
        assertEq(id.path.length, 4, "leaf, two intermediates, anchor");
        assertEq(id.path[1], sha256(ca2), "ca2 hash");
        assertEq(id.path[2], sha256(ca1), "ca1 hash");
        assertEq(id.path[3], rootHash, "anchor last");
        assertEq(registry.accountOf(sha256(holder)), ALICE, "certificate bound to Alice");
        assertTrue(registry.isVerifiedIntermediate(sha256(ca1), X509.parse(root).spkiHash), "ca1 cached under root");
        assertTrue(registry.isVerifiedIntermediate(sha256(ca2), X509.parse(ca1).spkiHash), "ca2 cached under ca1");
    }

    function test_EmitsTheCertificate() public {
        vm.recordLogs();
        _register(ALICE, _path(holder, ca2, ca1), rootHash);
        Vm_Log[] memory logs = _logs();
        bytes32 topic = keccak256("IdentityRegistered(address,bytes32,bytes32,bytes2,bytes32[],bytes)");
        bool found;
        for (uint256 i; i < logs.length; i++) {
            if (logs[i].topics[0] != topic) continue;
            (, , bytes memory certificate) = abi.decode(logs[i].data, (bytes2, bytes32[], bytes));
            assertEq(certificate, holder, "the event carries the certificate DER");
            found = true;
        }
        assertTrue(found, "IdentityRegistered emitted");
    }

    function test_Gas_RegisterColdThenCached() public {
        bytes[] memory alicesPath = _path(holder, ca2, ca1);
        bytes[] memory bobsPath = _path(holder2, ca2, ca1);
        vm.prank(ALICE);
        uint256 before = gasleft();
        registry.register(alicesPath, rootHash);
        uint256 cold = before - gasleft();
        vm.prank(BOB);
        before = gasleft();
        registry.register(bobsPath, rootHash);
        uint256 cached = before - gasleft();
        // Measured (forge 1.7.1): the call itself 2.04M cold, 634k cached under cancun; as a transaction
        // (`--isolate`, with the 21k base cost and about 4 KB of calldata) 2.13M and 742k; 2.46M and
        // 851k under osaka, whose modexp pricing (EIP-7883) makes RSA-4096 dearer.
        assertTrue(cold < 2_700_000, "cold registration under 2.7M gas");
        assertTrue(cached < 900_000, "cached registration under 900k gas");
    }

    function test_RegistersP256Path() public {
        bytes32 ecRoot = store.addAnchor(fixture("pki/ecroot.der"), "CN");
        _register(ALICE, _path(fixture("pki/echolder.der")), ecRoot);
        IIdentityRegistry.Identity memory id = registry.identityOf(ALICE);
        assertEq(uint256(id.keyType), uint256(IIdentityRegistry.KeyType.P256), "P-256 key");
        assertEq(id.key.length, 64, "x || y");
        assertTrue(id.country == bytes2("CN"), "country CN");
    }

    function test_RegistersRealIcpBrasilSslPath() public {
        vm.warp(1735689600); // 2025-01-01, inside nfce.fazenda.mg.gov.br's validity
        bytes32 raizV10 = store.addAnchor(fixture("icp-brasil/raiz-v10.der"), "BR");
        _register(
            ALICE, _path(fixture("icp-brasil/nfce-fazenda-mg.der"), fixture("icp-brasil/ac-certisign-ssl-ev-g4.der")), raizV10
        );
        assertEq(registry.identityOf(ALICE).key.length, 256, "RSA-2048 leaf bound");
    }

    function test_ReplacesAndWithdraws() public {
        _register(ALICE, _path(holder, ca2, ca1), rootHash);
        _register(ALICE, _path(holder2, ca2, ca1), rootHash);
        assertEq(registry.accountOf(sha256(holder)), address(0), "old certificate freed");
        assertEq(registry.identityOf(ALICE).certificateHash, sha256(holder2), "replaced");
        vm.prank(ALICE);
        registry.withdraw();
        assertTrue(!registry.hasIdentity(ALICE), "withdrawn");
        assertEq(registry.accountOf(sha256(holder2)), address(0), "certificate freed");
        _register(BOB, _path(holder2, ca2, ca1), rootHash);
        assertEq(registry.accountOf(sha256(holder2)), BOB, "another wallet may bind a freed certificate");
    }

    // ------------------------------------------------------------------ refused paths

    function test_RevertWhen_CertificateBoundToAnotherWallet() public {
        _register(ALICE, _path(holder, ca2, ca1), rootHash);
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__CertificateAlreadyBound.selector, sha256(holder), ALICE)
        );
        _register(BOB, _path(holder, ca2, ca1), rootHash);
    }

    function test_RevertWhen_ForgedLink() public {
        bytes memory forged = ca2;
        forged[forged.length - 10] ^= 0x01; // inside the signature
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__InvalidSignature.selector, 1));
        _register(ALICE, _path(holder, forged, ca1), rootHash);
    }

    function test_RevertWhen_SignedByAnotherKey() public {
        // An anchor with the root's name and another key: ca1's issuer name matches, its signature does not.
        bytes32 impostor = store.addAnchor(fixture("pki/impostor.der"), "BR");
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__InvalidSignature.selector, 2));
        _register(ALICE, _path(holder, ca2, ca1), impostor);
    }

    function test_RevertWhen_CachedUnderAnotherKey() public {
        _register(ALICE, _path(holder, ca2, ca1), rootHash); // ca1 cached under the root's key only
        bytes32 impostor = store.addAnchor(fixture("pki/impostor.der"), "BR");
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__InvalidSignature.selector, 2));
        _register(BOB, _path(holder2, ca2, ca1), impostor);
    }

    /// @dev Any changed byte in any certificate of the path ends in a custom error: nothing registers.
    function testFuzz_MutatedPathNeverRegisters(uint256 which, uint256 position, uint8 flip) public {
        vm.assume(flip != 0);
        bytes[] memory path = _path(holder, ca2, ca1);
        bytes memory target = path[which % 3];
        target[position % target.length] ^= bytes1(flip);
        vm.prank(ALICE);
        try registry.register(path, rootHash) {
            revert AssertionFailed("a mutated path registered");
        } catch (bytes memory reason) {
            assertTrue(reason.length >= 4 && bytes4(reason) != bytes4(0x4e487b71), "a custom error, not a panic");
        }
        assertTrue(!registry.hasIdentity(ALICE), "no identity");
    }

    function test_RevertWhen_IssuerSwapped() public {
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__IssuerMismatch.selector, 2));
        _register(ALICE, _path(holder, ca1, ca2), rootHash);
    }

    function test_RevertWhen_LeafExpired() public {
        vm.warp(HOLDER_NOT_AFTER + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__CertificateExpired.selector, 0, HOLDER_NOT_AFTER)
        );
        _register(ALICE, _path(holder, ca2, ca1), rootHash);
    }

    function test_RevertWhen_LeafNotYetValid() public {
        vm.warp(HOLDER_NOT_BEFORE - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__CertificateNotYetValid.selector, 0, HOLDER_NOT_BEFORE)
        );
        _register(ALICE, _path(holder, ca2, ca1), rootHash);
    }

    function test_RevertWhen_CachedIntermediateExpired() public {
        _register(ALICE, _path(holder, ca2, ca1), rootHash);
        vm.warp(CA_NOT_AFTER + 1); // the cached ca1 (index 2) expired: checked at every use
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__CertificateExpired.selector, 2, CA_NOT_AFTER));
        _register(BOB, _path(holder2, ca2, ca1), rootHash);
    }

    function test_RevertWhen_IssuerIsNotCa() public {
        // holder (CA:FALSE) issued undernonca; ca2 as the anchor isolates that link.
        bytes32 ca2Anchor = store.addAnchor(ca2, "BR");
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__IssuerNotCa.selector, 1));
        _register(ALICE, _path(fixture("pki/undernonca.der"), holder), ca2Anchor);
    }

    function test_RevertWhen_PathLengthExceeded() public {
        bytes[] memory path = new bytes[](4);
        (path[0], path[1], path[2], path[3]) = (fixture("pki/toodeep.der"), fixture("pki/ca3.der"), ca2, ca1);
        // ca1 (index 3) allows one intermediate below it; ca2 and ca3 are two.
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__PathLengthExceeded.selector, 3, 1));
        _register(ALICE, path, rootHash);
    }

    function test_RevertWhen_PathTooLong() public {
        bytes[] memory path = new bytes[](6);
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__PathTooLong.selector, 6, 5));
        _register(ALICE, path, rootHash);
    }

    function test_RevertWhen_EmptyPath() public {
        vm.expectRevert(IIdentityRegistry.IdentityRegistry__EmptyPath.selector);
        _register(ALICE, new bytes[](0), rootHash);
    }

    function test_RevertWhen_IntermediateRevoked() public {
        store.revoke(sha256(ca2), uint64(NOW - 1));
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__CertificateRevoked.selector, 1, sha256(ca2))
        );
        _register(ALICE, _path(holder, ca2, ca1), rootHash);
    }

    function test_RevertWhen_CachedIntermediateRevoked() public {
        _register(ALICE, _path(holder, ca2, ca1), rootHash);
        store.revoke(sha256(ca2), uint64(NOW));
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__CertificateRevoked.selector, 1, sha256(ca2))
        );
        _register(BOB, _path(holder2, ca2, ca1), rootHash);
    }

    function test_RevertWhen_AnchorSuspended() public {
        _register(ALICE, _path(holder, ca2, ca1), rootHash); // cached: status is still re-checked
        store.setStatus(rootHash, ITrustStore.AnchorStatus.Suspended);
        vm.expectRevert(
            abi.encodeWithSelector(
                IIdentityRegistry.IdentityRegistry__AnchorNotTrusted.selector, rootHash, ITrustStore.PathStatus.AnchorSuspended
            )
        );
        _register(BOB, _path(holder2, ca2, ca1), rootHash);
    }

    function test_RevertWhen_AnchorUnknown() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IIdentityRegistry.IdentityRegistry__AnchorNotTrusted.selector, bytes32(uint256(1)), ITrustStore.PathStatus.UnknownAnchor
            )
        );
        _register(ALICE, _path(holder, ca2, ca1), bytes32(uint256(1)));
    }

    function test_RevertWhen_LeafHasNoSigningKeyUsage() public {
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__LeafCannotSign.selector, X509.KU_KEY_ENCIPHERMENT)
        );
        _register(ALICE, _path(fixture("pki/encipherment.der"), ca2, ca1), rootHash);
    }

    function test_RevertWhen_UnknownCriticalExtension() public {
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__UnknownCriticalExtension.selector, 0));
        _register(ALICE, _path(fixture("pki/unknowncritical.der"), ca2, ca1), rootHash);
    }

    function test_RevertWhen_WithdrawWithoutIdentity() public {
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__NoIdentity.selector, ALICE));
        vm.prank(ALICE);
        registry.withdraw();
    }

    // ------------------------------------------------------------------ helpers

    struct Vm_Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function _logs() private returns (Vm_Log[] memory out) {
        bytes memory raw = abi.encode(vm.getRecordedLogs());
        out = abi.decode(raw, (Vm_Log[]));
    }
}
