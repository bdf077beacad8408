// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

import {IdentityRegistry} from "../src/IdentityRegistry.sol";
import {TransactionRegistry} from "../src/TransactionRegistry.sol";
import {IIdentityRegistry} from "../src/interfaces/IIdentityRegistry.sol";
import {ITransactionRegistry} from "../src/interfaces/ITransactionRegistry.sol";
import {ITrustStore} from "../src/interfaces/ITrustStore.sol";
import {PkiSignature} from "../src/lib/PkiSignature.sol";
import {Sm2} from "../src/lib/Sm2.sol";
import {Sm3} from "../src/lib/Sm3.sol";
import {X509} from "../src/lib/X509.sol";
import {Sm2TestSigner} from "./utils/x509/Sm2TestSigner.sol";
import {TrustStoreDouble} from "./utils/x509/TrustStoreDouble.sol";
import {X509Test} from "./utils/x509/X509Test.sol";

/// @dev External entry points for the certificate checks of X509 with SM2.
contract Sm2X509Harness {
    function parse(bytes calldata der) external pure returns (X509.Certificate memory) {
        return X509.parse(der);
    }

    function verifyLink(bytes calldata child, bytes calldata issuer) external view returns (bool) {
        bytes memory c = child;
        bytes memory i = issuer;
        return X509.verifySignature(c, X509.parse(c), X509.parse(i).publicKey);
    }
}

/**
 * @dev SM2 on the ledger: real links of China's national PKI (ROOTCA -> CFCA CS SM2 CA, ROOTCA -> SHECA
 * SM2, from the shared test data), explicit SM2 parameters (a real e-seal certificate), and the all-SM2
 * test PKI of test/fixtures/x509/sm2pki (scripts/contracts/x509-sm2-fixtures.sh) registered and signing
 * a transaction, with proofs signed in the test by `Sm2TestSigner` (messageDigest SM3, GB/T 35275).
 */
