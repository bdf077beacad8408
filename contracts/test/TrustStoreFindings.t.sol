// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.30;

// Tests cast string literals and values they have bounded themselves.
// forge-lint: disable-start(unsafe-typecast)

import {ANCHOR_COUNTRY_DIFFERS, ANCHOR_KEY_REUSED, ITrustStore} from "../src/interfaces/ITrustStore.sol";
import {Fixtures, RootFixture} from "./utils/Fixtures.sol";
import {TrustStoreBase} from "./utils/TrustStoreBase.sol";

/**
 * @notice Regression tests of the review "Trust that cannot be forged": each replays an exploit that
 * succeeded against the TrustStore of c5f9e08 and shows it refused now.
 */
contract TrustStoreFindingsTest is TrustStoreBase {
    function setUp() public override {
        super.setUp();
        _addAnchor(v5, "BR", brazil);
        _addAnchor(cnRoot, "CN", china);
    }

    // ------------------------------------------------------------------ 1. revocation belongs to its anchor

    /// Finding 1: China revoked Brazil's intermediate alone, backdated to 1970, for ever.
    function test_finding1_foreignBackdatedRevocationDoesNotTouchAnotherCountrysPath() public {
        bytes32 brIntermediate = Fixtures.intermediateHash();
        bytes32[] memory brPath = _path(brIntermediate, v5.hash);
        _warpBy(1000);

        // Under Brazil's anchor: only Brazil's members.
        vm.prank(china);
        vm.expectRevert(
            abi.encodeWithSelector(ITrustStore.TrustStore__NotMemberOfCountry.selector, china, bytes2("BR"))
        );
        store.revokeCertificate(v5.hash, brIntermediate, 1);
        // Under its own anchor China may record what it likes, effective now only ...
        vm.prank(china);
        store.revokeCertificate(cnRoot.hash, brIntermediate, 1);
        vm.assertEq(store.revocation(cnRoot.hash, brIntermediate).effectiveAt, START + 1000, "from its block");
        // ... and it never touches a path ending in Brazil's anchor.
        (ITrustStore.PathStatus status,) = store.checkPath(brPath, START);
        vm.assertEq(uint256(status), uint256(ITrustStore.PathStatus.Ok), "BR path before");
        (status,) = store.checkPath(brPath, START + 5000);
        vm.assertEq(uint256(status), uint256(ITrustStore.PathStatus.Ok), "BR path after");
        vm.assertFalse(store.isRevokedAt(v5.hash, brIntermediate, START + 5000), "nothing under v5");

        // Backdating needs a vote, and never to the epoch.
        vm.prank(china);
        vm.expectRevert(ITrustStore.TrustStore__InvalidRevocation.selector);
        store.proposeRevokeCertificate(cnRoot.hash, brIntermediate, 1, 0);

        // A mistaken record is not for ever: annulled by vote.
        _pass(brazil, portugal, abi.encodeCall(ITrustStore.proposeAnnulRevocation, (cnRoot.hash, brIntermediate)));
        vm.assertFalse(store.isRevokedAt(cnRoot.hash, brIntermediate, START + 5000), "annulled");
        vm.assertEq(store.revocation(cnRoot.hash, brIntermediate).version, 2, "history kept: version 2");
    }

    // ------------------------------------------------------------------ 2. identity is the tbsCertificate

    /// Finding 2: a retired root came back as a "new" anchor by re-encoding the outer certificate.
    function test_finding2_retiredRootCannotComeBackReencoded() public {
        _pass(brazil, china, abi.encodeCall(ITrustStore.proposeRetireAnchor, (v5.hash)));
        bytes memory der = v5.der;
        der[der.length - 1] = bytes1(uint8(der[der.length - 1]) ^ 1); // another signature, the same tbs
        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__AnchorExists.selector, v5.hash));
        store.proposeAddAnchor(der, "BR", 0);
        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__AnchorExists.selector, v5.hash));
        store.proposeAddAnchor(der, "BR", ANCHOR_KEY_REUSED);
    }

    /// Finding 2: a re-issued root with the key of a known (here retired) anchor needs ANCHOR_KEY_REUSED.
    function test_finding2_reissuedRootNeedsKeyReusedFlag() public {
        RootFixture memory a = Fixtures.root(Fixtures.PT_TEST_ROOT_A);
        RootFixture memory b = Fixtures.root(Fixtures.PT_TEST_ROOT_B);
        vm.assertEq(a.spkiHash, b.spkiHash, "fixtures share a key");
        vm.prank(portugal);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__UndeclaredException.selector, 0));
        store.proposeAddAnchor(a.der, "PT", ANCHOR_KEY_REUSED); // not reused yet: a false warning
        _addAnchor(a.der, "PT", 0, portugal);
        _pass(portugal, brazil, abi.encodeCall(ITrustStore.proposeRetireAnchor, (a.hash)));

        vm.prank(portugal);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__UndeclaredException.selector, ANCHOR_KEY_REUSED));
        store.proposeAddAnchor(b.der, "PT", 0);
        vm.prank(portugal);
        uint256 id = store.proposeAddAnchor(b.der, "PT", ANCHOR_KEY_REUSED);
        (,, uint8 shown) = abi.decode(store.proposal(id).data, (bytes, bytes2, uint8));
        vm.assertEq(shown, ANCHOR_KEY_REUSED, "voters see the flag in the proposal data");
        vm.prank(brazil);
        store.approve(id);
        vm.prank(brazil);
        store.execute(id);
        vm.assertEq(store.anchor(b.hash).exceptions, ANCHOR_KEY_REUSED, "recorded");
    }

    // ------------------------------------------------------------------ 5. proposals tied to their state

    /// Finding 5: an old approved "reinstate" undid a fresh emergency suspension, executed by a non-member.
    function test_finding5_staleReinstateCannotUndoFreshSuspension() public {
        vm.prank(brazil);
        store.suspendAnchor(v5.hash, "first");
        vm.prank(brazil);
        uint256 old = store.proposeReinstateAnchor(v5.hash);
        vm.assertEq(store.proposal(old).targetVersion, 2, "acts on history length 2");
        vm.prank(china);
        store.approve(old);
        // The exploit opened an equivalent second proposal to reinstate through: refused now.
        vm.prank(portugal);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__DuplicateProposal.selector, old));
        store.proposeReinstateAnchor(v5.hash);
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__NotMember.selector, outsider));
        store.execute(old);

        // Retire is proposed and approved while suspended; a fresh suspension cycle moves the history.
        vm.prank(china);
        uint256 retire = store.proposeRetireAnchor(v5.hash);
        vm.prank(portugal);
        store.approve(retire);
        vm.prank(china);
        store.execute(old); // reinstated: history 3
        vm.prank(brazil);
        store.suspendAnchor(v5.hash, "fresh compromise"); // history 4
        vm.assertTrue(store.proposal(retire).stale, "approved for history 2");
        vm.prank(china);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__StaleProposal.selector, retire));
        store.execute(retire);
        vm.prank(china);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__ProposalExecuted.selector, old));
        store.execute(old);
        vm.assertEq(uint256(store.anchor(v5.hash).status), uint256(ITrustStore.AnchorStatus.Suspended), "stays suspended");
    }

    /// Finding 5: approvals of membership and threshold applied after newer changes, by a non-member.
    function test_finding5_staleMembershipAndThresholdRefused() public {
        address ar = vm.addr(0xA0);
        vm.prank(brazil);
        uint256 addAr = store.proposeAddMember(ar, "AR", "x");
        vm.prank(china);
        store.approve(addAr);
        vm.prank(brazil);
        uint256 t3 = store.proposeThreshold(3);
        vm.prank(china);
        store.approve(t3);
        vm.prank(brazil);
        uint256 t1 = store.proposeThreshold(1);
        vm.prank(china);
        store.approve(t1);
        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__DuplicateProposal.selector, t1));
        store.proposeThreshold(1);

        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__NotMember.selector, outsider));
        store.execute(addAr);
        vm.prank(portugal);
        store.execute(addAr);
        vm.assertTrue(store.proposal(t1).stale && store.proposal(t3).stale, "both thresholds stale");
        vm.prank(portugal);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__StaleProposal.selector, t1));
        store.execute(t1);
        vm.prank(portugal);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__StaleProposal.selector, t3));
        store.execute(t3);
        vm.assertEq(store.threshold(), 0, "unchanged");
        // A stale proposal no longer blocks an equivalent one, made for the current membership.
        vm.prank(brazil);
        uint256 fresh = store.proposeThreshold(1);
        vm.assertEq(store.proposal(fresh).targetVersion, store.proposal(t1).targetVersion + 1, "next version");
    }

    // ------------------------------------------------------------------ 6. a root of its country

    /// Finding 6: an intermediate was voted in as a "root"; suspending the real root left it trusted.
    function test_finding6_onlySelfIssuedCaRootsBecomeAnchors() public {
        vm.prank(brazil);
        vm.expectRevert(ITrustStore.TrustStore__NotRootCertificate.selector);
        store.proposeAddAnchor(Fixtures.intermediateDer(), "BR", 0); // issuer != subject
        vm.prank(portugal);
        vm.expectRevert(ITrustStore.TrustStore__NotRootCertificate.selector);
        store.proposeAddAnchor(Fixtures.der(Fixtures.NOT_CA_SELF_SIGNED), "PT", 0); // cA false
        vm.prank(portugal);
        vm.expectRevert(ITrustStore.TrustStore__NotRootCertificate.selector);
        store.proposeAddAnchor(Fixtures.der(Fixtures.CA_WITHOUT_KEY_CERT_SIGN), "PT", 0); // no keyCertSign
    }

    /// Finding 6: the anchor's country was never compared with the certificate's.
    function test_finding6_countryMustMatchOrBeDeclared() public {
        RootFixture memory tongsuo = Fixtures.root(Fixtures.TONGSUO_SM2_TEST_ROOT); // C=AA
        vm.prank(china);
        vm.expectRevert(
            abi.encodeWithSelector(ITrustStore.TrustStore__UndeclaredException.selector, ANCHOR_COUNTRY_DIFFERS)
        );
        store.proposeAddAnchor(tongsuo.der, "CN", 0);
        vm.prank(brazil);
        vm.expectRevert(abi.encodeWithSelector(ITrustStore.TrustStore__UndeclaredException.selector, 0));
        store.proposeAddAnchor(v10.der, "BR", ANCHOR_COUNTRY_DIFFERS); // superfluous: a false warning
        // Portugal's root proposed as Brazil's: Brazil must say so.
        bytes memory ptRoot = Fixtures.root(Fixtures.PT_TEST_ROOT_A).der;
        vm.prank(brazil);
        vm.expectRevert(
            abi.encodeWithSelector(ITrustStore.TrustStore__UndeclaredException.selector, ANCHOR_COUNTRY_DIFFERS)
        );
        store.proposeAddAnchor(ptRoot, "BR", 0);
        vm.prank(brazil);
        store.proposeAddAnchor(ptRoot, "BR", ANCHOR_COUNTRY_DIFFERS);
        _addAnchor(tongsuo.der, "CN", ANCHOR_COUNTRY_DIFFERS, china);
        vm.assertEq(store.anchor(tongsuo.hash).exceptions, ANCHOR_COUNTRY_DIFFERS, "declared and recorded");
    }

    /// Finding 6: `openProposals()` read every open proposal (~6.3k gas each); now it is paged.
    function test_finding6_openProposalsPaged() public {
        for (uint256 i; i < 200; ++i) {
            vm.prank(brazil);
            store.proposeAddMember(address(uint160(0x5000 + i)), "AR", "candidate");
        }
        uint256 gasBefore = gasleft();
        ITrustStore.Proposal[] memory page = store.openProposals(0, 20);
        uint256 used = gasBefore - gasleft();
        vm.assertEq(page.length, 20, "one page");
        vm.assertTrue(used < 400_000, "a page costs what it holds, not what is open");
        ITrustStore.Proposal[] memory all = store.openProposals(0, type(uint256).max);
        vm.assertEq(all.length, 200, "all");
        ITrustStore.Proposal[] memory last = store.openProposals(190, 20);
        vm.assertEq(last.length, 10, "the tail");
        vm.assertEq(last[0].id, all[190].id, "offset among open proposals");
        vm.assertEq(store.openProposals(200, 5).length, 0, "past the end");
    }
}
