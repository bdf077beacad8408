// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {IdentityRegistry} from "../src/IdentityRegistry.sol";
import {IIdentityRegistry} from "../src/interfaces/IIdentityRegistry.sol";
import {ITrustStore} from "../src/interfaces/ITrustStore.sol";
import {X509} from "../src/lib/X509.sol";
import {X509Test} from "./utils/x509/X509Test.sol";
import {TrustStoreDouble} from "./utils/x509/TrustStoreDouble.sol";
import {PkiSignature} from "../src/lib/PkiSignature.sol";

/// @dev Exposes the path check alone, for real certificates whose keys the tests do not hold.
contract IdentityRegistryHarness is IdentityRegistry {
    constructor(ITrustStore trustStore_) IdentityRegistry(trustStore_) {}

    function verifyPath(bytes[] calldata path, bytes32 anchorHash) external returns (bytes32[] memory, uint64, uint64) {
        VerifiedPath memory verified = _verifyPath(path, anchorHash);
        return (verified.hashes, verified.notBefore, verified.notAfter);
    }
}

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
    address internal constant DAVE = address(0xDA7E);

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

    /// @dev Registers with the proof of possession fixture cms/reg-<proof>.* (RSA holders).
    function _register(address account, bytes[] memory path, bytes32 anchorHash, string memory proof) internal {
        bytes memory attrs = fixture(string.concat("cms/reg-", proof, ".attrs.der"));
        bytes memory sig = fixture(string.concat("cms/reg-", proof, ".sig"));
        vm.prank(account);
        registry.register(path, anchorHash, attrs, sig);
    }

    /// @dev Registers a P-256 holder, signing the proof of possession with its test key.
    function _registerP256(address account, bytes[] memory path, bytes32 anchorHash, uint256 key) internal {
        (bytes memory attrs, bytes memory sig) = _possessionP256(account, path[0], key);
        vm.prank(account);
        registry.register(path, anchorHash, attrs, sig);
    }

    function _possessionP256(address account, bytes memory leaf, uint256 key)
        internal
        view
        returns (bytes memory attrs, bytes memory sig)
    {
        bytes32 digest = registry.possessionDigestOf(account, _tbs(leaf));
        return cmsSignP256(key, digest, leaf);
    }

    function _tbs(bytes memory der) internal pure returns (bytes32) {
        return X509.parse(der).tbsHash;
    }

    function _key(bytes memory der) internal pure returns (bytes32) {
        return X509.parse(der).spkiHash;
    }

    // ------------------------------------------------------------------ accepted paths

    function test_RegistersIcpBrasilShapedPath() public {
        _register(ALICE, _path(holder, ca2, ca1), rootHash, "holder-alice-0");

        IIdentityRegistry.Identity memory id = registry.identityOf(ALICE);
        assertEq(id.certificateHash, _tbs(holder), "certificate hash: the tbsCertificate's");
        assertEq(id.keyHash, _key(holder), "key hash");
        assertEq(id.derHash, sha256(holder), "DER hash, as signingCertificateV2 names it");
        assertEq(id.anchorHash, rootHash, "anchor");
        assertTrue(id.country == bytes2("BR"), "country from the anchor");
        assertEq(uint256(id.keyType), uint256(IIdentityRegistry.KeyType.Rsa), "RSA key");
        assertEq(id.key, X509.parse(holder).publicKey.modulus, "modulus stored");
        assertEq(id.exponent, hex"010001", "exponent stored");
        assertEq(id.notBefore, HOLDER_NOT_BEFORE, "path notBefore: the holder's, the latest");
        assertEq(id.notAfter, HOLDER_NOT_AFTER, "path notAfter: the holder's, the earliest");
        assertEq(id.path.length, 4, "leaf, two intermediates, anchor");
        assertEq(id.path[1], _tbs(ca2), "ca2 hash");
        assertEq(id.path[2], _tbs(ca1), "ca1 hash");
        assertEq(id.path[3], rootHash, "anchor last");
        assertEq(registry.accountOf(_key(holder)), ALICE, "key bound to Alice");
        assertEq(registry.registrationNonceOf(ALICE), 1, "one registration");
        assertTrue(registry.isVerifiedIntermediate(_tbs(ca1), X509.parse(root).spkiHash), "ca1 cached under root");
        assertTrue(registry.isVerifiedIntermediate(_tbs(ca2), X509.parse(ca1).spkiHash), "ca2 cached under ca1");
    }

    function test_EmitsTheCertificate() public {
        vm.recordLogs();
        _register(ALICE, _path(holder, ca2, ca1), rootHash, "holder-alice-0");
        Vm_Log[] memory logs = _logs();
        bytes32 topic = keccak256("IdentityRegistered(address,bytes32,bytes32,bytes32,bytes2,bytes32[],bytes)");
        bool found;
        for (uint256 i; i < logs.length; i++) {
            if (logs[i].topics[0] != topic) continue;
            assertEq(logs[i].topics[3], _key(holder), "the key hash is indexed");
            (,,, bytes memory certificate) = abi.decode(logs[i].data, (bytes32, bytes2, bytes32[], bytes));
            assertEq(certificate, holder, "the event carries the certificate DER");
            found = true;
        }
        assertTrue(found, "IdentityRegistered emitted");
    }

    function test_Gas_RegisterColdThenCached() public {
        bytes[] memory alicesPath = _path(holder, ca2, ca1);
        bytes[] memory bobsPath = _path(holder2, ca2, ca1);
        (bytes memory aliceAttrs, bytes memory aliceSig) = (fixture("cms/reg-holder-alice-0.attrs.der"), fixture("cms/reg-holder-alice-0.sig"));
        (bytes memory bobAttrs, bytes memory bobSig) = (fixture("cms/reg-holder2-bob-0.attrs.der"), fixture("cms/reg-holder2-bob-0.sig"));
        vm.prank(ALICE);
        uint256 before = gasleft();
        registry.register(alicesPath, rootHash, aliceAttrs, aliceSig);
        uint256 cold = before - gasleft();
        vm.prank(BOB);
        before = gasleft();
        registry.register(bobsPath, rootHash, bobAttrs, bobSig);
        uint256 cached = before - gasleft();
        // With the proof of possession, as transactions on anvil's default hardfork (npm run bench:gas, its
        // own freshly issued PKI): 2.21M cold, 844k cached. The proof adds a CMS read, an RSA-2048
        // verification and a call to the PkiVerifier; the identity keeps the key and DER hashes and the
        // path's window in its data contract.
        assertTrue(cold < 2_700_000, "cold registration under 2.7M gas");
        assertTrue(cached < 900_000, "cached registration under 900k gas");
    }

    function test_RegistersP256Path() public {
        bytes32 ecRoot = store.addAnchor(fixture("pki/ecroot.der"), "CN");
        _registerP256(ALICE, _path(fixture("pki/echolder.der")), ecRoot, ECHOLDER_KEY);
        IIdentityRegistry.Identity memory id = registry.identityOf(ALICE);
        assertEq(uint256(id.keyType), uint256(IIdentityRegistry.KeyType.P256), "P-256 key");
        assertEq(id.key.length, 64, "x || y");
        assertTrue(id.country == bytes2("CN"), "country CN");
    }

    /// @dev A real ICP-Brasil end-entity path (extendedKeyUsage serverAuth + clientAuth): the path check
    /// alone, since the test holds no key for a proof of possession.
    function test_AcceptsRealIcpBrasilSslPath() public {
        IdentityRegistryHarness harness = new IdentityRegistryHarness(ITrustStore(address(store)));
        vm.warp(1735689600); // 2025-01-01, inside nfce.fazenda.mg.gov.br's validity
        bytes32 raizV10 = store.addAnchor(fixture("icp-brasil/raiz-v10.der"), "BR");
        bytes memory nfce = fixture("icp-brasil/nfce-fazenda-mg.der");
        bytes memory ca = fixture("icp-brasil/ac-certisign-ssl-ev-g4.der");
        (bytes32[] memory hashes, uint64 notBefore, uint64 notAfter) = harness.verifyPath(_path(nfce, ca), raizV10);
        assertEq(hashes[0], _tbs(nfce), "leaf named by its tbsCertificate");
        assertEq(hashes[1], _tbs(ca), "CA named by its tbsCertificate");
        assertEq(notBefore, X509.parse(nfce).notBefore, "window starts with the leaf");
        assertEq(notAfter, X509.parse(nfce).notAfter, "window ends with the leaf");
        assertTrue(X509.parse(nfce).extKeyUsage & X509.EKU_CLIENT_AUTH != 0, "clientAuth read");
    }

    function test_ReplacesAndWithdraws() public {
        _register(ALICE, _path(holder, ca2, ca1), rootHash, "holder-alice-0");
        _register(ALICE, _path(holder2, ca2, ca1), rootHash, "holder2-alice-1");
        assertEq(registry.accountOf(_key(holder)), address(0), "old key freed");
        assertEq(registry.identityOf(ALICE).certificateHash, _tbs(holder2), "replaced");
        vm.prank(ALICE);
        registry.withdraw();
        assertTrue(!registry.hasIdentity(ALICE), "withdrawn");
        assertEq(registry.registrationNonceOf(ALICE), 2, "the nonce survives withdraw");
        assertEq(registry.accountOf(_key(holder2)), address(0), "key freed");
        _register(BOB, _path(holder2, ca2, ca1), rootHash, "holder2-bob-0");
        assertEq(registry.accountOf(_key(holder2)), BOB, "another wallet may bind a freed key");
    }

    // ------------------------------------------------------------------ refused paths

    function test_RevertWhen_KeyBoundToAnotherWallet() public {
        _register(ALICE, _path(holder, ca2, ca1), rootHash, "holder-alice-0");
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__KeyAlreadyBound.selector, _key(holder), ALICE)
        );
        _register(BOB, _path(holder, ca2, ca1), rootHash, "holder-bob-0");
    }

    function test_RevertWhen_ForgedLink() public {
        bytes memory forged = ca2;
        forged[forged.length - 10] ^= 0x01; // inside the signature
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__InvalidSignature.selector, 1));
        _register(ALICE, _path(holder, forged, ca1), rootHash, "holder-alice-0");
    }

    function test_RevertWhen_SignedByAnotherKey() public {
        // An anchor with the root's name and another key: ca1's issuer name matches, its signature does not.
        bytes32 impostor = store.addAnchor(fixture("pki/impostor.der"), "BR");
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__InvalidSignature.selector, 2));
        _register(ALICE, _path(holder, ca2, ca1), impostor, "holder-alice-0");
    }

    function test_RevertWhen_CachedUnderAnotherKey() public {
        _register(ALICE, _path(holder, ca2, ca1), rootHash, "holder-alice-0"); // ca1 cached under the root's key only
        bytes32 impostor = store.addAnchor(fixture("pki/impostor.der"), "BR");
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__InvalidSignature.selector, 2));
        _register(BOB, _path(holder2, ca2, ca1), impostor, "holder2-bob-0");
    }

    /// @dev Any changed byte in any certificate of the path ends in a custom error: nothing registers.
    function testFuzz_MutatedPathNeverRegisters(uint256 which, uint256 position, uint8 flip) public {
        vm.assume(flip != 0);
        bytes[] memory path = _path(holder, ca2, ca1);
        bytes memory target = path[which % 3];
        target[position % target.length] ^= bytes1(flip);
        bytes memory attrs = fixture("cms/reg-holder-alice-0.attrs.der");
        bytes memory sig = fixture("cms/reg-holder-alice-0.sig");
        vm.prank(ALICE);
        try registry.register(path, rootHash, attrs, sig) {
            revert AssertionFailed("a mutated path registered");
        } catch (bytes memory reason) {
            assertTrue(reason.length >= 4 && bytes4(reason) != bytes4(0x4e487b71), "a custom error, not a panic");
        }
        assertTrue(!registry.hasIdentity(ALICE), "no identity");
    }

    function test_RevertWhen_IssuerSwapped() public {
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__IssuerMismatch.selector, 2));
        _register(ALICE, _path(holder, ca1, ca2), rootHash, "holder-alice-0");
    }

    function test_RevertWhen_LeafExpired() public {
        vm.warp(HOLDER_NOT_AFTER + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__CertificateExpired.selector, 0, HOLDER_NOT_AFTER)
        );
        _register(ALICE, _path(holder, ca2, ca1), rootHash, "holder-alice-0");
    }

    function test_RevertWhen_LeafNotYetValid() public {
        vm.warp(HOLDER_NOT_BEFORE - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__CertificateNotYetValid.selector, 0, HOLDER_NOT_BEFORE)
        );
        _register(ALICE, _path(holder, ca2, ca1), rootHash, "holder-alice-0");
    }

    function test_RevertWhen_CachedIntermediateExpired() public {
        _register(ALICE, _path(holder, ca2, ca1), rootHash, "holder-alice-0");
        vm.warp(CA_NOT_AFTER + 1); // the cached ca1 (index 2) expired: checked at every use
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__CertificateExpired.selector, 2, CA_NOT_AFTER));
        _register(BOB, _path(holder2, ca2, ca1), rootHash, "holder2-bob-0");
    }

    function test_RevertWhen_IssuerIsNotCa() public {
        // holder (CA:FALSE) issued undernonca; ca2 as the anchor isolates that link.
        bytes32 ca2Anchor = store.addAnchor(ca2, "BR");
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__IssuerNotCa.selector, 1));
        _register(ALICE, _path(fixture("pki/undernonca.der"), holder), ca2Anchor, "holder-alice-0");
    }

    function test_RevertWhen_PathLengthExceeded() public {
        bytes[] memory path = new bytes[](4);
        (path[0], path[1], path[2], path[3]) = (fixture("pki/toodeep.der"), fixture("pki/ca3.der"), ca2, ca1);
        // ca1 (index 3) allows one intermediate below it; ca2 and ca3 are two.
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__PathLengthExceeded.selector, 3, 1));
        _register(ALICE, path, rootHash, "holder-alice-0");
    }

    function test_RevertWhen_PathTooLong() public {
        bytes[] memory path = new bytes[](6);
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__PathTooLong.selector, 6, 5));
        _register(ALICE, path, rootHash, "holder-alice-0");
    }

    function test_RevertWhen_EmptyPath() public {
        vm.expectRevert(IIdentityRegistry.IdentityRegistry__EmptyPath.selector);
        _register(ALICE, new bytes[](0), rootHash, "holder-alice-0");
    }

    function test_RevertWhen_IntermediateRevoked() public {
        store.revoke(rootHash, _tbs(ca2), uint64(NOW - 1));
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__CertificateRevoked.selector, 1, _tbs(ca2))
        );
        _register(ALICE, _path(holder, ca2, ca1), rootHash, "holder-alice-0");
    }

    function test_RevertWhen_CachedIntermediateRevoked() public {
        _register(ALICE, _path(holder, ca2, ca1), rootHash, "holder-alice-0");
        store.revoke(rootHash, _tbs(ca2), uint64(NOW));
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__CertificateRevoked.selector, 1, _tbs(ca2))
        );
        _register(BOB, _path(holder2, ca2, ca1), rootHash, "holder2-bob-0");
    }

    function test_RevertWhen_AnchorSuspended() public {
        _register(ALICE, _path(holder, ca2, ca1), rootHash, "holder-alice-0"); // cached: status is still re-checked
        store.setStatus(rootHash, ITrustStore.AnchorStatus.Suspended);
        vm.expectRevert(
            abi.encodeWithSelector(
                IIdentityRegistry.IdentityRegistry__AnchorNotTrusted.selector, rootHash, ITrustStore.PathStatus.AnchorSuspended
            )
        );
        _register(BOB, _path(holder2, ca2, ca1), rootHash, "holder2-bob-0");
    }

    function test_RevertWhen_AnchorUnknown() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IIdentityRegistry.IdentityRegistry__AnchorNotTrusted.selector, bytes32(uint256(1)), ITrustStore.PathStatus.UnknownAnchor
            )
        );
        _register(ALICE, _path(holder, ca2, ca1), bytes32(uint256(1)), "holder-alice-0");
    }

    function test_RevertWhen_LeafHasNoSigningKeyUsage() public {
        vm.expectRevert(
            abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__LeafCannotSign.selector, X509.KU_KEY_ENCIPHERMENT)
        );
        _register(ALICE, _path(fixture("pki/encipherment.der"), ca2, ca1), rootHash, "holder-alice-0");
    }

    function test_RevertWhen_UnknownCriticalExtension() public {
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__UnknownCriticalExtension.selector, 0));
        _register(ALICE, _path(fixture("pki/unknowncritical.der"), ca2, ca1), rootHash, "holder-alice-0");
    }

    function test_RevertWhen_WithdrawWithoutIdentity() public {
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__NoIdentity.selector, ALICE));
        vm.prank(ALICE);
        registry.withdraw();
    }

    // ------------------------------------------------------------------ review findings (regressions)

    /// @dev Finding 2: an ECDSA-signed certificate's (r, n - s) twin is new DER bytes with the same signed
    /// part. A revoked leaf must stay revoked through its twin (on c5f9e08 the twin registered).
    function test_RevertWhen_RevokedLeafRegistersThroughItsTwin() public {
        bytes32 ecRoot = store.addAnchor(fixture("pki/ecroot.der"), "CN");
        bytes memory leaf = fixture("pki/echolder.der");
        bytes memory twin = twinOf(leaf);
        assertTrue(keccak256(twin) != keccak256(leaf), "other bytes");
        assertEq(_tbs(twin), _tbs(leaf), "same tbsCertificate");
        store.revoke(ecRoot, _tbs(leaf), uint64(NOW - 1));
        (bytes memory attrs, bytes memory sig) = _possessionP256(DAVE, twin, ECHOLDER_KEY);
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__CertificateRevoked.selector, 0, _tbs(leaf)));
        vm.prank(DAVE);
        registry.register(_path(twin), ecRoot, attrs, sig);
    }

    /// @dev Finding 2: a revoked sub-CA must not chain through its twin (on c5f9e08 its stolen key could
    /// still mint holders that registered after the revocation).
    function test_RevertWhen_RevokedCaChainsThroughItsTwin() public {
        bytes32 ecRoot = store.addAnchor(fixture("pki/ecroot.der"), "CN");
        bytes memory ca = fixture("pki/ecca.der");
        store.revoke(ecRoot, _tbs(ca), uint64(NOW - 1));
        bytes memory leaf = fixture("pki/echolder2.der");
        (bytes memory attrs, bytes memory sig) = _possessionP256(DAVE, leaf, ECHOLDER2_KEY);
        bytes[] memory path = _path(leaf, twinOf(ca)); // sha256 calls: before expectRevert
        bytes32 caTbs = _tbs(ca);
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__CertificateRevoked.selector, 1, caTbs));
        vm.prank(DAVE);
        registry.register(path, ecRoot, attrs, sig);
    }

    /// @dev Finding 2: one key, one wallet, whatever encoding of whatever certificate carries it.
    function test_RevertWhen_TwinBindsTheSameKeyToAnotherWallet() public {
        bytes32 ecRoot = store.addAnchor(fixture("pki/ecroot.der"), "CN");
        bytes memory leaf = fixture("pki/echolder.der");
        _registerP256(BOB, _path(leaf), ecRoot, ECHOLDER_KEY);
        bytes memory twin = twinOf(leaf);
        (bytes memory attrs, bytes memory sig) = _possessionP256(DAVE, twin, ECHOLDER_KEY);
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__KeyAlreadyBound.selector, _key(leaf), BOB));
        vm.prank(DAVE);
        registry.register(_path(twin), ecRoot, attrs, sig);
    }

    /// @dev Finding 2: strict DER. A non-minimal INTEGER in the ECDSA signature is not the certificate.
    function test_RevertWhen_NonMinimalSignatureEncoding() public {
        bytes32 ecRoot = store.addAnchor(fixture("pki/ecroot.der"), "CN");
        bytes memory leaf = fixture("pki/echolder.der");
        bytes memory variant = nonMinimalTwinOf(leaf);
        (bytes memory attrs, bytes memory sig) = _possessionP256(DAVE, variant, ECHOLDER_KEY);
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__InvalidSignature.selector, 0));
        vm.prank(DAVE);
        registry.register(_path(variant), ecRoot, attrs, sig);
    }

    /// @dev Finding 3: a public certificate alone binds nothing (on c5f9e08 a stranger bound Alice's
    /// certificate, and Alice was locked out).
    function test_RevertWhen_StrangerRegistersWithoutTheKey() public {
        bytes[] memory path = _path(holder, ca2, ca1);
        // Alice's own proof of possession is for Alice's wallet: replayed by Bob, its digest differs.
        bytes memory attrs = fixture("cms/reg-holder-alice-0.attrs.der");
        bytes memory sig = fixture("cms/reg-holder-alice-0.sig");
        vm.expectPartialRevert(PkiSignature.PkiSignature__MessageDigestMismatch.selector);
        vm.prank(BOB);
        registry.register(path, rootHash, attrs, sig);
        // Bob's proof for his own certificate, offered for the holder's: made for another identity.
        bytes memory bobsAttrs = fixture("cms/reg-holder2-bob-0.attrs.der");
        bytes memory bobsSig = fixture("cms/reg-holder2-bob-0.sig");
        vm.expectPartialRevert(PkiSignature.PkiSignature__MessageDigestMismatch.selector);
        vm.prank(BOB);
        registry.register(path, rootHash, bobsAttrs, bobsSig);
        // The holder is not locked out.
        _register(ALICE, path, rootHash, "holder-alice-0");
        assertEq(registry.accountOf(_key(holder)), ALICE, "Alice bound her key");
    }

    function test_RevertWhen_PossessionSignatureInvalid() public {
        bytes memory sig = fixture("cms/reg-holder-alice-0.sig");
        sig[10] ^= 0x01;
        bytes memory attrs = fixture("cms/reg-holder-alice-0.attrs.der");
        vm.expectRevert(PkiSignature.PkiSignature__InvalidSignature.selector);
        vm.prank(ALICE);
        registry.register(_path(holder, ca2, ca1), rootHash, attrs, sig);
    }

    /// @dev Finding 3: the nonce makes each proof of possession good for one registration.
    function test_RevertWhen_PossessionReplayedAfterWithdraw() public {
        _register(ALICE, _path(holder, ca2, ca1), rootHash, "holder-alice-0");
        vm.prank(ALICE);
        registry.withdraw();
        vm.expectPartialRevert(PkiSignature.PkiSignature__MessageDigestMismatch.selector);
        _register(ALICE, _path(holder, ca2, ca1), rootHash, "holder-alice-0");
        _register(ALICE, _path(holder, ca2, ca1), rootHash, "holder-alice-1");
        assertEq(registry.registrationNonceOf(ALICE), 2, "two registrations");
    }

    function test_PossessionDigestMatchesTheFixture() public view {
        assertEq(
            registry.possessionDigestOf(ALICE, _tbs(holder)), bytes32(fixture("cms/reg-holder-alice-0.digest")), "viem's digest"
        );
    }

    /// @dev Finding 6: a CA certificate is not a signing identity.
    function test_RevertWhen_LeafIsCa() public {
        bytes32 ecRoot = store.addAnchor(fixture("pki/ecroot.der"), "CN");
        vm.expectRevert(IIdentityRegistry.IdentityRegistry__LeafIsCa.selector);
        vm.prank(DAVE);
        registry.register(_path(fixture("pki/ecca.der")), ecRoot, "", "");
    }

    /// @dev Finding 6: extendedKeyUsage is honoured.
    function test_RevertWhen_LeafPurposeNotAllowed() public {
        bytes32 ecRoot = store.addAnchor(fixture("pki/ecroot.der"), "CN");
        vm.expectRevert(IIdentityRegistry.IdentityRegistry__LeafPurposeNotAllowed.selector);
        vm.prank(DAVE);
        registry.register(_path(fixture("pki/eceku-server.der")), ecRoot, "", "");
    }

    function test_RegistersLeavesWithSigningPurposes() public {
        bytes32 ecRoot = store.addAnchor(fixture("pki/ecroot.der"), "CN");
        _registerP256(DAVE, _path(fixture("pki/eceku-icp.der")), ecRoot, ECEKU_ICP_KEY); // clientAuth + emailProtection
        _registerP256(BOB, _path(fixture("pki/eceku-docsign.der")), ecRoot, ECEKU_DOCSIGN_KEY); // documentSigning
        assertTrue(registry.hasIdentity(DAVE) && registry.hasIdentity(BOB), "both bound");
    }

    /// @dev Finding 6: the stored window is the path's, not the leaf's.
    function test_StoresThePathValidityWindow() public {
        bytes32 ecRoot = store.addAnchor(fixture("pki/ecroot.der"), "CN");
        bytes memory leaf = fixture("pki/echolder3.der");
        bytes memory ca = fixture("pki/eccashort.der");
        _registerP256(DAVE, _path(leaf, ca), ecRoot, ECHOLDER3_KEY);
        IIdentityRegistry.Identity memory id = registry.identityOf(DAVE);
        assertEq(id.notBefore, X509.parse(leaf).notBefore, "the latest notBefore: the leaf's");
        assertEq(id.notAfter, X509.parse(ca).notAfter, "the earliest notAfter: the CA's");
        assertTrue(id.notAfter < X509.parse(leaf).notAfter, "before the leaf's own");
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