contract Sm2RegistriesTest is X509Test {
    /// Private scalars of test/fixtures/x509/sm2pki/*.key.pem (printed by the fixtures script).
    uint256 internal constant SM2_CA_KEY = 0xa3155b508893aec0c4852ca83624fc30faf4bf4321bbf22d167b1c4efd518c57;
    uint256 internal constant SM2_HOLDER_KEY = 0xa32839dd61fe525ec4f253d666a55c232ece2c2bebb18020112b30734cbe043b;
    uint256 internal constant SM2_HOLDER2_KEY = 0x3cb23252645e849d4e7f9a8f00cd7fc2591f12258769658c10aeea9acbd5d798;
    address internal constant BOB = address(0xB0B);
    uint256 internal constant LATER = 1800000000; // 2027-01-15: inside the test PKI's validity
    address internal constant ALICE = address(0xA11CE);

    Sm2X509Harness internal harness;
    TrustStoreDouble internal store;
    IdentityRegistry internal identities;
    TransactionRegistry internal registry;
    bytes32 internal rootHash;
    bytes internal ca;
    bytes internal holder;

    function setUp() public {
        harness = new Sm2X509Harness();
        vm.warp(1735689600);
        store = new TrustStoreDouble();
        identities = new IdentityRegistry(ITrustStore(address(store)));
        registry = new TransactionRegistry(identities);
        rootHash = store.addAnchor(fixture("sm2pki/root.der"), "CN");
        ca = fixture("sm2pki/ca.der");
        holder = fixture("sm2pki/holder.der");
        vm.warp(LATER);
    }

    function _real(string memory name) private view returns (bytes memory) {
        return vm.readFileBinary(string.concat("test/fixtures/", name));
    }

    /// @dev CMS signed attributes for an SM2 signer: messageDigest = SM3(digest), signingCertificateV2.
    function _sm2Attributes(bytes32 digest, bytes memory der) private pure returns (bytes memory) {
        return bytes.concat(
            hex"316a302f06092a864886f70d01090431220420",
            Sm3.hash(abi.encodePacked(digest)),
            hex"3037060b2a864886f70d010910022f31283026302430220420",
            sha256(der)
        );
    }

    function _path() private view returns (bytes[] memory path) {
        path = new bytes[](2);
        (path[0], path[1]) = (holder, ca);
    }

    function _register(address who, uint256 key) private {
        bytes memory attrs = _sm2Attributes(identities.possessionDigestOf(who, X509.parse(holder).tbsHash), holder);
        bytes memory sig = Sm2TestSigner.sign(key, attrs);
        vm.prank(who);
        identities.register(_path(), rootHash, attrs, sig);
    }

    // ------------------------------------------------------------------ X.509

    function test_RealNationalRootSignsCfcaAndSheca() public view {
        bytes memory root = _real("cn-sm2-root.der");
        assertTrue(harness.verifyLink(_real("sm2/rootca__cfca-cs-sm2-ca.der"), root), "ROOTCA -> CFCA CS SM2 CA");
        assertTrue(harness.verifyLink(_real("sm2/rootca__sheca-sm2.der"), root), "ROOTCA -> SHECA SM2");
        assertTrue(harness.verifyLink(root, root), "ROOTCA self-signed");
        X509.Certificate memory cert = harness.parse(_real("sm2/rootca__cfca-cs-sm2-ca.der"));
        assertEq(uint256(cert.signatureAlgorithm), uint256(X509.SignatureAlgorithm.Sm2Sm3), "SM2-with-SM3");
    }

    function test_RevertWhen_RealLinkTampered() public view {
        bytes memory child = _real("sm2/rootca__cfca-cs-sm2-ca.der");
        X509.Certificate memory cert = harness.parse(child);
        child[cert.subjectOffset + 20] ^= 0x01; // a byte of the subject name, inside the signed part
        assertTrue(!harness.verifyLink(child, _real("cn-sm2-root.der")), "tampered link refused");
        assertTrue(!harness.verifyLink(_real("sm2/rootca__cfca-cs-sm2-ca.der"), _real("tongsuo-sm2-test-root.der")), "another SM2 key");
    }

    function test_ReadsExplicitSm2Parameters() public view {
        bytes memory der = _real("sm2/eseal-explicit-params.der");
        X509.Certificate memory cert = harness.parse(der);
        assertEq(cert.publicKey.curveOid, X509.OID_SM2_CURVE, "explicit parameters read as SM2");
        assertEq(cert.publicKey.point.length, 65, "uncompressed point");
    }

    function test_RevertWhen_ExplicitParametersAreAnotherCurve() public {
        bytes memory der = _real("sm2/eseal-explicit-params.der");
        uint256 at = _find(der, hex"042028e9fa9e"); // b = 28E9FA9E... as an OCTET STRING
        der[at + 10] ^= 0x01;
        X509.Certificate memory cert;
        vm.expectPartialRevert(X509.X509__UnsupportedExplicitCurve.selector);
        cert = harness.parse(der);
    }

    // ------------------------------------------------------------------ registries

    function test_RegistersSm2PathAndStoresZa() public {
        uint256 gasBefore = gasleft();
        _register(ALICE, SM2_HOLDER_KEY);
        uint256 used = gasBefore - gasleft();
        IIdentityRegistry.Identity memory id = identities.identityOf(ALICE);
        assertEq(uint256(id.keyType), uint256(IIdentityRegistry.KeyType.Sm2), "SM2 key");
        assertEq(id.key.length, 64, "x || y");
        (uint256 x, uint256 y) = Sm2TestSigner.mulG(SM2_HOLDER_KEY);
        assertEq(id.key, abi.encodePacked(x, y), "the holder's point");
        assertEq(id.exponent, abi.encodePacked(Sm2.za(x, y)), "ZA stored");
        assertTrue(id.country == bytes2("CN"), "country CN");
        assertTrue(used > 0, "gas measured");
    }

    /// @dev The second holder's path meets the CA in the cache, whose stored ZA checks the leaf's signature:
    /// a leaf the CA did not sign is still refused, the genuine one registers.
    function test_CachedSm2CaChecksTheNextLeafWithItsStoredZa() public {
        _register(ALICE, SM2_HOLDER_KEY);
        bytes memory holder2 = fixture("sm2pki/holder2.der");
        bytes memory forged = bytes.concat(holder2);
        forged[X509.parse(forged).subjectOffset + 20] ^= 0x01; // inside the signed part
        bytes[] memory path = new bytes[](2);
        (path[0], path[1]) = (forged, ca);
        bytes memory attrs = _sm2Attributes(identities.possessionDigestOf(BOB, X509.parse(forged).tbsHash), forged);
        bytes memory sig = Sm2TestSigner.sign(SM2_HOLDER2_KEY, attrs);
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(IIdentityRegistry.IdentityRegistry__InvalidSignature.selector, uint256(0)));
        identities.register(path, rootHash, attrs, sig);

        path[0] = holder2;
        attrs = _sm2Attributes(identities.possessionDigestOf(BOB, X509.parse(holder2).tbsHash), holder2);
        sig = Sm2TestSigner.sign(SM2_HOLDER2_KEY, attrs);
        vm.prank(BOB);
        identities.register(path, rootHash, attrs, sig);
        assertEq(uint256(identities.identityOf(BOB).keyType), uint256(IIdentityRegistry.KeyType.Sm2), "registered under the cached CA");
    }

    function test_RevertWhen_Sm2PossessionByAnotherKey() public {
        bytes memory attrs = _sm2Attributes(identities.possessionDigestOf(ALICE, X509.parse(holder).tbsHash), holder);
        bytes memory sig = Sm2TestSigner.sign(SM2_CA_KEY, attrs);
        vm.prank(ALICE);
        vm.expectRevert(PkiSignature.PkiSignature__InvalidSignature.selector);
        identities.register(_path(), rootHash, attrs, sig);
    }

    function test_RevertWhen_Sm2PossessionWithSha256Digest() public {
        bytes32 digest = identities.possessionDigestOf(ALICE, X509.parse(holder).tbsHash);
        bytes memory attrs = cmsAttributes(digest, sha256(holder)); // messageDigest SHA-256: not SM2's CMS
        bytes memory sig = Sm2TestSigner.sign(SM2_HOLDER_KEY, attrs);
        vm.prank(ALICE);
        vm.expectPartialRevert(PkiSignature.PkiSignature__MessageDigestMismatch.selector);
        identities.register(_path(), rootHash, attrs, sig);
    }

    function test_SignsTransactionWithSm2() public {
        _register(ALICE, SM2_HOLDER_KEY);
        ITransactionRegistry.Party[] memory parties = new ITransactionRegistry.Party[](1);
        parties[0] = ITransactionRegistry.Party({country: "CN", account: address(0)});
        ITransactionRegistry.Terms memory terms = ITransactionRegistry.Terms({
            amount: 1, decimals: 2, currency: "CNY", paymentReference: "SM2-1", memoHash: bytes32(0)
        });
        vm.prank(ALICE);
        uint256 id = registry.create(parties, bytes32(uint256(1)), terms, uint64(LATER + 1 days));
        bytes memory attrs = _sm2Attributes(registry.digestOf(id, 0, ALICE), holder);
        bytes memory sig = Sm2TestSigner.sign(SM2_HOLDER_KEY, attrs);
        bytes memory forged = Sm2TestSigner.sign(SM2_CA_KEY, attrs);
        vm.prank(ALICE);
        vm.expectRevert(PkiSignature.PkiSignature__InvalidSignature.selector);
        registry.sign(id, 0, attrs, forged);
        vm.prank(ALICE);
        registry.sign(id, 0, attrs, sig);
        assertEq(uint256(registry.statusOf(id)), uint256(ITransactionRegistry.Status.Completed), "signed with SM2");
    }

    function _find(bytes memory haystack, bytes memory needle) private pure returns (uint256) {
        for (uint256 i; i + needle.length <= haystack.length; i++) {
            bool found = true;
            for (uint256 j; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    found = false;
                    break;
                }
            }
            if (found) return i;
        }
        revert("not found");
    }
}
